/**
 * Every URL the site links to is built here, so the route shapes the outside world relies on
 * (`/<lang>/guides/<slug>/`, `/<lang>/search/`, `/<lang>/triage/`) are written once.
 * `base` is Astro's `import.meta.env.BASE_URL` (always ends with a slash when trailingSlash is 'always').
 */
import { LANGS, type Lang } from './i18n/langs.ts';

function join(base: string, path: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${path}`;
}

export const paths = {
  root: (base = '/') => join(base, ''),
  home: (lang: Lang, base = '/') => join(base, `${lang}/`),
  guide: (lang: Lang, slug: string, base = '/') => join(base, `${lang}/guides/${slug}/`),
  search: (lang: Lang, base = '/') => join(base, `${lang}/search/`),
  triage: (lang: Lang, base = '/') => join(base, `${lang}/triage/`),
  /** Every guide's verified commands; `slug` links to that guide's part. */
  verified: (lang: Lang, base = '/', slug?: string) => join(base, `${lang}/verified/${slug === undefined ? '' : `#${slug}`}`),
  /** A triage step; the start node is the tree's own page. */
  triageStep: (lang: Lang, tree: string, node: string | undefined, base = '/') =>
    join(base, `${lang}/triage/${tree}/${node === undefined ? '' : `${node}/`}`),
};

const LANG_SEGMENT = new RegExp(`^(${LANGS.join('|')})(/|$)`);

/** The same page in the other language: swaps the leading language segment after `base`. */
export function switchLangPath(pathname: string, to: Lang, base = '/'): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const rest = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : pathname.replace(/^\//, '');
  const swapped = rest.replace(LANG_SEGMENT, `${to}/`);
  return join(prefix, swapped === rest ? `${to}/` : swapped);
}
