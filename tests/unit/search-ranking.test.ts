/**
 * Ranking without a browser: the signature index and section BM25, compiled from the guide files
 * as the build compiles them, over the real-world corpus. The browser test measures the same
 * corpus through the results pages with Pagefind added; this one runs in a second.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { prepareQuery } from '../../src/lib/search/normalize.ts';
import { modelFromIndex, queryTokens, rankSections, withSlugs } from '../../src/lib/search/model.ts';
import { modelFromShards, shardIndex, shardsFor } from '../../src/lib/search/shards.ts';
import { loadCorpus, signatureIndexFromGuides } from '../support/signature-index.ts';

const index = signatureIndexFromGuides();
const model = modelFromIndex(index);
const ranked = (q: string) => withSlugs(rankSections(prepareQuery(q), model), model);
const corpus = await loadCorpus();

describe('section ranking over the corpus', () => {
  test('the corpus has at least 60 queries and covers all 13 sections', () => {
    assert.ok(corpus.length >= 60);
    assert.equal(new Set(corpus.flatMap((q) => q.expect.slice(0, 1))).size, 13);
  });

  test('puts the right section first for at least 90% of queries and in the top 3 for all', () => {
    let first = 0;
    const outside: string[] = [];
    for (const q of corpus) {
      const slugs = ranked(q.query).map((h) => h.slug);
      const rank = slugs.findIndex((s) => q.expect.includes(s));
      if (rank === 0) first++;
      if (rank < 0 || rank > 2) outside.push(`${q.id}: ${slugs.slice(0, 3).join(', ')}`);
    }
    console.log(`rankSections: rank 1 ${String(first)}/${String(corpus.length)}, top 3 ${String(corpus.length - outside.length)}/${String(corpus.length)}`);
    assert.ok(first / corpus.length >= 0.9, `rank 1 for ${String(first)} of ${String(corpus.length)}`);
    assert.deepEqual(outside, []);
  });

  test('an English error finds the same section as on the other language (signatures are shared)', () => {
    const [hit] = ranked("redis.exceptions.OutOfMemoryError: OOM command not allowed when used memory > 'maxmemory'.");
    assert.equal(hit?.slug, 'redis-out-of-memory');
    assert.equal(hit?.known, true);
  });

  test('Chinese symptom words find the section through its Chinese text, and say so', () => {
    const [hit] = ranked('容器一启动就退出');
    assert.equal(hit?.slug, 'container-exits-on-start');
  });
});

describe('the sharded index', () => {
  const { meta, shards, chunks } = shardIndex(index);
  const chunkMap = new Map(chunks.map((c, i) => [i, c]));

  test('ranks every corpus query as the whole index does (weights rounded), from only the shards of its tokens', () => {
    let fetched = 0;
    for (const q of corpus) {
      const prepared = prepareQuery(q.query);
      const ids = shardsFor(queryTokens(prepared), meta);
      fetched += ids.length;
      const sharded = modelFromShards(meta, ids.map((i) => shards[i] ?? { p: {}, d: [] }), chunkMap);
      const shape = (hits: ReturnType<typeof withSlugs>) => hits.map((h) => `${h.slug}${h.known ? ' (known)' : ''}`);
      assert.deepEqual(shape(withSlugs(rankSections(prepared, sharded), sharded)), shape(withSlugs(rankSections(prepared, model), model)), q.id);
    }
    console.log(`${String(meta.shards)} shards; a query fetches ${(fetched / corpus.length).toFixed(1)} on average`);
  });
});
