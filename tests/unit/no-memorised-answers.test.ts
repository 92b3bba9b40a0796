/**
 * A guide's symptom phrases must not be near copies of the queries search is measured with, or
 * the figures measure memory of those queries instead of understanding. Near copy: four or more
 * consecutive words in common, or a run of six or more Chinese characters in common.
 *
 * The rule is for `symptom` signatures: phrases in a reader's words, written by the guide's
 * authors, of which the tuning corpus once held near copies. It is not for error signatures
 * (exception, message, output): they are the text the software prints, and a pasted error or a
 * description quoting it must contain them; that is what they are for. Nor for the one-line
 * `symptom`, which states the source guide's own symptom.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readGuides } from '../support/guide-files.ts';
import { loadQueries } from '../support/signature-index.ts';

const HAN = /\p{Script=Han}/u;

/** Lower-case words of the Latin part (letters and digits), and the Han runs. */
function parts(text: string): { words: string[]; han: string[] } {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter((w) => w !== '' && !HAN.test(w));
  const han = text.match(/\p{Script=Han}+/gu) ?? [];
  return { words, han };
}

const grams = (words: readonly string[], n = 4) => new Set(words.slice(0, Math.max(0, words.length - n + 1)).map((_, i) => words.slice(i, i + n).join(' ')));

/** What a near copy can share, in order: the four-word runs of the Latin part, then the six-character Han runs. */
function pieces(text: string): string[] {
  const { words, han } = parts(text);
  return [...grams(words), ...han.flatMap((run) => Array.from({ length: Math.max(0, run.length - 5) }, (_, k) => run.slice(k, k + 6)))];
}

/** The shared evidence that makes `a` a near copy of `b`, or undefined. */
export function nearCopy(a: string, b: string): string | undefined {
  const inB = new Set(pieces(b));
  const shared = pieces(a).find((piece) => inB.has(piece));
  return shared === undefined ? undefined : `"${shared}"`;
}

const { guides } = readGuides();
const queries = [...loadQueries('tests/fixtures/search-corpus.json').map((q) => ({ ...q, set: 'corpus' })), ...loadQueries('tests/fixtures/search-holdout.json').map((q) => ({ ...q, set: 'holdout' })), ...loadQueries('tests/fixtures/search-dev.json').map((q) => ({ ...q, set: 'dev' }))];

describe('no memorised answers', () => {
  test('the near-copy rule: four words in a row, or six Chinese characters in a row', () => {
    assert.equal(nearCopy('the worker keeps getting OOM killed', 'why does the worker get killed so often'), undefined);
    assert.equal(nearCopy('the worker keeps getting OOM killed', 'my worker keeps getting OOM killed at night'), '"worker keeps getting oom"');
    assert.equal(nearCopy('内存越涨越高', '服务内存越涨越高怎么办'), '"内存越涨越高"');
    assert.equal(nearCopy('内存越涨越多', '内存越涨越高'), undefined);
  });

  test('no symptom phrase of a guide is a near copy of a corpus, held-out or dev query', () => {
    // The queries' four-word runs and six-character Han runs, indexed once (3,000 queries against
    // 600 phrases pair by pair took half a minute); nearCopy then names what a candidate shares.
    const byPiece = new Map<string, Set<number>>();
    queries.forEach((q, i) => {
      for (const piece of pieces(q.query)) byPiece.set(piece, (byPiece.get(piece) ?? new Set()).add(i));
    });
    const copies: string[] = [];
    for (const g of guides) {
      for (const phrase of g.data.signatures.filter((s) => s.kind === 'symptom').map((s) => s.text)) {
        const candidates = [...new Set(pieces(phrase).flatMap((piece) => [...(byPiece.get(piece) ?? [])]))].sort((a, b) => a - b);
        for (const i of candidates) {
          const q = queries[i];
          const shared = q && nearCopy(phrase, q.query);
          if (q && shared) copies.push(`${g.file}: ${JSON.stringify(phrase)} ~ ${q.set} ${q.id} (${shared})`);
        }
      }
    }
    assert.deepEqual(copies, []);
  });
});
