/**
 * The search index files (see src/lib/search/shards.ts): meta.json, s-<n>.json, m-<n>.json.
 * One index for both languages: an English error pasted on the Chinese site matches the same
 * signatures, and a Chinese phrase on the English site matches the Chinese text of the section.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadGuides } from '../../../components/guide/load.ts';
import { indexRecord } from '../../../lib/search/index-record.ts';
import { shardIndex } from '../../../lib/search/shards.ts';
import { compileSignatureIndex } from '../../../lib/search/signatures.ts';

let built: Promise<Map<string, unknown>> | undefined;

/** Compiles and cuts the index once per build; every file route reads from it. */
function files(): Promise<Map<string, unknown>> {
  built ??= (async () => {
    const index = compileSignatureIndex((await loadGuides()).map(indexRecord));
    const { meta, shards, chunks } = shardIndex(index);
    const out = new Map<string, unknown>([['meta', meta]]);
    shards.forEach((s, i) => out.set(`s-${String(i)}`, s));
    chunks.forEach((c, i) => out.set(`m-${String(i)}`, c));
    return out;
  })();
  return built;
}

export const getStaticPaths = (async () => [...(await files()).keys()].map((file) => ({ params: { file } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const body = (await files()).get(params.file ?? '');
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
};
