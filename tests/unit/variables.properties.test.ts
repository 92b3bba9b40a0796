/**
 * Properties of command variables: a value the reader types is validated, encoded for the place it
 * lands in a command, and pasted into a production shell. Whatever the value, it must land as
 * exactly itself or be refused, never become a second command. The quoting properties run real
 * bash, with history expansion on as in an interactive shell (tests/support/bash.ts), on batches
 * of generated values.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodeFor, isContext } from '../../src/lib/variables/quote.ts';

describe('counterexamples the properties found', () => {
  // Found as a value with a lone surrogate: encodeURIComponent throws URIError on it.
  test('in a URL, a value with a lone surrogate is refused instead of throwing', () => {
    assert.equal(encodeFor('url>sh', 'a\ud800b'), null);
    assert.equal(encodeFor('url>sh-dq', '\udc00'), null);
  });

  // Shrunk by fast-check to ["constructor>sh", ""]: the layers were looked up in a plain object,
  // so what every object has (`constructor`, `valueOf`, `__proto__`…) was found as a layer; it
  // gave an object, the value unencoded, or a TypeError.
  test('a context naming a property every object has is no context, and places nothing', () => {
    for (const name of ['constructor', 'valueOf', 'toString', '__proto__', 'hasOwnProperty']) {
      assert.equal(isContext(`${name}>sh`), false, name);
      assert.equal(encodeFor(`${name}>sh`, '$(id)'), null, name);
      assert.equal(encodeFor(`sh-dq>${name}`, '$(id)'), null, name);
    }
  });
});
