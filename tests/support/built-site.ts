/** A build as the tests read it: its HTML pages, and everything the link checker needs. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative as relativePath, sep } from 'node:path';
import type { BuiltSite } from './links.ts';

/** The HTML pages of a build, by URL path: `/en/guides/x/` for `en/guides/x/index.html`, `/404.html`. */
export function builtHtml(dist = 'dist'): Map<string, string> {
  const pages = new Map<string, string>();
  for (const f of readdirSync(dist, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!f.endsWith('.html')) continue;
    const path = `/${f.split(sep).join('/')}`.replace(/(^|\/)index\.html$/, '$1');
    pages.set(path, readFileSync(join(dist, f), 'utf8'));
  }
  return pages;
}

/**
 * A build folder as served under `base` (`/` or `/docs/`): every URL path carries the base, as a
 * browser sees it. The manifest is the one Base.astro links, `<base>manifest.webmanifest`.
 */
export function builtSite(dist = 'dist', base = '/'): BuiltSite {
  const prefix = base.replace(/\/$/, '');
  const relative = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relativePath(dist, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort();
  const stylesheets = new Map(relative.filter((f) => f.endsWith('.css')).map((f) => [`${prefix}/${f}`, readFileSync(join(dist, f), 'utf8')]));
  const pages = new Map([...builtHtml(dist)].map(([path, html]) => [`${prefix}${path}`, html]));
  const manifestFile = join(dist, 'manifest.webmanifest');
  return {
    base,
    pages,
    files: new Set(relative.map((f) => `${prefix}/${f}`)),
    stylesheets,
    manifest: existsSync(manifestFile) ? { path: `${prefix}/manifest.webmanifest`, text: readFileSync(manifestFile, 'utf8') } : undefined,
  };
}
