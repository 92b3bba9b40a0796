/**
 * Word bags for a small BM25 over whole sections (both languages together), for what Pagefind's
 * AND semantics miss: a query whose words are spread over a section, or partly absent from it,
 * or written in the other language. Bags are built at build time from the guide text, weighted
 * by field; model.ts scores them.
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
    for (const t of tokenize(text, { concepts: true })) bag[t] = (bag[t] ?? 0) + weight;
  }
  for (const k of Object.keys(bag)) bag[k] = Math.round((bag[k] ?? 0) * 10) / 10;
  return bag;
}
