/** The HTML pages of a build, by URL path: `/en/guides/x/` for `en/guides/x/index.html`, `/404.html`. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

export function builtHtml(dist = 'dist'): Map<string, string> {
  const pages = new Map<string, string>();
  for (const f of readdirSync(dist, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!f.endsWith('.html')) continue;
    const path = `/${f.split(sep).join('/')}`.replace(/(^|\/)index\.html$/, '$1');
    pages.set(path, readFileSync(join(dist, f), 'utf8'));
  }
  return pages;
}
