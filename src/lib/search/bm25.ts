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

/**
 * The bags of every section, packed: each token numbered once (in order of first appearance),
 * each section's bag as two typed arrays. At 3,000 guides per language the bags as objects were
 * 4.5 million keys and 254 MB of the build's heap; packed, about 55 MB.
 */
export interface PackedBags {
  /** Token by number. */
  tokens: string[];
  /** Per section: its tokens' numbers, in the bag's key order. */
  ids: Uint32Array[];
  /** Per section: the weighted term frequency of each of those tokens. */
  tf: Float64Array[];
  /** Per section: the sum of its term frequencies (its length for BM25), summed in key order. */
  lengths: number[];
}

/** Packs bags (one per section, in section order). */
export function packBags(bags: Iterable<Bag>): PackedBags {
  const packed: PackedBags = { tokens: [], ids: [], tf: [], lengths: [] };
  const number = new Map<string, number>();
  for (const bag of bags) {
    const entries = Object.entries(bag);
    const ids = new Uint32Array(entries.length);
    const tf = new Float64Array(entries.length);
    let length = 0;
    entries.forEach(([t, f], k) => {
      let id = number.get(t);
      if (id === undefined) {
        id = packed.tokens.length;
        number.set(t, id);
        packed.tokens.push(t);
      }
      ids[k] = id;
      tf[k] = f;
      length += f;
    });
    packed.ids.push(ids);
    packed.tf.push(tf);
    packed.lengths.push(length);
  }
  return packed;
}
