/**
 * Python as the checks compile it: a block marked as a fragment becomes the body of a function
 * (its lines indented under a `def`), and the Python that bash blocks hand to the interpreter
 * (`python - <<'EOF'` heredocs, `python -c "…"`) is taken out of the shell text.
 */
import type { FenceMeta } from './fence-meta.ts';

export interface PythonSource {
  source: string;
  /** Lines added before the block's first line (to map a compiler error back to the block). */
  lineOffset: number;
}

/** The module to compile for a block: the block itself, or the block as the body of a `def` / `async def`. */
export function pythonModule(code: string, fragment: FenceMeta['fragment']): PythonSource {
  if (!fragment) return { source: code, lineOffset: 0 };
  const head = fragment === 'async' ? 'async def __fragment__():' : 'def __fragment__():';
  const body = code.split('\n').map((l) => (l.trim() === '' ? '' : `    ${l}`));
  // `pass` keeps a body of only comments valid; after real statements it changes nothing.
  return { source: [head, ...body, '    pass', ''].join('\n'), lineOffset: 1 };
}

export interface EmbeddedPython {
  /** How the Python is passed: a heredoc on stdin or a `-c` argument. */
  via: 'heredoc' | '-c';
  code: string;
}

/** Undoes the backslash escapes that stay special inside a double-quoted shell string. */
function unquoteDouble(body: string): string {
  return body.replace(/\\([\\$`"\n])/g, (_, c: string) => (c === '\n' ? '' : c));
}

/**
 * The Python programs a bash block runs with `python`/`python3`: heredoc bodies after
 * `python - <<'TAG'` and literal `-c` arguments. A `-c "…"` with a shell expansion (`$x`) is
 * skipped: its text is not known until the shell runs it.
 */
export function embeddedPython(bash: string): EmbeddedPython[] {
  const out: EmbeddedPython[] = [];
  const lines = bash.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /\bpython3?\s+-\s+<<-?\s*(['"]?)([A-Za-z_]\w*)\1/.exec(line);
    if (heredoc) {
      const tag = heredoc[2] ?? '';
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length && (lines[j] ?? '').trim() !== tag; j++) body.push(lines[j] ?? '');
      out.push({ via: 'heredoc', code: body.join('\n') });
      i = j;
      continue;
    }
    for (const m of line.matchAll(/\bpython3?((?:\s+-[A-ZbBdEhiIOqsSuvVx]+(?:\s+[\w.=]+)?)*)\s+-c\s+(["'])/g)) {
      const quote = m[2];
      let j = (m.index ?? 0) + m[0].length;
      let body = '';
      for (; j < line.length && line[j] !== quote; j++) {
        if (quote === '"' && line[j] === '\\') {
          body += line.slice(j, j + 2);
          j++;
        } else body += line[j] ?? '';
      }
      if (quote === '"' && /(^|[^\\])\$/.test(body)) continue;
      out.push({ via: '-c', code: quote === '"' ? unquoteDouble(body) : body });
    }
  }
  return out;
}
