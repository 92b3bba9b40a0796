/**
 * The linear-time check (tests/support/linear-time.ts) that the property tests lean on: it must
 * pass linear work and fail quadratic work, or the properties that use it prove nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { growth, GROWTH_LIMIT } from '../support/linear-time.ts';

/** One pass over the input: linear. */
const linear = (input: string) => {
  let n = 0;
  for (let i = 0; i < input.length; i++) n += input.charCodeAt(i) === 97 ? 1 : 0;
  return n;
};

/** From every position, a scan to the end: quadratic, as a regex restarted at each position is. */
const quadratic = (input: string) => {
  let n = 0;
  for (let i = 0; i < input.length; i++) for (let j = i; j < input.length; j++) n += input.charCodeAt(j) === 97 ? 1 : 0;
  return n;
};

const as = (n: number) => 'ab'.repeat(Math.ceil(n / 2)).slice(0, n);

describe('the linear-time check', () => {
  test('passes a single pass over the input', () => {
    const ratio = growth(linear, as, 1_000);
    assert.ok(ratio < GROWTH_LIMIT, `linear work measured ${ratio.toFixed(1)}× for 8× the input`);
  });
  test('fails a scan restarted at every position', () => {
    const ratio = growth(quadratic, as, 1_000);
    assert.ok(ratio >= GROWTH_LIMIT, `quadratic work measured only ${ratio.toFixed(1)}× for 8× the input`);
  });
});
