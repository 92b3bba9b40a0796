/**
 * Properties of command variables: a value the reader types is validated, encoded for the place it
 * lands in a command, and pasted into a production shell. Whatever the value, it must land as
 * exactly itself or be refused, never become a second command. The quoting properties run real
 * bash, with history expansion on as in an interactive shell (tests/support/bash.ts), on batches
 * of generated values.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { validateTree } from '../../src/lib/decision-tree/validate.ts';
import { findPlaceholders } from '../../src/lib/variables/context.ts';
import { VARIABLES } from '../../src/lib/variables/definitions.ts';
import { encodeFor, isContext, shellQuote, UNSAFE_CHARS } from '../../src/lib/variables/quote.ts';
import { VARIABLE_KINDS, validateValue, type VariableKind } from '../../src/lib/variables/values.ts';
import { adversarialUnit, anyShape, nastyChar, PROTOTYPE_KEYS } from '../support/adversarial.ts';
import { bashArguments } from '../support/bash.ts';
import { readGuides } from '../support/guide-files.ts';
import { GROWTH_FACTOR, GROWTH_LIMIT, growth } from '../support/linear-time.ts';

const KINDS = Object.keys(VARIABLE_KINDS) as VariableKind[];
const LAYERS = ['sh', 'sh-dq', 'sh-sq', 'url', 'lit'] as const;

/**
 * What each layer must refuse (the specification the encoders are checked against): a line break
 * inside quotes; `!` inside "…" (history expansion in an interactive shell, where `\!` keeps its
 * backslash); in a string literal of the embedded language, anything that could end it or be
 * interpreted in it; in a URL, text that is not well-formed UTF-16 (it has no percent-encoding).
 */
const REFUSES: Record<(typeof LAYERS)[number], (text: string) => boolean> = {
  sh: () => false,
  'sh-dq': (t) => /[\n\r!]/.test(t),
  'sh-sq': (t) => /[\n\r]/.test(t),
  lit: (t) => /['"\\\n\r`$]/.test(t),
  url: (t) => !t.isWellFormed(),
};
/** What the layers inside the shell make of the value: the text the shell must hand over unchanged. */
function inner(ctx: string, value: string): string {
  return ctx.split('>').includes('url') && value.isWellFormed() ? encodeURIComponent(value) : value;
}
/** Whether some layer of `ctx` must refuse `value` (checked on the text each layer receives). */
function mustRefuse(ctx: string, value: string): boolean {
  let text = value;
  for (const layer of ctx.split('>')) {
    if (REFUSES[layer as (typeof LAYERS)[number]](text)) return true;
    if (layer === 'url') text = encodeURIComponent(text);
  }
  return false;
}

/**
 * Every way a value is placed in a shell command on the site: the context, the command line around
 * the encoded value, and what bash must make of that line (one argument) given the inner text.
 */
const PLACEMENTS: ReadonlyArray<{ ctx: string; line: (encoded: string) => string; arg: (text: string) => string }> = [
  { ctx: 'sh', line: (e) => e, arg: (t) => t },
  { ctx: 'sh', line: (e) => `--name=${e}:8000`, arg: (t) => `--name=${t}:8000` },
  { ctx: 'sh-dq', line: (e) => `"pre ${e} post"`, arg: (t) => `pre ${t} post` },
  { ctx: 'sh-sq', line: (e) => `'pre ${e} post'`, arg: (t) => `pre ${t} post` },
  { ctx: 'lit>sh-dq', line: (e) => `"SELECT 1 WHERE id = '${e}'"`, arg: (t) => `SELECT 1 WHERE id = '${t}'` },
  { ctx: 'url>sh', line: (e) => `http://h:8000/x/${e}/y`, arg: (t) => `http://h:8000/x/${t}/y` },
  { ctx: 'url>sh-dq', line: (e) => `"http://h:8000/x/${e}?q=1"`, arg: (t) => `http://h:8000/x/${t}?q=1` },
  { ctx: 'url>sh-sq', line: (e) => `'http://h:8000/x/${e}'`, arg: (t) => `http://h:8000/x/${t}` },
  { ctx: 'url>lit>sh-dq', line: (e) => `"get('http://h/x/${e}')"`, arg: (t) => `get('http://h/x/${t}')` },
];

/**
 * Failures of one batch of values placed in every placement, run in one bash process. Arguments are
 * compared as UTF-8 bytes; a lone surrogate has no UTF-8 form, so on both sides it is the U+FFFD
 * a terminal would get too.
 */
function placedByBash(values: readonly string[]): string[] {
  const cases: Array<{ value: string; ctx: string; line: string; arg: string; refuse: boolean }> = [];
  const failures: string[] = [];
  for (const value of values) {
    for (const p of PLACEMENTS) {
      const encoded = p.ctx === 'sh' ? shellQuote(value) : encodeFor(p.ctx, value);
      const refuse = mustRefuse(p.ctx, value);
      if (encoded === null) {
        if (!refuse) failures.push(`${p.ctx}: ${JSON.stringify(value)} refused, though it can be placed`);
        continue;
      }
      cases.push({ value, ctx: p.ctx, line: p.line(encoded), arg: p.arg(inner(p.ctx, value)), refuse });
    }
  }
  const got = bashArguments(cases.map((c) => c.line));
  cases.forEach((c, i) => {
    const args = got[i];
    const exact = args?.length === 1 && args[0]?.equals(Buffer.from(c.arg));
    if (exact && !c.refuse) return;
    const made = args ? `bash made ${JSON.stringify(args.map((a) => a.toString()))}` : 'bash dropped the line';
    failures.push(`${c.ctx}: ${JSON.stringify(c.value)} placed as ${c.line}${c.refuse ? ', though it must be refused' : ''}: ${made}`);
  });
  return failures;
}

/** Pieces of shell syntax: expansions, substitutions, operators, globs, quotes. */
const SHELL_FRAGMENTS = ['$(id)', '`id`', '${HOME}', '$HOME', '$1', '$$', '$?', "$'\\n'", '<(id)', '; id', '&& id', '| id', '> f', '*', '?', '[a]', '{a,b}', '~', '~root', '#', '!!', '!$', '\\', "'", '"', '\\"', "'\\''", '-rf'];
/** Any value bash can carry (no NUL): adversarial units and pieces of shell syntax. */
const anyValue = fc
  .string({ unit: fc.oneof({ weight: 4, arbitrary: adversarialUnit }, { weight: 1, arbitrary: fc.constantFrom(...SHELL_FRAGMENTS) }), maxLength: 24, size: 'medium' })
  .map((s) => s.replaceAll('\0', ''));

/** What a reader might type for a kind: a value of that kind, sometimes with spaces around or a character slipped in. */
function typedFor(kind: VariableKind): fc.Arbitrary<{ kind: VariableKind; raw: string }> {
  const valid = fc.stringMatching(VARIABLE_KINDS[kind]);
  return fc
    .oneof(
      { weight: 4, arbitrary: valid },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(' ', '\t', '\u00a0', '\u3000', '\ufeff', ''), valid, fc.constantFrom(' ', '\n', '\u2028', '')).map(([a, v, b]) => `${a}${v}${b}`) },
      { weight: 1, arbitrary: fc.tuple(valid, fc.nat(), nastyChar).map(([v, at, c]) => `${v.slice(0, at % (v.length + 1))}${c}${v.slice(at % (v.length + 1))}`) },
    )
    .map((raw) => ({ kind, raw }));
}
const typed = fc.oneof(...KINDS.map(typedFor));

