/**
 * The "paste your error" promise, measured: every query of the real-world corpus
 * (tests/fixtures/search-corpus.json) goes through both results pages, and the right section must
 * be first for at least 90% of them and in the top 3 for all of them. Prints the figures.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SearchPage } from './pages/search-page.ts';

interface CorpusQuery {
  id: string;
  query: string;
  expect: string[];
  kind: string;
}
const corpus = (JSON.parse(readFileSync('tests/fixtures/search-corpus.json', 'utf8')) as { queries: CorpusQuery[] }).queries;

for (const lang of ['zh', 'en'] as const) {
  test(`the corpus finds the right section on the ${lang} results page`, async ({ page }) => {
    test.setTimeout(600_000);
    const search = new SearchPage(page);
    let first = 0;
    let top3 = 0;
    const misses: string[] = [];
    const byKind = new Map<string, { n: number; first: number; top3: number }>();
    for (const q of corpus) {
      await search.open(lang, q.query);
      const slugs = await search.slugs();
      const rank = slugs.findIndex((s) => q.expect.includes(s));
      const k = byKind.get(q.kind) ?? { n: 0, first: 0, top3: 0 };
      k.n++;
      if (rank === 0) {
        first++;
        k.first++;
      }
      if (rank >= 0 && rank < 3) {
        top3++;
        k.top3++;
      } else {
        misses.push(`${q.id}: expected ${q.expect.join(' or ')}, got ${slugs.slice(0, 3).join(', ') || 'nothing'}`);
      }
      if (rank > 0 && rank < 3) misses.push(`${q.id}: rank ${String(rank + 1)}`);
      byKind.set(q.kind, k);
    }
    const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(1)}%`;
    console.log(
      `[search corpus, ${lang}] ${String(corpus.length)} queries: rank 1 ${String(first)} (${pct(first, corpus.length)}), top 3 ${String(top3)} (${pct(top3, corpus.length)})`,
    );
    for (const [kind, k] of byKind) console.log(`  ${kind}: ${String(k.n)} queries, rank 1 ${pct(k.first, k.n)}, top 3 ${pct(k.top3, k.n)}`);
    if (misses.length > 0) console.log(`  not first:\n    ${misses.join('\n    ')}`);
    expect(first / corpus.length, 'share of queries with the right section first').toBeGreaterThanOrEqual(0.9);
    expect(top3, 'queries with the right section in the top 3').toBe(corpus.length);
  });
}
