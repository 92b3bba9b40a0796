/**
 * Properties of command variables: a value the reader types is validated, encoded for the place it
 * lands in a command, and pasted into a production shell. Whatever the value, it must land as
 * exactly itself or be refused, never become a second command. The quoting properties run real
 * bash, with history expansion on as in an interactive shell (tests/support/bash.ts), on batches
 * of generated values.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodeFor } from '../../src/lib/variables/quote.ts';

describe('counterexamples the properties found', () => {
  // Found as a value with a lone surrogate: encodeURIComponent throws URIError on it.
  test('in a URL, a value with a lone surrogate is refused instead of throwing', () => {
    assert.equal(encodeFor('url>sh', 'a\ud800b'), null);
    assert.equal(encodeFor('url>sh-dq', '\udc00'), null);
  });
});