describe('shell quoting, in real bash (properties)', () => {
  test('shellQuote makes any value bash can carry exactly one word, equal to the value, alone or inside a word', () => {
    fc.assert(
      fc.property(fc.array(anyValue, { minLength: 200, maxLength: 200 }), (values) => {
        const got = bashArguments(values.flatMap((v) => [shellQuote(v), `--x=${shellQuote(v)}.y`]));
        values.forEach((v, i) => {
          assert.deepEqual(got[2 * i]?.map((a) => a.toString('hex')), [Buffer.from(v).toString('hex')], `alone: ${JSON.stringify(v)} as ${shellQuote(v)}`);
          assert.deepEqual(got[2 * i + 1]?.map((a) => a.toString('hex')), [Buffer.from(`--x=${v}.y`).toString('hex')], `inside a word: ${JSON.stringify(v)}`);
        });
      }),
      // One bash process per run; a failure names the values, so it is not shrunk.
      { numRuns: 1, endOnFailure: true },
    );
  });

  test('every encoder, in every placement, gives exactly the value or refuses it, and refuses only what it must', () => {
    fc.assert(
      fc.property(fc.array(anyValue, { minLength: 200, maxLength: 200 }), (values) => {
        const failures = placedByBash(values);
        assert.deepEqual(failures, [], `${String(failures.length)} failure(s):\n${failures.slice(0, 8).join('\n')}`);
      }),
      { numRuns: 1, endOnFailure: true },
    );
  });

  test('every value validation accepts lands as exactly itself in every placement', () => {
    fc.assert(
      fc.property(fc.array(typed, { minLength: 200, maxLength: 200 }), (typedValues) => {
        const accepted = typedValues.flatMap(({ kind, raw }) => {
          const v = validateValue(kind, raw);
          return v.ok ? [v.value] : [];
        });
        const failures = placedByBash(accepted);
        assert.deepEqual(failures, [], `${String(failures.length)} failure(s):\n${failures.slice(0, 8).join('\n')}`);
        for (const value of accepted) for (const p of PLACEMENTS) assert.notEqual(p.ctx === 'sh' ? shellQuote(value) : encodeFor(p.ctx, value), null, `${p.ctx} refused the valid ${JSON.stringify(value)}`);
      }),
      { numRuns: 1, endOnFailure: true },
    );
  });
});

