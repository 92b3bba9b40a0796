/**
 * A query, from the text in the box to ranked sections: normalise (normalize.ts) → tokens → the
 * index files those tokens need (shards.ts) → rank (model.ts) → the sections' numbers and titles.
 * The same function runs in the browser, with a loader that fetches and caches the index files,
 * and in the tests, with a loader over the index compiled in memory. It also says which
 * full-text queries to try, in order, when Pagefind is asked (cascade).
 *
 * Index files by their plain names: `meta`, `s-<n>` (shard n), `m-<n>` (sections chunk n).
 */
import type { Lang } from '../i18n/langs.ts';
import { queryTokens, rankSections, type RankedSection } from './model.ts';
import { prepareQuery, type PreparedQuery } from './normalize.ts';
import { chunkOf, modelFromShards, sectionIn, shardsFor, type SectionInfo, type Shard, type ShardMeta } from './shards.ts';
import type { ErrorAnswer } from './signatures.ts';

/** Loads one index file by its plain name (`meta`, `s-3`, `m-0`). */
export type IndexLoader = (name: string) => Promise<unknown>;

export interface SectionResult extends Omit<RankedSection, 's'> {
  slug: string;
  /** Section number (`2.1`). */
  section: string;
  /** Title in the page language (the slug when the section has none in it). */
  title: string;
  /** For a known error with a code: its likely cause, fix and first check. */
  answer?: ErrorAnswer;
}

/** The sections a query finds in the index, best first. */
export async function rankQuery(raw: string | PreparedQuery, lang: Lang, load: IndexLoader, limit = 5): Promise<{ query: PreparedQuery; sections: SectionResult[] }> {
  const query = typeof raw === 'string' ? prepareQuery(raw) : raw;
  const meta = (await load('meta')) as ShardMeta;
  const shards = (await Promise.all(shardsFor(queryTokens(query), meta).map((n) => load(`s-${String(n)}`)))) as Shard[];
  const ranked = rankSections(query, modelFromShards(meta, shards, new Map()), limit);
  const chunkIds = [...new Set(ranked.map((h) => chunkOf(meta, h.s)))];
  const chunks = new Map(await Promise.all(chunkIds.map(async (c) => [c, (await load(`m-${String(c)}`)) as SectionInfo[]] as const)));
  const sections = ranked.flatMap(({ s, ...hit }) => {
    const info = sectionIn(meta, chunks, s);
    const answer = hit.code ? info?.answers?.[hit.code] : undefined;
    return info ? [{ ...hit, slug: info.slug, section: info.section, title: info.title[lang] ?? info.slug, ...(answer ? { answer } : {}) }] : [];
  });
  return { query, sections };
}

/** Full-text queries to try in order until one finds something: the focus line, the exception class, its longest words. */
export function cascade(q: PreparedQuery): string[] {
  const steps: string[] = [];
  const add = (s: string | undefined) => {
    const v = (s ?? '').trim();
    if (v !== '' && !steps.includes(v)) steps.push(v);
  };
  add(q.fullText);
  const cls = q.exceptions.at(-1);
  add(cls);
  add(cls?.slice(cls.lastIndexOf('.') + 1));
  const words = q.fullText.split(/\s+/).filter((w) => w.length > 3);
  const longest = [...words].sort((a, b) => b.length - a.length);
  add(longest.slice(0, 2).join(' '));
  add(longest[0]);
  return steps.slice(0, 6);
}
