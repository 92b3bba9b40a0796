/**
 * Puts sample values where a command has placeholders, so a syntax check sees a command a reader
 * could run: `docker logs <container_id>` is a redirection to bash until `<container_id>` is a word.
 * Command variables written as placeholders (src/lib/variables) get their example value; the `<name>` placeholders a block
 * declares in its fence meta get the name in capitals (`<pid>` → `PID`).
 */
import { shellStateAt } from '../../../src/lib/variables/context.ts';
import type { Variable } from '../../../src/lib/variables/schema.ts';

export interface Filled {
  code: string;
  /** `<name>` placeholders left in shell code (outside comments and heredocs) that nothing declared. */
  undeclared: string[];
}

const ANGLE = /<([a-z][a-z0-9_]*)>/g;

/** Replaces declared placeholders; reports `<name>` words that still stand in shell code. */
export function fillPlaceholders(code: string, lang: string, variables: ReadonlyArray<Variable>, declared: ReadonlyArray<string>): Filled {
  let out = code;
  for (const v of variables) {
    // Only the bracketed written forms (`<container_id>`, `{task_id}`) are placeholders; `localhost`
    // or `5432` already read as real values.
    if (/^(<[a-z][a-z0-9_]*>|\{[a-z][a-z0-9_]*\})$/.test(v.written)) out = out.replaceAll(v.written, v.example);
  }
  for (const name of declared) out = out.replaceAll(`<${name}>`, name.toUpperCase());
  const undeclared: string[] = [];
  if (lang === 'bash' || lang === 'sh' || lang === 'shell') {
    for (const m of out.matchAll(ANGLE)) {
      const state = shellStateAt(out, m.index);
      if (state === 'comment' || state === 'heredoc') continue;
      const name = m[1] ?? '';
      if (!undeclared.includes(name)) undeclared.push(name);
    }
  }
  return { code: out, undeclared };
}

/** Every `<name>` placeholder in shell code outside comments and heredocs (for tree commands, which have no fence meta). */
export function shellPlaceholders(code: string): string[] {
  return fillPlaceholders(code, 'bash', [], []).undeclared;
}
