/**
 * Reads what a diagnostic step's commands printed: the pasted text is cleaned like a search query
 * (control characters, bidi overrides and zero-width characters removed, the tail kept when it is
 * very long), and each answer's output patterns (schema.ts, `match`) are looked for in its lines.
 * Every answer that matches comes back with the lines that matched; the reader confirms one.
 */
import { sanitize } from '../search/normalize.ts';
import { compileTemplate } from '../search/template.ts';

/** The most text looked at, and the most lines; as in a search, the tail holds the answer. */
const MAX_TEXT = 100_000;
const MAX_LINE = 2_000;
/** Lines shown per matching answer. */
const MAX_LINES_SHOWN = 3;

export interface MatchedAnswer {
  /** Index of the answer among the step's options. */
  option: number;
  /** The lines of the pasted output that matched, as pasted (trimmed). */
  lines: string[];
}

export function matchOutput(pasted: string, options: ReadonlyArray<{ match?: ReadonlyArray<{ pattern: string }> }>): MatchedAnswer[] {
  const clean = sanitize(pasted);
  const text = clean.length > MAX_TEXT ? clean.slice(-MAX_TEXT) : clean;
  const lines = text
    .split('\n')
    .map((l) => (l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l).trimEnd())
    .filter((l) => l.trim() !== '');
  const out: MatchedAnswer[] = [];
  options.forEach((option, index) => {
    const patterns = (option.match ?? []).flatMap((m) => {
      const compiled = compileTemplate(m.pattern);
      return compiled.ok ? [compiled.test] : [];
    });
    if (patterns.length === 0) return;
    const matched = lines.filter((line) => patterns.some((test) => test(line)));
    if (matched.length > 0) out.push({ option: index, lines: [...new Set(matched.map((l) => l.trim()))].slice(0, MAX_LINES_SHOWN) });
  });
  return out;
}
