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
  /** Pictures the page shows (`<img src>`, lazy or not): bytes as sent, gzip for SVG. */
  images: number;
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

/** `size` gives a file's bytes on disk (for raster pictures, which `read` cannot carry as text). */
export function pageWeight(pagePath: string, html: string, read: (path: string) => string | undefined, size: (path: string) => number | undefined = () => undefined): PageWeight {
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
  let images = 0;
  for (const src of new Set([...html.matchAll(/<img\b[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1] ?? ''))) {
    if (src.startsWith('data:')) continue;
    const path = resolveUrl(pagePath, src);
    const svg = src.endsWith('.svg') ? read(path) : undefined;
    images += svg !== undefined ? gz(svg) : (size(path) ?? 0);
  }
  return { html: gz(html), css, js, images, scripts: [...seen] };
}
