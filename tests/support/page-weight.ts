/**
 * What a page costs on first load, from the built files: gzip bytes of its HTML, of the
 * stylesheets it links, and of the JavaScript that runs at start (inline scripts, module scripts
 * and everything they import statically; dynamic import() is on-demand and not counted).
 * Pure over a file reader, so the dist test and the benchmark share it.
 */
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  html: number;
  css: number;
  js: number;
  /** Files of JavaScript counted at start (for messages). */
  scripts: string[];
}

export const gz = (text: string | Uint8Array): number => gzipSync(text, { level: 9 }).length;

function staticImports(js: string): string[] {
  const out: string[] = [];
  for (const m of js.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) out.push(m[1] ?? '');
  return out;
}

function resolveUrl(from: string, spec: string): string {
  return new URL(spec, `http://site${from}`).pathname;
}

export function pageWeight(pagePath: string, html: string, read: (path: string) => string | undefined): PageWeight {
  let css = 0;
  for (const m of html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) {
    const text = read(resolveUrl(pagePath, m[1] ?? ''));
    if (text !== undefined) css += gz(text);
  }
  const seen = new Set<string>();
  let js = 0;
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = read(path);
    if (text === undefined) return;
    js += gz(text);
    for (const spec of staticImports(text)) visit(resolveUrl(path, spec));
  };
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1] ?? '';
    const src = /\ssrc="([^"]+)"/.exec(attrs)?.[1];
    if (/type="application\/(?:ld\+)?json"/.test(attrs)) continue;
    if (src) visit(resolveUrl(pagePath, src));
    else {
      js += gz(m[2] ?? '');
      for (const spec of staticImports(m[2] ?? '')) visit(resolveUrl(pagePath, spec));
    }
  }
  return { html: gz(html), css, js, scripts: [...seen] };
}
