import { readdirSync } from 'node:fs';
import { sep } from 'node:path';

/** URL paths of every HTML page in dist/ (`/en/guides/x/`, `/404.html`). */
export function builtPages(): string[] {
  return readdirSync('dist', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => `/${f.split(sep).join('/')}`.replace(/index\.html$/, ''))
    .sort();
}

/** Guide pages only: `/<lang>/guides/<slug>/`. */
export function guidePages(lang?: 'zh' | 'en'): string[] {
  return builtPages().filter((p) => /^\/(zh|en)\/guides\/[^/]+\/$/.test(p) && (!lang || p.startsWith(`/${lang}/`)));
}
