/**
 * Properties of the search normaliser and tokenizer: whatever a reader pastes into the search box
 * or puts in `?q=` (a megabyte of log, control characters, lone surrogates, bidi overrides,
 * deeply nested brackets), they never throw, stay within their budget, return clean text, and
 * take time that grows at most linearly with the input (see tests/support/linear-time.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { fullTextQuery, MAX_INPUT, normalizeLine, prepareQuery, sanitize } from '../../src/lib/search/normalize.ts';
import { tokenize } from '../../src/lib/search/tokens.ts';
import { adversarialText, adversarialUnit, anyShape, codePoint, fill, hugeText, long, named, type Shape } from '../support/adversarial.ts';
import { GROWTH_FACTOR, GROWTH_LIMIT, growth } from '../support/linear-time.ts';

/** The normaliser's budget (src/lib/search/normalize.ts): lines kept, characters per line, focus and kept text. */
const MAX_LINES = 2_000;
const MAX_LINE = 2_000;
const MAX_FOCUS = 500;
const MAX_KEPT = 20_000;
/** A placeholder is at most this many times longer than the text it replaces (`a:1` → `<host>:<n>`). */
const PLACEHOLDER_GROWTH = 4;

/** Anything sanitize() promises to remove: controls but tab and new line, bidi and zero-width formatting, lone surrogates. */
const UNCLEAN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const isClean = (s: string) => !UNCLEAN.test(s) && s.isWellFormed();

/** Adversarial text, short or a megabyte long (the megabyte prints as its recipe when a property fails). */
const short = adversarialText(400);
const megabyte = hugeText(1_000_000);
/**
 * Text whose length is within a few characters of one of the budget's cuts: a chunk (often with
 * characters outside the BMP, which are surrogate pairs) repeated, as one line or in lines of a
 * given length, with `error` before or after it so that a line counts as an error line.
 */
const nearACut = fc
  .tuple(
    fc.constantFrom(MAX_INPUT, MAX_LINE, MAX_FOCUS, MAX_KEPT),
    fc.integer({ min: -3, max: 8 }),
    fc.string({ unit: fc.oneof(codePoint, adversarialUnit), minLength: 1, maxLength: 8 }),
    fc.constantFrom(0, 8, 100, 1_999),
    fc.constantFrom(['error ', ''], ['', ' error'], ['', '']),
  )
  .map(([limit, delta, chunk, lineLength, [before, after]]) => {
    const unit = lineLength === 0 ? chunk : `${fill(chunk, lineLength)}\n`;
    const lines = lineLength === 0 ? '' : ` in lines of ${String(lineLength)}`;
    return long(`${before}${fill(unit, limit + delta)}${after}`, `${JSON.stringify(before)}, ${JSON.stringify(chunk)} repeated${lines} to ${String(limit + delta)} characters, ${JSON.stringify(after)}`);
  });

function assertLinear(name: string, f: (s: string) => unknown, n: number, numRuns: number): void {
  fc.assert(
    fc.property(anyShape, (shape) => {
      const ratio = growth(f, shape.make, n);
      assert.ok(ratio < GROWTH_LIMIT, `${name} on ${shape.name}: ${GROWTH_FACTOR}× the input took ${ratio.toFixed(1)}× the time (n = ${String(n)})`);
    }),
    // A timing failure is not shrunk: each step would time a slow case again.
    { numRuns, endOnFailure: true },
  );
}

describe('sanitize (properties)', () => {
  const isSanitized = (raw: string) => {
    const clean = sanitize(raw);
    assert.ok(isClean(clean), JSON.stringify(clean.slice(0, 80)));
    assert.ok(!clean.includes('\r'));
  };

  test('never throws, and leaves no control character but tab and new line, no bidi or zero-width formatting and no lone surrogate', () => {
    fc.assert(fc.property(short, isSanitized), { numRuns: 300 });
  });

  test('does the same for a megabyte of it', () => {
    fc.assert(fc.property(megabyte, (h) => isSanitized(h.text)), { numRuns: 4 });
  });

  test('is idempotent: sanitized text is left as it is', () => {
    fc.assert(
      fc.property(adversarialText(400), (raw) => {
        const once = sanitize(raw);
        assert.equal(sanitize(once), once);
      }),
      { numRuns: 300 },
    );
  });
});

