/**
 * Reads the parts of a guide body that tests and checks care about, from the MDX text itself:
 * fenced code blocks (language, meta, text) and the `original` of each `<Correction>`.
 * A small scanner, not an MDX parser: guides follow CONTRIBUTING.md, which keeps both forms simple.
 */

export interface CodeBlock {
  lang: string;
  meta: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** Fenced code blocks (``` or ~~~, any indentation), in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)\s*(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const fence = open[2] ?? '```';
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j] ?? '';
      if (l.trim().startsWith(fence) && l.trim().replace(/[`~]/g, '') === '') break;
      body.push(l.slice(Math.min(indent, l.length - l.trimStart().length)));
    }
    blocks.push({ lang: open[3] ?? '', meta: (open[4] ?? '').trim(), code: body.join('\n'), line: i + 1 });
    i = j;
  }
  return blocks;
}

/** Undoes JavaScript string escapes in a template literal or quoted string body. */
function unescapeJs(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_, esc: string) => {
    if (esc.startsWith('u{')) return String.fromCodePoint(parseInt(esc.slice(2, -1), 16));
    if (esc.startsWith('u') && esc.length === 5) return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (esc.startsWith('x') && esc.length === 3) return String.fromCharCode(parseInt(esc.slice(1), 16));
    // A backslash before a line break continues the line: both disappear.
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\n': '', '\r': '' };
    return simple[esc] ?? esc;
  });
}

/**
 * The string a JSX attribute expression stands for, when it is a plain literal: `"…"`, `'…'`, or
 * a template literal without `${…}`. Anything else (a variable, a call, an interpolation) is not
 * static, and gives `undefined`.
 */
export function staticString(expression: string): string | undefined {
  const m = /^\s*(?:`((?:\\[\s\S]|[^`\\$]|\$(?!\{))*)`|"((?:\\[\s\S]|[^"\\\n])*)"|'((?:\\[\s\S]|[^'\\\n])*)')\s*$/.exec(expression);
  if (!m) return undefined;
  return unescapeJs(m[1] ?? m[2] ?? m[3] ?? '');
}

/** The `original` text of every `<Correction original={…}>`, unescaped, in order. */
export function correctionOriginals(mdx: string): string[] {
  const out: string[] = [];
  const re = /<Correction\s+original=\{\s*(`((?:\\[\s\S]|[^`\\])*)`|"((?:\\[\s\S]|[^"\\])*)"|'((?:\\[\s\S]|[^'\\])*)')\s*\}/g;
  for (let m = re.exec(mdx); m; m = re.exec(mdx)) {
    out.push(unescapeJs(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** The 1-based line of `file` that `body` (the text after the frontmatter) starts on. */
export function bodyFirstLine(file: string, body: string): number {
  const at = body === '' ? -1 : file.lastIndexOf(body);
  return at < 0 ? 1 : file.slice(0, at).split('\n').length;
}
