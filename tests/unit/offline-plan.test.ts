/** The offline worker's decisions (src/lib/offline/plan.ts), case by case. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildsToKeep, giveWayMs, isContentHashed, MAX_GIVE_WAY_MS, offlineOrder, partOfFile, partOfPage, partsToInstall, QUIET_MS, SHARED, type BuildState } from '../../src/lib/offline/plan.ts';

const LANGS = ['zh', 'en'] as const;
const PAGEFIND = { langs: { 'zh-cn': 'zh', en: 'en' }, wasm: { unknown: 'zh', en: 'en' } };
const build = (id: string, installedAt: number, complete: string[]): BuildState => ({ build: id, installedAt, complete });

describe('offline plan', () => {
  test('puts each built file in the part a reader needs it for, and the 404 page in none', () => {
    const parts = Object.fromEntries(
      ['404.html', 'sw.js', 'index.html', '_astro/a.B1c2D3.js', 'search/index/meta.0123456789ab.json', 'en/guides/x/index.html', 'zh/offline/index.html',
        'pagefind/pagefind.js', 'pagefind/pagefind-entry.json', 'pagefind/pagefind.zh-cn_de1e8c3624757.pf_meta', 'pagefind/wasm.unknown.pagefind',
        'pagefind/wasm.en.pagefind', 'pagefind/index/en_5735b5d.pf_index', 'pagefind/fragment/zh-cn_1a2b3c4.pf_fragment', 'pagefind/pagefind-ui.js',
        'pagefind/bundles.json', 'pagefind/zh-1/pagefind-entry.json', 'pagefind/zh-1/wasm.unknown.pagefind', 'pagefind/zh-1/index/zh-cn_5735b5d.pf_index', 'pagefind/zh-1/pagefind.js',
        'pagefind/fr-1/pagefind-entry.json'].map((f) => [f, partOfFile(f, LANGS, PAGEFIND)]),
    );
    assert.deepEqual(parts, {
      '404.html': undefined, 'sw.js': undefined, 'index.html': SHARED, '_astro/a.B1c2D3.js': SHARED, 'search/index/meta.0123456789ab.json': SHARED,
      'en/guides/x/index.html': 'en', 'zh/offline/index.html': SHARED, 'pagefind/pagefind.js': SHARED, 'pagefind/pagefind-entry.json': SHARED,
      'pagefind/pagefind.zh-cn_de1e8c3624757.pf_meta': 'zh', 'pagefind/wasm.unknown.pagefind': 'zh', 'pagefind/wasm.en.pagefind': 'en',
      'pagefind/index/en_5735b5d.pf_index': 'en', 'pagefind/fragment/zh-cn_1a2b3c4.pf_fragment': 'zh', 'pagefind/pagefind-ui.js': undefined,
      'pagefind/bundles.json': SHARED, 'pagefind/zh-1/pagefind-entry.json': 'zh', 'pagefind/zh-1/wasm.unknown.pagefind': 'zh', 'pagefind/zh-1/index/zh-cn_5735b5d.pf_index': 'zh',
      'pagefind/zh-1/pagefind.js': undefined, 'pagefind/fr-1/pagefind-entry.json': undefined,
    });
  });

  test('takes only names that change with their bytes as content-hashed', () => {
    assert.ok(isContentHashed('_astro/Base.B1c2D3.css'));
    assert.ok(isContentHashed('search/index/s-3.0123456789ab.json'));
    assert.ok(isContentHashed('pagefind/index/en_5735b5d.pf_index'));
    for (const p of ['search/index/meta.json', 'pagefind/pagefind-entry.json', 'pagefind/wasm.en.pagefind', 'en/triage/redis/all/']) assert.ok(!isContentHashed(p), p);
  });

  test('serves a page offline from the newest build holding its language whole, then from builds being saved', () => {
    const builds = [build('a', 1, [SHARED, 'en']), build('b', 2, [SHARED, 'en']), build('c', 3, [SHARED])];
    assert.equal(partOfPage('en/guides/x/', LANGS), 'en');
    assert.equal(partOfPage('en/offline/', LANGS), SHARED);
    assert.deepEqual(offlineOrder('en', builds), ['b', 'c']);
    assert.deepEqual(offlineOrder(SHARED, builds), ['c']);
  });

  test('installs the shared files and every language the reader had saved', () => {
    assert.deepEqual(partsToInstall([]), [SHARED]);
    assert.deepEqual(partsToInstall([build('a', 1, [SHARED, 'zh']), build('b', 2, [SHARED, 'en'])]).sort(), [SHARED, 'en', 'zh'].sort());
  });

  test('keeps the active build, builds installed after it, builds of open tabs, and what only an older build holds', () => {
    const builds = [build('a', 1, [SHARED, 'zh']), build('b', 2, [SHARED, 'en']), build('c', 3, [SHARED, 'en']), build('d', 4, [])];
    assert.deepEqual([...buildsToKeep('c', builds, new Set())].sort(), ['a', 'c', 'd']);
    assert.deepEqual([...buildsToKeep('c', builds, new Set(['b']))].sort(), ['a', 'b', 'c', 'd']);
    assert.deepEqual([...buildsToKeep('c', [build('b', 2, [SHARED, 'en']), build('c', 3, [SHARED, 'en'])], new Set())], ['c']);
  });

  test("lets the reader's requests go before a save's writes, but never stops a save for good", () => {
    const since = 10_000;
    // Nothing asked for a while: write now.
    assert.equal(giveWayMs(since, since, { inFlight: 0, lastEnd: 0 }), 0);
    // A request being answered: wait.
    assert.equal(giveWayMs(since, since, { inFlight: 2, lastEnd: 0 }), QUIET_MS);
    // The last request ended 100 ms ago: wait the rest of the quiet time.
    assert.equal(giveWayMs(since, since, { inFlight: 0, lastEnd: since - 100 }), QUIET_MS - 100);
    assert.equal(giveWayMs(since, since, { inFlight: 0, lastEnd: since - QUIET_MS }), 0);
    // Requests without end: the write goes once it has waited MAX_GIVE_WAY_MS, and never waits past it.
    assert.equal(giveWayMs(since + MAX_GIVE_WAY_MS - 50, since, { inFlight: 1, lastEnd: 0 }), 50);
    assert.equal(giveWayMs(since + MAX_GIVE_WAY_MS, since, { inFlight: 1, lastEnd: 0 }), 0);
  });
});
