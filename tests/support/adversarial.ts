/**
 * Adversarial input for the property tests of the engines that read untrusted text (what a reader
 * pastes into the search box, types as a command variable, or puts in a URL).
 *
 * fast-check's `unit: 'binary'` covers every code point but never a lone surrogate, so strings are
 * built from a mix of units: any UTF-16 code unit (lone surrogates included), any code point, and
 * characters chosen because they break naive code.
 */
import fc from 'fast-check';

/** Characters that break naive code, each for a reason. */
export const NASTY_CHARS: readonly string[] = [
  // C0 and C1 controls, NUL, ESC (terminal escapes), DEL, NEL
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  '\u007f',
  '\u0085',
  '\u009b',
  // line and paragraph separators (line terminators for `^`/`$` in multiline regexes)
  '\u2028',
  '\u2029',
  // bidi overrides and isolates, zero-width characters, BOM, Arabic letter mark
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u2060',
  '\ufeff',
  '\u061c',
  // lone surrogates, a pair (emoji), the replacement character, non-characters
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\ud83d\ude00',
  '\ufffd',
  '\uffff',
  // other whitespace
  '\u00a0',
  '\u3000',
  // quotes, shell and regex metacharacters, brackets
  "'",
  '"',
  '`',
  '\\',
  '$',
  '!',
  '^',
  '#',
  '~',
  '*',
  '?',
  '|',
  '&',
  ';',
  '%',
  '=',
  '+',
  '@',
  ':',
  '/',
  '.',
  '-',
  '_',
  ',',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '<',
  '>',
  // letters and digits (word characters next to punctuation give regexes many start positions)
  'a',
  'A',
  'f',
  'x',
  'E',
  '0',
  '1',
  '9',
  '中',
  '错',
  '٣',
  '０',
];

/** Pieces of real error text, so that the engines' own patterns are exercised too. */
export const ERROR_FRAGMENTS: readonly string[] = [
  'Traceback (most recent call last):',
  '  File "/app/app/main.py", line 42, in run',
  '    ^^^^^^',
  '  at com.example.Main.run(Main.java:12)',
  'redis.exceptions.ConnectionError: ',
  'sqlalchemy.exc.TimeoutError',
  'ConnectionRefusedError',
  'Error 111 connecting to localhost:6379. Connection refused.',
  'https://api.example.com/v1/x?id=3',
  'redis://:s3cret@redis:6379/0',
  '10.0.3.7',
  '[::1]:8080',
  '0x7f3a2b1c9d80',
  '3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  '2026-11-28T03:12:45.123Z',
  '[ 1234.567890]',
  "'maxmemory'",
  'user@example.com',
  'C:\\Program Files\\app',
  '<n>',
  '<host>',
  ' ... 3 more',
  '连接失败',
  '报错：超时',
  'error',
  'timed out',
];

/** Names that a plain object answers to without having them: a lookup by an untrusted key must not find them. */
export const PROTOTYPE_KEYS: readonly string[] = Object.getOwnPropertyNames(Object.prototype);

/**
 * A line break and what starts the next line: to an interactive shell a line that starts with `^`
 * is a quick substitution, with `#` a comment; a terminal takes a carriage return as Enter.
 */
export const LINE_STARTS: readonly string[] = ['\n^', '\r^', '\r\n^', '\n!', '\n#', '\n~', '\n-', "\n'", '\n"', '\n\\', '\n$(', '\n '];

/** Any single UTF-16 code unit: lone surrogates included. */
export const codeUnit: fc.Arbitrary<string> = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Any single code point (never half a surrogate pair). */
export const codePoint: fc.Arbitrary<string> = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
export const nastyChar: fc.Arbitrary<string> = fc.constantFrom(...NASTY_CHARS);

/** One unit of adversarial text: mostly nasty characters, sometimes anything at all, error text or a line break and what follows it. */
export const adversarialUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: nastyChar },
  { weight: 2, arbitrary: codeUnit },
  { weight: 2, arbitrary: codePoint },
  { weight: 1, arbitrary: fc.constantFrom(...ERROR_FRAGMENTS) },
  { weight: 1, arbitrary: fc.constantFrom(...LINE_STARTS) },
);

/** Adversarial text of up to `maxLength` units (fast-check's default size would stop near 10). */
export function adversarialText(maxLength = 200): fc.Arbitrary<string> {
  return fc.string({ unit: adversarialUnit, maxLength, size: 'medium' });
}

/**
 * `unit` repeated to `n` UTF-16 units. The cut never splits a surrogate pair of the unit (it stops
 * one short instead), so that the input of size n and the one of size 8n are the same kind of text.
 */
export function fill(unit: string, n: number): string {
  if (unit.length === 0 || n <= 0) return '';
  const repeated = unit.repeat(Math.ceil((n + 1) / unit.length));
  const splitsPair = /[\ud800-\udbff]/.test(repeated.charAt(n - 1)) && /[\udc00-\udfff]/.test(repeated.charAt(n));
  return repeated.slice(0, splitsPair ? n - 1 : n);
}

/**
 * Shapes that make a regex or a parser do more than linear work, as functions of the input size:
 * - periodic: a short unit repeated (`a.a.a.a…`: a start position for `\b` at every other character);
 * - run: one long run between two short ends (`x……x`: a `\.+$` tried from every dot);
 * - nested: `n` opening brackets or quotes, then the closing ones.
 * Units are drawn from the character classes regexes care about (word and name characters with
 * the punctuation inside names, white space and line terminators, quotes and brackets), and now
 * and then from anything: a unit mixing classes at random rarely keeps a run going.
 */
