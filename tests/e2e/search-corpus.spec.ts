/**
 * The "paste your error" promise, measured through the results pages: every query of the tuning
 * corpus (tests/fixtures/search-corpus.json) and of the blind held-out set
 * (tests/fixtures/search-holdout.json, never used to tune) is submitted on a results page (the
 * corpus on zh, the held-out set on en), and the rank of the right section is read from
 * `a[data-search-result]`. Prints rank-1
 * and top-3 figures per set, language and kind.
 */
import { expect, test } from '../support/browser-test.ts';
import { readFileSync } from 'node:fs';
import { SearchPage } from './pages/search-page.ts';

interface Query {
  id: string;
  query: string;
  expect: string[];
  kind: string;
}
const load = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { queries: Query[] }).queries;
const SETS = { corpus: load('tests/fixtures/search-corpus.json'), holdout: load('tests/fixtures/search-holdout.json') };

interface Score {
  n: number;
  first: number;
  top3: number;
  misses: string[];
}

// Each set through one results page: the ranking does not depend on the page's language (run
// through both, each set gave the same figures on each), and the queries are in both languages.
// The corpus goes through the zh page, the held-out set through the en page.
const PAGE_OF = { corpus: 'zh', holdout: 'en' } as const;
for (const [set, queries] of Object.entries(SETS)) {
  for (const lang of [PAGE_OF[set as keyof typeof PAGE_OF]]) {
    test(`the ${set} (${String(queries.length)} queries) through the ${lang} results page`, async ({ page }) => {
      test.setTimeout(300_000);
      const search = new SearchPage(page);
      await search.open(lang, '');
      const total: Score = { n: 0, first: 0, top3: 0, misses: [] };
      const byKind = new Map<string, Score>();
      // The first query as a reader submits it (typed, then Enter); the rest in the page, in turn.
      const [head, ...rest] = queries;
      if (head) await search.submit(head.query);
      const ranked = [await search.slugs(), ...(await search.submitEach(rest.map((q) => q.query)))];
      for (const [i, q] of queries.entries()) {
        const slugs = ranked[i] ?? [];
        const rank = slugs.findIndex((s) => q.expect.includes(s));
        const kind = byKind.get(q.kind) ?? { n: 0, first: 0, top3: 0, misses: [] };
        for (const score of [total, kind]) {
          score.n++;
          if (rank === 0) score.first++;
          if (rank >= 0 && rank < 3) score.top3++;
        }
        if (rank !== 0) total.misses.push(`${q.id}: ${rank < 0 ? 'not found' : `rank ${String(rank + 1)}`}; expected ${q.expect.join(' or ')}, got ${slugs.slice(0, 3).join(', ') || 'nothing'}`);
        byKind.set(q.kind, kind);
      }
      const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(1)}%`;
      console.log(`[search ${set}, ${lang}] ${String(total.n)} queries: rank 1 ${String(total.first)} (${pct(total.first, total.n)}), top 3 ${String(total.top3)} (${pct(total.top3, total.n)})`);
      for (const [kind, k] of byKind) console.log(`  ${kind}: ${String(k.n)} queries, rank 1 ${pct(k.first, k.n)}, top 3 ${pct(k.top3, k.n)}`);
      // The held-out set is never used to tune: its figures are printed, its misses are not, so
      // nobody reads them while changing the ranker.
      if (set === 'corpus' && total.misses.length > 0) console.log(`  not first:\n    ${total.misses.join('\n    ')}`);
      if (set === 'corpus') {
        expect(total.first / total.n, 'share of corpus queries with the right section first').toBeGreaterThanOrEqual(0.9);
        expect(total.top3 / total.n, 'share of corpus queries with the right section in the top 3').toBeGreaterThanOrEqual(0.98);
      } else {
        expect(total.n).toBeGreaterThanOrEqual(150);
      }
    });
  }
}
