/**
 * Properties of the search normaliser and tokenizer: whatever a reader pastes into the search box
 * or puts in `?q=` (a megabyte of log, control characters, lone surrogates, bidi overrides,
 * deeply nested brackets), they never throw, stay within their budget, return clean text, and
 * take time that grows at most linearly with the input (see tests/support/linear-time.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fullTextQuery, MAX_INPUT, normalizeLine, prepareQuery } from '../../src/lib/search/normalize.ts';
import { tokenize } from '../../src/lib/search/tokens.ts';
import { fill } from '../support/adversarial.ts';
import { GROWTH_FACTOR, GROWTH_LIMIT, growth } from '../support/linear-time.ts';

/** The normaliser's budget (src/lib/search/normalize.ts): characters per line, focus and kept text. */
const MAX_LINE = 2_000;
const MAX_FOCUS = 500;
const MAX_KEPT = 20_000;

describe('counterexamples the properties found', () => {
  const linear = (name: string, f: (s: string) => unknown, make: (n: number) => string, n = 1_000) => {
    const ratio = growth(f, make, n);
    assert.ok(ratio < GROWTH_LIMIT, `${name}: ${GROWTH_FACTOR}× the input took ${ratio.toFixed(1)}× the time`);
  };

  // The URL, address and host:port rules each scanned the rest of a run of name characters from
  // every word boundary in it, and `1-A1-A…` has one at every other character.
  test('normalizeLine reads `1-A` repeated in linear time', () => {
    linear('normalizeLine', normalizeLine, (n) => fill('1-A', n));
  });

  // The dmesg rule's `^\s*` crossed every line terminator after each line start.
  test('normalizeLine reads a run of line terminators in linear time', () => {
    linear('normalizeLine', normalizeLine, (n) => fill('\n', n));
    linear('normalizeLine', normalizeLine, (n) => fill('\u2028', n));
  });

  // `[:.\-]+$` was tried from every character of a run inside a word.
  test('fullTextQuery reads a word with a long run of `-` inside in linear time', () => {
    linear('fullTextQuery', fullTextQuery, (n) => `1${fill('-', n - 2)}_`);
  });

  // `\.+$` was tried from every dot of a run inside a word.
  test('tokenize reads `x……x` in linear time', () => {
    linear('tokenize', tokenize, (n) => `x${fill('.', n - 2)}a`);
  });

  // Found as a megabyte of "𐀀𐀀\0\0\0" (U+10000 is a surrogate pair): the cut to the budget kept
  // the second half of a pair, the cut of a long line the first half.
  test('prepareQuery leaves no half of a surrogate pair where the budget cuts the input or a line', () => {
    const pairs = '\u{10000}'.repeat(MAX_INPUT / 2);
    assert.ok(prepareQuery(`${pairs}a`).text.isWellFormed());
    assert.ok(prepareQuery(`a${'\u{10000}'.repeat(MAX_LINE)}`).text.isWellFormed());
    assert.ok(prepareQuery(`error a${'\u{10000}'.repeat(MAX_FOCUS)}`).focus.isWellFormed());
    assert.ok(prepareQuery(`error ${'\u{10000}'.repeat(MAX_KEPT)}a`).kept.isWellFormed());
  });
});
