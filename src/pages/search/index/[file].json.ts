/**
 * The search index files (see src/lib/search/shards.ts), under content-hashed names from
 * src/components/search/index-files.ts: `manifest.<hash>.json` maps `meta`, `s-<n>`, `m-<n>` to
 * `meta.<hash>.json`, `s-<n>.<hash>.json`, `m-<n>.<hash>.json`.
 * One index for both languages: an English error pasted on the Chinese site matches the same
 * signatures, and a Chinese phrase on the English site matches the Chinese text of the section.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { jsonOf, searchIndexFiles } from '../../../components/search/index-files.ts';

export const getStaticPaths = (async () => [...(await searchIndexFiles()).files.keys()].map((file) => ({ params: { file } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const packed = (await searchIndexFiles()).files.get(params.file ?? '');
  return new Response(packed === undefined ? undefined : jsonOf(packed), { headers: { 'Content-Type': 'application/json' } });
};
