/**
 * The signature template language, shared by the guides' signatures and the trees' output
 * patterns: text exactly as a tool prints it, with the parts that vary written as slots —
 * `<int>`, `<num>`, `<host>`, `<port>`, `<str>`, `<path>` (CONTRIBUTING.md). A template matches
 * when it is found inside one line of the output.
 */

const SLOTS: Record<string, string> = {
  int: '\\d+',
  num: '\\d+(?:\\.\\d+)?',
  host: '[\\w.:\\[\\]-]+?',
  port: '\\d+',
  str: '.+?',
  path: '\\S+?',
};
export const SLOT_NAMES = Object.keys(SLOTS);
/** A known slot in a template, captured (`<int>` → `int`). */
const SLOT = new RegExp(`<(${SLOT_NAMES.join('|')})>`, 'g');

/** A value of each slot, as a tool would print it: a template written out as one real line. */
const SAMPLES: Record<string, string> = { int: '4242', num: '4.25', host: '127.0.0.1', port: '5432', str: '"x"', path: '/srv/app/main.py' };

/** The template as one line a tool could print (each slot given a typical value). */
export function exampleLine(template: string): string {
  return template.replace(SLOT, (_, slot: string) => SAMPLES[slot] ?? '');
}

export type Compiled = { ok: true; test: (line: string) => boolean } | { ok: false; reason: string };

/**
 * One step of a template: a character class taken once, or once or more (`many`). `skip` marks the
 * start of an optional run of that many steps (the fraction of `<num>`).
 */
interface Step {
  accepts: (c: number) => boolean;
  many: boolean;
  skip?: number;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWord = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** What `\s` matches in JavaScript. */
const isSpace = (c: number) => (c >= 9 && c <= 13) || c === 32 || c === 160 || c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279;
const isLineBreak = (c: number) => c === 10 || c === 13 || c === 8232 || c === 8233;

/** The steps of each slot: the same language as SLOTS' expressions. */
const SLOT_STEPS: Record<string, Step[]> = {
  int: [{ accepts: isDigit, many: true }],
  num: [{ accepts: isDigit, many: true }, { accepts: (c) => c === 46, many: false, skip: 2 }, { accepts: isDigit, many: true }],
  host: [{ accepts: (c) => isWord(c) || c === 46 || c === 58 || c === 91 || c === 93 || c === 45, many: true }],
  port: [{ accepts: isDigit, many: true }],
  str: [{ accepts: (c) => !isLineBreak(c), many: true }],
  path: [{ accepts: (c) => !isSpace(c), many: true }],
};

/**
 * Whether `steps` match somewhere in `line`, read once from left to right with the set of steps
 * reached so far (a Thompson simulation): time proportional to the line's length times the
 * template's, whatever the line. A backtracking regular expression would try every pair of
 * places for two `<str>` slots on a line that does not match: seconds for a paste of long lines.
 */
function occursIn(steps: readonly Step[], line: string): boolean {
  const end = steps.length;
  let current = new Uint8Array(end + 1);
  let next = new Uint8Array(end + 1);
  /** Adds step `i` and the steps an optional run lets it skip to; true once the end is reached. */
  const reach = (set: Uint8Array, i: number): boolean => {
    for (let k = i; k <= end; ) {
      if (set[k]) return false;
      set[k] = 1;
      if (k === end) return true;
      const skip = steps[k]?.skip;
      if (skip === undefined) return false;
      k += skip;
    }
    return false;
  };
  if (reach(current, 0)) return true;
  for (let at = 0; at < line.length; at++) {
    const c = line.charCodeAt(at);
    next.fill(0);
    // Unanchored: a match may start at the next character too.
    if (reach(next, 0)) return true;
    for (let i = 0; i < end; i++) {
      const step = steps[i];
      if (!current[i] || !step?.accepts(c)) continue;
      if (step.many && reach(next, i)) return true;
      if (reach(next, i + 1)) return true;
    }
    [current, next] = [next, current];
  }
  return false;
}

/** Compiles a template, or says why it cannot be one (an unknown slot, nothing literal to match). */
export function compileTemplate(text: string): Compiled {
  const parts = text.split(/(<[a-z_]+>)/);
  const unknown = parts.filter((p) => /^<[a-z_]+>$/.test(p) && !SLOTS[p.slice(1, -1)]);
  if (unknown.length > 0) return { ok: false, reason: `unknown slot ${unknown.join(', ')} (slots: ${SLOT_NAMES.map((s) => `<${s}>`).join(', ')})` };
  const literal = parts.filter((p) => !/^<[a-z_]+>$/.test(p)).join('').replace(/\s+/g, '');
  if (literal.length < 2) return { ok: false, reason: 'fewer than two characters of text to match besides the slots' };
  const steps = parts.flatMap((part): Step[] => {
    const slot = /^<([a-z_]+)>$/.exec(part)?.[1];
    if (slot) return SLOT_STEPS[slot] ?? [];
    return Array.from({ length: part.length }, (_, i) => {
      const unit = part.charCodeAt(i);
      return { accepts: (c: number) => c === unit, many: false };
    });
  });
  // Every match holds each literal part as written: a line without the longest one cannot match,
  // and most lines of a long paste are turned away by one indexOf before the simulation runs.
  const longest = parts.filter((p) => !/^<[a-z_]+>$/.test(p)).reduce((a, b) => (b.length > a.length ? b : a), '');
  return { ok: true, test: (line) => line.includes(longest) && occursIn(steps, line) };
}

/**
 * The regular expression a signature stands for: the known slots, everything else literal. The
 * reference reading of a template; compileTemplate matches the same lines without backtracking
 * (tests/unit/output-match.test.ts checks that they agree).
 */
export function signaturePattern(text: string): RegExp {
  const source = text
    .split(SLOT)
    // split() puts each captured slot name at the odd places, the literal text at the even ones.
    .map((part, k) => (k % 2 === 1 ? (SLOTS[part] ?? '') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(source);
}

/** The signatures (texts) that some line of `output` matches, in the order given. */
export function matchingSignatures(signatures: ReadonlyArray<{ text: string }>, output: string): string[] {
  const lines = output.split(/\r?\n/);
  return signatures
    .filter((s) => {
      const pattern = signaturePattern(s.text);
      return lines.some((l) => pattern.test(l));
    })
    .map((s) => s.text);
}
