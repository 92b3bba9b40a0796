/**
 * Properties of the template matcher the wizard's paste box and the tree checks use
 * (src/lib/search/template.ts): it reads a template as its reference regular expression does
 * (signaturePattern), and its time grows linearly with the pasted line, whatever the line.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { compileTemplate, signaturePattern, SLOT_NAMES } from '../../src/lib/search/template.ts';
import { fill } from '../support/adversarial.ts';
import { GROWTH_FACTOR, GROWTH_LIMIT, growth } from '../support/linear-time.ts';

/** A small alphabet, so that random lines often come close to random templates. */
const CHARS = ['a', 'b', ':', '.', '1', '2', ' ', '-', '_', '/', '[', '\n', '\r', '\u2028', '\t', 'é'];
const slot = fc.constantFrom(...SLOT_NAMES.map((s) => `<${s}>`));
const piece = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CHARS.filter((c) => !/[\n\r\u2028]/.test(c))) }, { weight: 1, arbitrary: slot });
const template = fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
const line = fc.array(fc.constantFrom(...CHARS), { maxLength: 24 }).map((c) => c.join(''));

describe('templates (properties)', () => {
  test('a template matches exactly the lines its reference regular expression matches', () => {
    fc.assert(
      fc.property(template, fc.array(line, { minLength: 1, maxLength: 6 }), (t, lines) => {
        const compiled = compileTemplate(t);
        fc.pre(compiled.ok);
        if (!compiled.ok) return;
        const reference = signaturePattern(t);
        for (const l of lines) assert.equal(compiled.test(l), reference.test(l), `${JSON.stringify(t)} on ${JSON.stringify(l)}`);
      }),
      { numRuns: 3_000 },
    );
  });

  test('a line made of a template with its slots filled is matched, inside any text', () => {
    const filled: Record<string, fc.Arbitrary<string>> = {
      '<int>': fc.stringMatching(/^\d{1,5}$/),
      '<num>': fc.stringMatching(/^\d{1,4}(\.\d{1,3})?$/),
      '<host>': fc.stringMatching(/^[a-z0-9.-]{1,12}$/),
      '<port>': fc.stringMatching(/^\d{2,5}$/),
      '<str>': fc.stringMatching(/^[^\n\r\u2028\u2029]{1,20}$/),
      '<path>': fc.stringMatching(/^\/[a-z/._-]{1,20}$/),
    };
    const oneLine = line.map((l) => l.replace(/[\n\r\u2028]/g, ' '));
    /** A template, and a line holding one of its instances between other text. */
    const instance = template.chain((t) =>
      fc.tuple(fc.constant(t), oneLine, fc.tuple(...t.split(/(<[a-z]+>)/).map((p) => filled[p] ?? fc.constant(p))), oneLine).map(([t, before, parts, after]) => ({ t, text: `${before}${parts.join('')}${after}` })),
    );
    fc.assert(
      fc.property(instance, ({ t, text }) => {
        const compiled = compileTemplate(t);
        fc.pre(compiled.ok);
        if (!compiled.ok) return;
        assert.ok(compiled.test(text), `${JSON.stringify(t)} on ${JSON.stringify(text)}`);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('matching time grows linearly with the pasted line', () => {
  const linear = (name: string, f: (s: string) => unknown, make: (n: number) => string, n = 250) => {
    const ratio = growth(f, make, n);
    assert.ok(ratio < GROWTH_LIMIT, `${name}: ${GROWTH_FACTOR}× the line took ${ratio.toFixed(1)}× the time`);
  };

  // Found by the property tests of issue 15: as one regular expression, two `<str>` took 6 s on
  // 50 pasted lines of 2,000 characters that almost matched.
  test('two <str> slots on a line that repeats the text between them but never ends the match', () => {
    const compiled = compileTemplate('<str> error <str> timed out');
    assert.ok(compiled.ok);
    linear('<str> error <str> timed out', compiled.test, (n) => fill(' error ', n));
  });

  test('a <path> slot on a line of one long word', () => {
    const compiled = compileTemplate('x<path>: No such file or directory');
    assert.ok(compiled.ok);
    linear('x<path>: No such file', compiled.test, (n) => fill('x', n));
  });
});