export interface Shape {
  name: string;
  make: (n: number) => string;
}

/** A shape that prints as its name in a failure report. */
export const named = (name: string, make: (n: number) => string): Shape => ({ name, make, [fc.toStringMethod]: () => name }) as Shape;

const ALPHABETS: ReadonlyArray<readonly string[]> = [
  // word characters and what joins them into names, hosts, paths and addresses
  ['a', 'A', 'f', 'x', 'E', '1', '_', '.', '-', '+', '@', ':', '/', '\\'],
  // white space and line terminators
  [' ', '\t', '\n', '\r', '\u2028', '\u2029', '\u00a0', '\u3000', '\u0085'],
  // quotes, brackets and shell punctuation
  ['"', "'", '`', '(', ')', '[', ']', '{', '}', '<', '>', '$', '\\', '!', '#', '%', '=', ',', ';', '|', '&', '*', '?', '~', '^'],
  // Han, other letters and digits, formatting characters
  ['中', '错', 'é', '٣', '０', '\u200b', '\u202e', '\ufeff', '\ud800', '\udc00', '\ud83d\ude00'],
];
const alphabetChar = (alphabet: readonly string[]): fc.Arbitrary<string> => fc.constantFrom(...alphabet);
/** An alphabet, names first: error text is mostly names, hosts and paths, and so are the engines' patterns. */
const anAlphabet: fc.Arbitrary<readonly string[]> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(ALPHABETS[0] ?? []) },
  ...ALPHABETS.slice(1).map((a) => ({ weight: 1, arbitrary: fc.constant(a) })),
);
/** A short unit: from one class of characters, two classes, or anything. */
const shapeUnit = (maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: anAlphabet.chain((a) => fc.string({ unit: alphabetChar(a), minLength: 1, maxLength })) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...ALPHABETS), fc.constantFrom(...ALPHABETS)).chain(([a, b]) => fc.string({ unit: alphabetChar([...a, ...b]), minLength: 1, maxLength })),
    },
    { weight: 1, arbitrary: fc.string({ unit: adversarialUnit, minLength: 1, maxLength }) },
  );

export const periodicShape: fc.Arbitrary<Shape> = shapeUnit(4).map((u) => named(`periodic ${JSON.stringify(u)}`, (n) => fill(u, n)));

/** The body of a run: mostly one character repeated, as in `x……x`. */
const runBody = fc.oneof({ weight: 3, arbitrary: anAlphabet.chain(alphabetChar) }, { weight: 1, arbitrary: shapeUnit(2) });
/** The ends of a run: often a single letter or digit (a run inside a word), or nothing, or anything. */
const runEnd = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('a', 'x', 'A', '1', '_', '中') }, { weight: 1, arbitrary: fc.constant('') }, { weight: 2, arbitrary: shapeUnit(3) });

export const runShape: fc.Arbitrary<Shape> = fc
  .tuple(runEnd, runBody, runEnd)
  .map(([head, body, tail]) =>
    named(`run ${JSON.stringify(head)} + ${JSON.stringify(body)}… + ${JSON.stringify(tail)}`, (n) => `${head}${fill(body, Math.max(0, n - head.length - tail.length))}${tail}`),
  );

/** Periodic and run shapes over one small alphabet: for a parser of a small syntax (`?a=0.2.1`). */
export function shapesOver(alphabet: readonly string[]): fc.Arbitrary<Shape> {
  const char = fc.constantFrom(...alphabet);
  const unit = fc.string({ unit: char, minLength: 1, maxLength: 4 });
  const end = fc.string({ unit: char, maxLength: 3 });
  return fc.oneof(
    unit.map((u) => named(`periodic ${JSON.stringify(u)}`, (n) => fill(u, n))),
    fc.tuple(end, char, end).map(([head, body, tail]) =>
      named(`run ${JSON.stringify(head)} + ${JSON.stringify(body)}… + ${JSON.stringify(tail)}`, (n) => `${head}${fill(body, Math.max(0, n - head.length - tail.length))}${tail}`),
    ),
  );
}

const BRACKETS: ReadonlyArray<readonly [string, string]> = [
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['<', '>'],
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['([{<', '>}])'],
  ['${', '}'],
  ['$(', ')'],
  ['\\"', '\\"'],
  ['"\'', '\'"'],
];

export const nestedShape: fc.Arbitrary<Shape> = fc.constantFrom(...BRACKETS).map(([open, close]) =>
  named(`nested ${JSON.stringify(open)}…${JSON.stringify(close)}`, (n) => {
    const depth = Math.floor(n / (open.length + close.length));
    return fill(`${open.repeat(depth)}${close.repeat(depth)}`, n);
  }),
);

export const anyShape: fc.Arbitrary<Shape> = fc.oneof({ weight: 3, arbitrary: periodicShape }, { weight: 3, arbitrary: runShape }, { weight: 1, arbitrary: nestedShape });

/** Long text, printed in a failure report by its recipe rather than in full. */
export interface Long {
  text: string;
}

export const long = (text: string, recipe: string): Long => ({ text, [fc.toStringMethod]: () => recipe }) as Long;

/** About `size` UTF-16 units: an adversarial chunk (up to a few hundred units) repeated, with or without a line break after each. */
export function hugeText(size = 1_000_000): fc.Arbitrary<Long> {
  return fc.tuple(fc.string({ unit: adversarialUnit, minLength: 1, maxLength: 200, size: 'medium' }), fc.boolean()).map(([chunk, lines]) => {
    const unit = lines ? `${chunk}\n` : chunk;
    return long(fill(unit, size), `${JSON.stringify(unit)} repeated to ${String(size)} characters`);
  });
}
