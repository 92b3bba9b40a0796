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