describe('prepareQuery (properties)', () => {
  const withinBudget = (raw: string) => {
    const q = prepareQuery(raw);
    const lines = q.text.split('\n');
    assert.ok(q.text.length <= MAX_INPUT);
    assert.ok(lines.length <= MAX_LINES);
    assert.ok(lines.every((l) => l.length <= MAX_LINE));
    assert.equal(q.truncated, sanitize(raw).length > MAX_INPUT);
    assert.ok(q.kept.length <= MAX_KEPT);
    assert.ok(q.focus.length <= MAX_FOCUS * PLACEHOLDER_GROWTH);
    assert.ok(q.focusText.length <= MAX_FOCUS * PLACEHOLDER_GROWTH);
    assert.ok(q.errorLines.length <= 40);
    assert.ok(q.errorLines.every((l) => l.length <= MAX_LINE * PLACEHOLDER_GROWTH));
    assert.ok(q.exceptions.join('').length <= q.text.length);
    assert.ok(q.fullText.split(' ').length <= 8);
  };
  const allClean = (raw: string) => {
    const q = prepareQuery(raw);
    const fields: Array<[string, string]> = [['text', q.text], ['focus', q.focus], ['focusText', q.focusText], ['kept', q.kept], ['fullText', q.fullText], ...q.errorLines.map((l): [string, string] => ['errorLines', l]), ...q.exceptions.map((e): [string, string] => ['exceptions', e])];
    for (const [field, value] of fields) assert.ok(isClean(value), `${field}: ${JSON.stringify(value.slice(0, 40))}…${JSON.stringify(value.slice(-40))}`);
  };

  test('never throws, and everything it returns stays within the budget', () => {
    fc.assert(fc.property(short, withinBudget), { numRuns: 300 });
  });

  test('never throws on a megabyte either, and cuts it to the budget', () => {
    fc.assert(fc.property(megabyte, (h) => withinBudget(h.text)), { numRuns: 5 });
  });

  test('never throws on 200,000 characters of deeply nested brackets and quotes, long runs or a repeated unit, and stays within the budget', () => {
    fc.assert(
      fc.property(anyShape, (shape) => {
        const text = shape.make(200_000);
        withinBudget(text);
        allClean(text);
        tokenize(prepareQuery(text).kept);
      }),
      { numRuns: 15 },
    );
  });

  test('returns clean, well-formed text in every field', () => {
    fc.assert(fc.property(short, allClean), { numRuns: 300 });
  });

  test('returns clean, well-formed text in every field when the input is cut near a limit of the budget', () => {
    fc.assert(fc.property(nearACut, (l) => allClean(l.text)), { numRuns: 150 });
  });

  test('returns clean, well-formed text in every field, even where the budget cuts a megabyte', () => {
    fc.assert(fc.property(megabyte, (h) => allClean(h.text)), { numRuns: 4 });
  });
});

describe('normalizeLine, fullTextQuery and tokenize (properties)', () => {
  test('normalizeLine never throws and returns one line, single-spaced and trimmed', () => {
    fc.assert(
      fc.property(adversarialText(400), (line) => {
        const out = normalizeLine(line);
        assert.ok(!/\s\s|^\s|\s$/.test(out), JSON.stringify(out));
      }),
      { numRuns: 300 },
    );
  });

  test('fullTextQuery gives at most 8 distinct words, none a placeholder, a number or a single character', () => {
    fc.assert(
      fc.property(adversarialText(400), (text) => {
        const out = fullTextQuery(normalizeLine(text));
        if (out === '') return;
        const words = out.split(' ');
        assert.ok(words.length <= 8);
        assert.equal(new Set(words.map((w) => w.toLowerCase())).size, words.length);
        for (const w of words) assert.ok(w.length > 1 && !/^\d+$/.test(w) && !/<[a-z]+>/.test(w) && !/\s/.test(w), JSON.stringify(w));
      }),
      { numRuns: 300 },
    );
  });

  test('tokenize never throws and gives lower-case tokens without white space or placeholders', () => {
    fc.assert(
      fc.property(adversarialText(400), (text) => {
        for (const t of tokenize(text)) {
          assert.ok(t !== '' && t === t.toLowerCase() && !/\s/.test(t) && !/^<[a-z]+>$/.test(t), JSON.stringify(t));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('time linear in the input (properties)', () => {
  // Sizes keep n and 8n in cache (see tests/support/linear-time.ts); the screen is cheap, so many
  // shapes are tried: the ones that trigger a quadratic case are a small fraction of them.
  test('sanitize takes time linear in its input', () => {
    assertLinear('sanitize', sanitize, 2_000, 200);
  });

  test('normalizeLine takes time linear in its input', () => {
    assertLinear('normalizeLine', normalizeLine, 1_000, 300);
  });

  test('fullTextQuery takes time linear in its input', () => {
    assertLinear('fullTextQuery', fullTextQuery, 1_000, 300);
  });

  test('tokenize takes time linear in its input', () => {
    assertLinear('tokenize', tokenize, 1_000, 500);
  });

  test('prepareQuery takes time linear in the length of a line, up to the longest line it reads (250 → 2,000 characters)', () => {
    assertLinear('prepareQuery', prepareQuery, MAX_LINE / GROWTH_FACTOR, 100);
  });

  test('prepareQuery takes time linear in the length of a paste of many lines, up to the budget (12,500 → 100,000 characters)', () => {
    const manyLines = (shape: Shape): Shape => named(`${shape.name}, in lines of 200`, (n) => shape.make(n).replace(/(.{199})./gsu, '$1\n'));
    fc.assert(
      fc.property(anyShape.map(manyLines), (shape) => {
        const ratio = growth(prepareQuery, shape.make, MAX_INPUT / GROWTH_FACTOR);
        assert.ok(ratio < GROWTH_LIMIT, `prepareQuery on ${shape.name}: ${GROWTH_FACTOR}× the input took ${ratio.toFixed(1)}× the time`);
      }),
      { numRuns: 10, endOnFailure: true },
    );
  });
});

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
