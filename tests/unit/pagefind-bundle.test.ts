/**
 * One Pagefind run per language, merged: the merged entry lists every language, and runs that
 * disagree (another Pagefind version, other options, the same language twice) cannot be merged.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundlesOf, mergeEntries, pagefindGlob, pagefindRuns, type PagefindEntry } from '../../src/lib/search/pagefind-bundle.ts';

const entry = (languages: PagefindEntry['languages'], extra: Partial<PagefindEntry> = {}): PagefindEntry => ({
  version: '1.6.0',
  languages,
  include_characters: ['_'],
  ...extra,
});
const zh = { hash: 'zh-cn_f774bffc8ad66', wasm: null, page_count: 13 };
const en = { hash: 'en_cca46bf2d3', wasm: 'en', page_count: 13 };

describe('merging per-language Pagefind runs', () => {
  test('the merged entry lists every language with its own hash and keeps the shared fields', () => {
    assert.deepEqual(mergeEntries([{ name: 'zh', entry: entry({ 'zh-cn': zh }) }, { name: 'en', entry: entry({ en }) }]), entry({ 'zh-cn': zh, en }));
  });

  test('runs of another version or with other options are refused, naming both runs', () => {
    assert.throws(
      () => mergeEntries([{ name: 'zh', entry: entry({ 'zh-cn': zh }) }, { name: 'en', entry: entry({ en }, { version: '1.7.0' }) }]),
      /the en run wrote .*"1\.7\.0".*, the zh run .*"1\.6\.0"/,
    );
    assert.throws(() => mergeEntries([{ name: 'zh', entry: entry({ 'zh-cn': zh }) }, { name: 'en', entry: entry({ en }, { include_characters: [] }) }]), /must share version and options/);
  });

  test('a language indexed by two runs is refused', () => {
    assert.throws(() => mergeEntries([{ name: 'zh', entry: entry({ 'zh-cn': zh }) }, { name: 'all', entry: entry({ 'zh-cn': zh, en }) }]), /language zh-cn was indexed by both the zh and the all run/);
  });

  test('nothing to merge is an error, not an empty bundle', () => {
    assert.throws(() => mergeEntries([]), /no index runs/);
  });
});

describe('which pages a language\'s Pagefind run reads', () => {
  const page = (path: string, marked = false) => ({ path, marked });
  test('only the folders that hold a marked page, so error and triage pages are not read for nothing', () => {
    const pages = [page('zh/guides/a/index.html', true), page('zh/guides/b/index.html', true), page('zh/e/E1/index.html'), page('zh/triage/api/index.html'), page('zh/index.html')];
    assert.equal(pagefindGlob('zh', pages), 'zh/guides/**/*.html');
  });
  test('a marked page in another folder, or at the language root, joins the glob', () => {
    const pages = [page('en/guides/a/index.html', true), page('en/e/E1/index.html', true), page('en/index.html', true)];
    assert.equal(pagefindGlob('en', pages), 'en/{*.html,e/**/*.html,guides/**/*.html}');
  });
  test('pages of the other language do not count', () => {
    assert.equal(pagefindGlob('en', [page('en/guides/a/index.html', true), page('zh/e/E1/index.html', true)]), 'en/guides/**/*.html');
  });
  test('a language with no marked page is an error: Pagefind would index every page whole', () => {
    assert.throws(() => pagefindGlob('en', [page('en/guides/a/index.html'), page('zh/guides/a/index.html', true)]), /no page under en\/ has data-pagefind-body/);
  });
});

describe('Pagefind runs of one language', () => {
  const pages = (n: number) => Array.from({ length: n }, (_, i) => `zh/guides/g${String(i).padStart(2, '0')}/index.html`);
  test('one run while the language fits, all its pages', () => {
    assert.deepEqual(pagefindRuns(pages(3), 5), [pages(3)]);
    assert.deepEqual(pagefindRuns([], 5), [[]]);
  });
  test('more pages: as many runs as needed, in path order, sizes within one of each other', () => {
    const runs = pagefindRuns([...pages(13)].reverse(), 5);
    assert.deepEqual(runs.map((r) => r.length), [4, 4, 5]);
    assert.deepEqual(runs.flat(), pages(13));
    assert.deepEqual(pagefindRuns(pages(10), 5).map((r) => r.length), [5, 5]);
  });
  test('a count that is not a whole number of at least 1 is an error', () => {
    assert.throws(() => pagefindRuns(pages(3), 0), /at least 1, not 0/);
    assert.throws(() => pagefindRuns(pages(3), Number.NaN), /not NaN/);
  });
  test("a page merges only well-formed bundle folders of its own language", () => {
    assert.deepEqual(bundlesOf({ zh: ['zh-1/', 'zh-2/'], en: [] }, 'zh'), ['zh-1/', 'zh-2/']);
    assert.deepEqual(bundlesOf({ zh: ['en-1/', '../x/', 'zh-0/', 'zh-1', 'https://a/', 3] }, 'zh'), []);
    assert.deepEqual(bundlesOf(null, 'zh'), []);
    assert.deepEqual(bundlesOf({ zh: 'zh-1/' }, 'zh'), []);
  });
});
