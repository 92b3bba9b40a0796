/**
 * Properties of command variables: a value the reader types is validated, encoded for the place it
 * lands in a command, and pasted into a production shell. Whatever the value, it must land as
 * exactly itself or be refused, never become a second command. The quoting properties run real
 * bash, with history expansion on as in an interactive shell (tests/support/bash.ts), on batches
 * of generated values.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodeFor, isContext, shellQuote } from '../../src/lib/variables/quote.ts';
import { bashArguments } from '../support/bash.ts';

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

  // Found as values with `!` placed in "…": with history expansion on (an interactive shell),
  // bash dropped the line ("event not found") or put an earlier command in place of `!x`.
  test('inside "…" a value with `!` is refused', () => {
    for (const v of ['!a', 'a!b', '!!', '!$', '!#', '!-1', 'x!?q=1']) {
      assert.equal(encodeFor('sh-dq', v), null, v);
      assert.equal(encodeFor('url>sh-dq', v), null, v);
      assert.equal(encodeFor('lit>sh-dq', v), null, v);
    }
    assert.deepEqual(bashArguments(['"pre a!b post"']), [undefined], 'why: bash drops the line');
  });

  // Found as values with a line break followed by `^`: in an interactive shell a line that starts
  // with `^` is a quick substitution (`^old^new`), even inside '…', and bash rewrote it.
  test('shellQuote keeps a value with a line break followed by `^` one word equal to it', () => {
    const values = ['a\n^b^c', '\n^', 'x\r\n^y', 'a\n^b\n^c^'];
    assert.deepEqual(
      bashArguments(values.map(shellQuote)).map((args) => args?.map(String)),
      values.map((v) => [v]),
    );
    // A terminal takes a carriage return as Enter as well: no line of the word starts with the value.
    for (const v of values) for (const line of shellQuote(v).split(/\r\n?|\n/).slice(1)) assert.ok(line.startsWith("''"), JSON.stringify(line));
  });
});
