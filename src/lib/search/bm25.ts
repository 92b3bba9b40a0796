/**
 * A small BM25 over whole sections (both languages together), for what Pagefind's AND semantics
 * miss: a query whose words are spread over a section, or partly absent from it, or written in
 * the other language. Bags are built at build time from the guide text, weighted by field.
 */
import { tokenize } from './tokens.ts';

/** Token → weighted term frequency for one section. */
export type Bag = Record<string, number>;

export interface WeightedText {
  text: string;
  weight: number;
}

export function buildBag(parts: ReadonlyArray<WeightedText>): Bag {
  const bag: Bag = {};
  for (const { text, weight } of parts) {
    for (const t of tokenize(text)) bag[t] = (bag[t] ?? 0) + weight;
  }
  for (const k of Object.keys(bag)) bag[k] = Math.round((bag[k] ?? 0) * 10) / 10;
  return bag;
}

/** Plain text of a guide body for the bag: markup and corrected originals removed. */
export function guideText(mdx: string): { headings: string; causes: string; body: string } {
  const noOriginals = mdx.replace(/<Correction\s+original=\{(?:`(?:\\[\s\S]|[^`\\])*`|"(?:\\[\s\S]|[^"\\])*")\}>/g, '<Correction>');
  const headings = [...noOriginals.matchAll(/^#{2,6} (.+)$/gm)].map((m) => m[1]).join('\n');
  const causes = /<Causes>([\s\S]*?)<\/Causes>/.exec(noOriginals)?.[1] ?? '';
  const strip = (s: string) => s.replace(/<\/?[A-Z][\w]*[^>]*>/g, ' ').replace(/[*_#>`|-]+/g, ' ');
  return { headings: strip(headings), causes: strip(causes), body: strip(noOriginals) };
}

export interface Bm25Hit {
  index: number;
  score: number;
}

/** Ranks bags for the query tokens (duplicates in the query count once). */
export function bm25(queryTokens: ReadonlyArray<string>, bags: ReadonlyArray<Bag>, k1 = 1.2, b = 0.5): Bm25Hit[] {
  const n = bags.length;
  const lengths = bags.map((bag) => Object.values(bag).reduce((a, x) => a + x, 0));
  const avg = lengths.reduce((a, x) => a + x, 0) / Math.max(1, n);
  const terms = [...new Set(queryTokens)];
  const df = new Map(terms.map((t) => [t, bags.reduce((c, bag) => c + (bag[t] ? 1 : 0), 0)]));
  const hits: Bm25Hit[] = [];
  bags.forEach((bag, i) => {
    let score = 0;
    for (const t of terms) {
      const tf = bag[t];
      const d = df.get(t) ?? 0;
      if (!tf || d === 0) continue;
      const idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
      score += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * (lengths[i] ?? 0)) / avg));
    }
    if (score > 0) hits.push({ index: i, score });
  });
  return hits.sort((x, y) => y.score - x.score);
}
