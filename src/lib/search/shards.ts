/**
 * The search index as files that grow with the guide without making any one search download it
 * all. Tokens are hashed into shards; a shard holds, for its tokens, the BM25 postings (capped to
 * the best sections per token) and the signature docs keyed by their rarest tokens. Section slugs
 * and titles sit in chunks of 64. A query fetches meta.json, the shards of its tokens (at most 64
 * tokens), then the chunks of its best sections.
 *
 * Files (under /search/index/): meta.json; s-<n>.json (shard n); m-<n>.json (sections chunk n).
 */
import { postingsOf, type ModelDoc, type Postings, type QueryModel } from './model.ts';
import { isPhrase, type Narrowing, type SignatureDoc, type SignatureIndex } from './signatures.ts';

export interface ShardMeta {
  v: 2;
  /** Number of shards; a token's shard is fnv1a(token) % shards. */
  shards: number;
  sections: number;
  chunk: number;
  /** The index's narrowings (signatures.ts): few, and needed by every query. */
  narrows?: Narrowing[];
  /** The sections of the startup chapter (signatures.ts), needed by every description. */
  startup?: number[];
}
export interface Shard {
  /** token → postings */
  p: Record<string, Postings>;
  d: ModelDoc[];
}
export type SectionInfo = SignatureIndex['sections'][number];

/** Postings kept per token: the best sections for it. Common words lose their tail, which scores little anyway. */
export const MAX_POSTINGS = 48;
/** Docs kept per key token (copies of one error in many sections). The real guide puts 53 concept docs under `~slow`: room above that. */
export const MAX_DOCS_PER_KEY = 96;
const CHUNK = 64;
/** Aim for shards of about this many raw bytes. */
const TARGET_SHARD_BYTES = 24_000;

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Doc `i` of the compiled index as a query model holds it: its fields, with each token's idf. */
export function modelDoc(d: SignatureDoc, i: number, idf: Readonly<Record<string, number>>): ModelDoc {
  return { i, ...d, w: d.t.map((t) => idf[t] ?? 0) };
}

export function shardIndex(index: SignatureIndex): { meta: ShardMeta; shards: Shard[]; chunks: SectionInfo[][] } {
  const postings = postingsOf(index.bags, round, MAX_POSTINGS);

  const docs: Array<{ doc: ModelDoc; keys: string[] }> = index.docs.map((d, i) => {
    const doc = modelDoc(d, i, index.idf);
    const w = doc.w;
    // A doc is filed under its rarest tokens, and a query loads the files of its own tokens. A
    // phrase (symptom, title, concepts) matches on any two of its tokens, so it is filed under
    // three: then a phrase of up to four tokens is found by every query that matches it. An
    // error signature matches on most of its weight, which its two rarest tokens carry.
    const keys = d.t
      .map((t, k) => ({ t, w: w[k] ?? 0 }))
      .sort((a, b) => b.w - a.w)
      .slice(0, isPhrase(d.kind) ? 3 : 2)
      .map((x) => x.t);
    return { doc, keys };
  });

  const estimate = JSON.stringify([...postings]).length + JSON.stringify(docs).length;
  let count = 1;
  while (count < 4096 && estimate / count > TARGET_SHARD_BYTES) count *= 2;
  const shards: Shard[] = Array.from({ length: count }, () => ({ p: {}, d: [] }));
  for (const [t, entry] of postings) {
    const shard = shards[fnv1a(t) % count];
    if (shard) shard.p[t] = entry;
  }
  const perKey = new Map<string, number>();
  const placed = shards.map(() => new Set<number>());
  for (const { doc, keys } of docs) {
    for (const key of keys) {
      const n = perKey.get(key) ?? 0;
      if (n >= MAX_DOCS_PER_KEY) continue;
      perKey.set(key, n + 1);
      const at = fnv1a(key) % count;
      const shard = shards[at];
      if (shard && !placed[at]?.has(doc.i)) {
        placed[at]?.add(doc.i);
        shard.d.push(doc);
      }
    }
  }
  const chunks: SectionInfo[][] = [];
  for (let i = 0; i < index.sections.length; i += CHUNK) chunks.push(index.sections.slice(i, i + CHUNK));
  const narrows = index.narrows.length > 0 ? { narrows: index.narrows } : {};
  const startup = index.startup.length > 0 ? { startup: index.startup } : {};
  return { meta: { v: 2, shards: count, sections: index.sections.length, chunk: CHUNK, ...narrows, ...startup }, shards, chunks };
}

/** The index as files by their plain names (`meta`, `s-<n>`, `m-<n>`): what the build writes and a query loads. */
export function indexFiles(index: SignatureIndex): Map<string, unknown> {
  const { meta, shards, chunks } = shardIndex(index);
  const files = new Map<string, unknown>([['meta', meta]]);
  shards.forEach((s, i) => files.set(`s-${String(i)}`, s));
  chunks.forEach((c, i) => files.set(`m-${String(i)}`, c));
  return files;
}

/** The number of the sections chunk (m-<n>.json) that holds section `i`. */
export function chunkOf(meta: ShardMeta, i: number): number {
  return Math.floor(i / meta.chunk);
}

/** Section `i`, when its chunk has been fetched. */
export function sectionIn(meta: ShardMeta, chunks: ReadonlyMap<number, SectionInfo[]>, i: number): SectionInfo | undefined {
  return chunks.get(chunkOf(meta, i))?.[i % meta.chunk];
}

/** A model over the shards fetched for one query. */
export function modelFromShards(meta: ShardMeta, shards: ReadonlyArray<Shard>, chunks: ReadonlyMap<number, SectionInfo[]>): QueryModel {
  const docs = new Map<number, ModelDoc>();
  const postings = new Map<string, Postings>();
  for (const shard of shards) {
    for (const d of shard.d) docs.set(d.i, d);
    for (const [t, p] of Object.entries(shard.p)) postings.set(t, p);
  }
  return {
    n: meta.sections,
    narrows: meta.narrows ?? [],
    startup: meta.startup ?? [],
    docs: [...docs.values()],
    postings: (t) => postings.get(t),
    section: (i) => sectionIn(meta, chunks, i),
  };
}

/** Shard numbers a query's tokens live in. */
export function shardsFor(tokens: ReadonlyArray<string>, meta: ShardMeta): number[] {
  return [...new Set(tokens.map((t) => fnv1a(t) % meta.shards))].sort((a, b) => a - b);
}
