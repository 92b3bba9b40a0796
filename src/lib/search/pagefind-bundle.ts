/**
 * Pagefind indexes each language on its own (one index, one `pf_meta`, its own chunks); the bundle's
 * `pagefind-entry.json` lists them. Indexing each language in its own Pagefind run and merging the
 * entries gives the same bundle as one run (same hashes, same files), at the peak memory of the
 * largest language instead of all of them: Pagefind holds every page it read until it writes.
 */

export interface PagefindLanguage {
  hash: string;
  wasm: string | null;
  page_count: number;
}

export interface PagefindEntry {
  version: string;
  languages: Record<string, PagefindLanguage>;
  include_characters?: string[];
  [key: string]: unknown;
}

/** One entry listing every run's languages; runs that disagree on anything else are an error. */
export function mergeEntries(runs: ReadonlyArray<{ name: string; entry: PagefindEntry }>): PagefindEntry {
  const [first] = runs;
  if (!first) throw new Error('Pagefind: no index runs to merge');
  const { languages: _first, ...expected } = first.entry;
  const languages: Record<string, PagefindLanguage> = {};
  const from: Record<string, string> = {};
  for (const { name, entry } of runs) {
    const { languages: own, ...rest } = entry;
    if (JSON.stringify(rest) !== JSON.stringify(expected)) {
      throw new Error(`Pagefind: the ${name} run wrote ${JSON.stringify(rest)}, the ${first.name} run ${JSON.stringify(expected)}; runs must share version and options`);
    }
    for (const [lang, info] of Object.entries(own)) {
      if (from[lang]) throw new Error(`Pagefind: language ${lang} was indexed by both the ${from[lang]} and the ${name} run`);
      languages[lang] = info;
      from[lang] = name;
    }
  }
  return { ...first.entry, languages };
}

/** What marks a page's searchable part; Pagefind indexes only pages that have it, once one has. */
export const PAGEFIND_BODY = 'data-pagefind-body';

/**
 * The glob of one language's Pagefind run: only the folders (under `<lang>/`) that hold a page
 * with `data-pagefind-body`. Pagefind ignores the other pages anyway once any page is marked, but
 * it reads and keeps them first: at 3,000 guides per language that was some 19,000 error pages
 * per language, read for nothing. `pages` are paths under the site root (`zh/guides/x/index.html`).
 * A language with no marked page is an error: Pagefind would then index every page whole.
 */
export function pagefindGlob(lang: string, pages: ReadonlyArray<{ path: string; marked: boolean }>): string {
  const folders = new Set<string>();
  for (const { path, marked } of pages) {
    const rest = path.startsWith(`${lang}/`) ? path.slice(lang.length + 1) : undefined;
    if (!marked || rest === undefined) continue;
    const slash = rest.indexOf('/');
    folders.add(slash === -1 ? '*.html' : `${rest.slice(0, slash)}/**/*.html`);
  }
  if (folders.size === 0) throw new Error(`Pagefind: no page under ${lang}/ has ${PAGEFIND_BODY}; nothing to index`);
  const parts = [...folders].sort();
  return parts.length === 1 ? `${lang}/${parts[0] ?? ''}` : `${lang}/{${parts.join(',')}}`;
}

/**
 * Pages one Pagefind run indexes at most. Pagefind holds every page of a run until it writes, and
 * copies each language's pages once more while indexing: a Chinese run of 3,000 guide pages peaked
 * at 2.59 GB, one of 1,500 at 1.37 GB (bench corpus). A language with more pages is indexed in
 * several runs, each a bundle of its own that the browser merges (Pagefind's `mergeIndex`).
 * `ARYA_PAGEFIND_PAGES_PER_RUN` overrides it (the sub-path build of npm test uses 5, so the merge
 * is tested on the real guide).
 */
export const PAGES_PER_RUN = 1_500;

/** The pages of one language (paths under the site root), cut into runs: in path order, sizes within one of each other. */
export function pagefindRuns(pages: readonly string[], perRun: number): string[][] {
  if (!Number.isInteger(perRun) || perRun < 1) throw new Error(`Pagefind: pages per run must be a whole number of at least 1, not ${String(perRun)}`);
  const sorted = [...pages].sort();
  const count = Math.max(1, Math.ceil(sorted.length / perRun));
  return Array.from({ length: count }, (_, k) => sorted.slice(Math.floor((k * sorted.length) / count), Math.floor(((k + 1) * sorted.length) / count)));
}

/**
 * `pagefind/bundles.json`: per site language, the folders (under pagefind/) of the bundles that its
 * second and later runs wrote, which the browser merges into the main one: `{ "zh": ["zh-1/"] }`.
 * Every language is listed, with `[]` when one run held it all.
 */
export const MORE_BUNDLES_FILE = 'bundles.json';
export type MoreBundles = Record<string, string[]>;

/** Pagefind's loader and UI files (`pagefind.js`, `pagefind-ui.css`, …): the main bundle's only, never a later run's. */
export const PAGEFIND_CODE = /^pagefind[\w-]*\.(?:js|css)$/;

/** The folder of a language's run `k` (k ≥ 1) under pagefind/. */
export const bundleFolder = (lang: string, k: number): string => `${lang}-${String(k)}/`;

/** The site language of a later run's folder at the start of `path` (`zh-1/…` → zh), and the rest of the path. */
export function inBundleFolder(path: string): { lang: string; folder: string; rest: string } | undefined {
  const m = /^([a-z]+)-[1-9][0-9]*\//.exec(path);
  return m ? { lang: m[1] ?? '', folder: m[0], rest: path.slice(m[0].length) } : undefined;
}

/** The folders a page in `lang` merges, from bundles.json as fetched: only well-formed names of that language. */
export function bundlesOf(more: unknown, lang: string): string[] {
  const list = typeof more === 'object' && more !== null ? (more as Record<string, unknown>)[lang] : undefined;
  if (!Array.isArray(list)) return [];
  return list.filter((dir): dir is string => {
    const at = typeof dir === 'string' ? inBundleFolder(dir) : undefined;
    return at?.lang === lang && at.rest === '';
  });
}
