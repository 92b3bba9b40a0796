/**
 * Matches real output against the guide's signatures. A signature is the text exactly as printed,
 * or a template whose varying parts are written `<int>`, `<num>`, `<host>`, `<port>`, `<str>`,
 * `<path>` (CONTRIBUTING.md); a signature matches when it is found inside one line of the output.
 */

const SLOTS: Record<string, string> = {
  int: '\\d+',
  num: '\\d+(?:\\.\\d+)?',
  host: '[\\w.:-]+?',
  port: '\\d+',
  str: '.+?',
  path: '\\S+?',
};

/** The regular expression a signature stands for (literal text, slots for the template parts). */
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
  return signatures.filter((s) => {
    const pattern = signaturePattern(s.text);
    return lines.some((l) => pattern.test(l));
  }).map((s) => s.text);
}
