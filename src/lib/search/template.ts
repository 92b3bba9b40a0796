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

export type Compiled = { ok: true; re: RegExp } | { ok: false; reason: string };

/** Compiles a template, or says why it cannot be one (an unknown slot, nothing literal to match). */
export function compileTemplate(text: string): Compiled {
  const parts = text.split(/(<[a-z_]+>)/);
  const unknown = parts.filter((p) => /^<[a-z_]+>$/.test(p) && !SLOTS[p.slice(1, -1)]);
  if (unknown.length > 0) return { ok: false, reason: `unknown slot ${unknown.join(', ')} (slots: ${SLOT_NAMES.map((s) => `<${s}>`).join(', ')})` };
  const literal = parts.filter((p) => !/^<[a-z_]+>$/.test(p)).join('').replace(/\s+/g, '');
  if (literal.length < 2) return { ok: false, reason: 'fewer than two characters of text to match besides the slots' };
  const source = parts
    .map((part) => {
      const slot = /^<([a-z_]+)>$/.exec(part)?.[1];
      return slot ? (SLOTS[slot] ?? '') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { ok: true, re: new RegExp(source) };
}

/** The regular expression a signature stands for: the known slots, everything else literal. */
export function signaturePattern(text: string): RegExp {
  const source = text
    .split(/(<(?:int|num|host|port|str|path)>)/)
    .map((part) => {
      const slot = /^<(\w+)>$/.exec(part)?.[1];
      return slot && SLOTS[slot] ? SLOTS[slot] : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
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
