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