describe('encoders and validation (properties)', () => {
  const layerName = fc.oneof(fc.constantFrom(...LAYERS), fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 6 }));
  const context = fc.array(layerName, { minLength: 1, maxLength: 4 }).map((layers) => layers.join('>'));

  test('encodeFor never throws; it returns text or null, and null for a context with a layer it does not know', () => {
    fc.assert(
      fc.property(context, anyValue, (ctx, value) => {
        const out = encodeFor(ctx, value);
        assert.ok(out === null || typeof out === 'string', `${ctx}: ${typeof out}`);
        const known = ctx.split('>').every((l) => (LAYERS as readonly string[]).includes(l));
        assert.equal(isContext(ctx), known, `isContext(${JSON.stringify(ctx)})`);
        if (!known) assert.equal(out, null, `${JSON.stringify(ctx)} is not a context`);
      }),
      { numRuns: 500 },
    );
  });

  test('in a string literal of the embedded language, only a value without quotes, backslash, backtick, dollar or line break is placed, unchanged', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        assert.equal(encodeFor('lit', value), REFUSES.lit(value) ? null : value);
      }),
      { numRuns: 500 },
    );
  });

  test('validation accepts only trimmed values of at most 256 characters of their kind, without NUL, controls, bidi or zero-width characters or a leading dash', () => {
    const raw = fc.oneof(anyValue, fc.string({ unit: adversarialUnit, maxLength: 300, size: 'large' }), typed.map((t) => t.raw));
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), raw, (kind, input) => {
        const v = validateValue(kind, input);
        if (!v.ok) {
          assert.ok(['empty', 'unsafe', 'leading-dash', 'format', 'too-long'].includes(v.reason));
          return;
        }
        assert.equal(v.value, input.trim());
        assert.ok(v.value !== '' && v.value.length <= 256);
        assert.ok(!v.value.includes('\0') && !UNSAFE_CHARS.test(v.value) && !v.value.startsWith('-'));
        assert.match(v.value, VARIABLE_KINDS[kind]);
      }),
      { numRuns: 500 },
    );
  });

  test('a value with a NUL anywhere (bash cannot carry it) is refused, whatever its kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), typed, fc.nat(), (kind, { raw }, at) => {
        const i = at % (raw.length + 1);
        assert.equal(validateValue(kind, `${raw.slice(0, i)}\0${raw.slice(i)}`).ok, false);
      }),
      { numRuns: 500 },
    );
  });

  test('shellQuote, encodeFor and validateValue take time linear in the value', () => {
    // [name, function, shapes tried]. validateValue gives up past 256 characters before any pattern
    // runs, so for it this is the trim; the patterns only ever see 256 characters.
    const fns: Array<[string, (s: string) => unknown, number]> = [
      ['shellQuote', shellQuote, 80],
      ...['sh-dq', 'sh-sq', 'url>sh', 'lit>sh-dq'].map((ctx): [string, (s: string) => unknown, number] => [`encodeFor ${ctx}`, (s) => encodeFor(ctx, s), 40]),
      ['validateValue', (s) => validateValue('host', s), 20],
    ];
    // A valid value has at most 256 characters; 400 → 3,200 also stays below a step in V8's global
    // replace (from about 4,000 matches on, each costs several times more): a constant, not growth.
    for (const [name, f, numRuns] of fns) {
      fc.assert(
        fc.property(anyShape, (shape) => {
          const ratio = growth(f, shape.make, 400);
          assert.ok(ratio < GROWTH_LIMIT, `${name} on ${shape.name}: ${GROWTH_FACTOR}× the input took ${ratio.toFixed(1)}× the time`);
        }),
        { numRuns, endOnFailure: true },
      );
    }
  });
});

describe('placements cover the site', () => {
  test('every context a command of the guides or the trees puts a variable in is one the properties place in bash', () => {
    const blocks: Array<{ code: string; lang: string }> = readGuides().guides.flatMap((g) => g.model.code.map(({ text, lang }) => ({ code: text, lang })));
    for (const name of readdirSync('src/content/trees').filter((f) => f.endsWith('.yaml'))) {
      const { tree } = validateTree(name, parse(readFileSync(`src/content/trees/${name}`, 'utf8')));
      for (const node of tree?.nodes ?? []) if (node.kind === 'diagnostic') blocks.push(...node.commands);
    }
    const used = new Set(blocks.flatMap((b) => findPlaceholders(b.code, b.lang, VARIABLES).map((p) => p.ctx)));
    const placed = new Set(PLACEMENTS.map((p) => p.ctx));
    // `lit` alone is a Python or SQL string literal, not shell: its property above covers it.
    assert.deepEqual([...used].filter((ctx) => ctx !== 'none' && ctx !== 'lit' && !placed.has(ctx)), []);
    assert.ok(used.has('sh') && used.has('lit>sh-dq'), `contexts found: ${[...used].join(', ')}`);
  });
});

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
