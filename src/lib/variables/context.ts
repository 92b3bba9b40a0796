/**
 * Finds the placeholders of declared variables in a command and works out where each one lands:
 * in a bare shell word, inside "…" or '…', in a URL path, in a string literal of an embedded
 * language. Done at build time; the page only applies the encoders for the context it is told.
 */
import type { Context } from './quote.ts';
import type { Variable } from './schema.ts';
import type { Slot } from './values.ts';

export interface Placeholder {
  name: string;
  start: number;
  end: number;
  /** Encoding chain for the value (see quote.ts), or 'none' where it cannot be substituted. */
  ctx: Context | 'none';
}

type ShellState = 'sh' | 'sh-dq' | 'sh-sq' | 'comment' | 'heredoc';

/** The shell quoting state at `offset` in a bash script (POSIX rules, plus heredoc bodies). */
export function shellStateAt(code: string, offset: number): ShellState {
  let state: ShellState = 'sh';
  let heredoc: string | undefined;
  let pendingHeredoc: string | undefined;
  let lineStart = true;
  for (let i = 0; i < offset && i < code.length; i++) {
    const c = code[i];
    if (state === 'heredoc') {
      if (lineStart) {
        const end = code.indexOf('\n', i);
        const line = code.slice(i, end === -1 ? code.length : end);
        if (line.trim() === heredoc) {
          state = 'sh';
          heredoc = undefined;
          i = end === -1 ? code.length : end - 1;
          lineStart = false;
          continue;
        }
      }
      lineStart = c === '\n';
      continue;
    }
    lineStart = false;
    if (state === 'comment') {
      if (c === '\n') state = 'sh';
    } else if (state === 'sh-sq') {
      if (c === "'") state = 'sh';
    } else if (state === 'sh-dq') {
      if (c === '\\') i++;
      else if (c === '"') state = 'sh';
    } else {
      if (c === '\\') i++;
      else if (c === "'") state = 'sh-sq';
      else if (c === '"') state = 'sh-dq';
      else if (c === '#' && (i === 0 || /\s/.test(code[i - 1] ?? ' '))) state = 'comment';
      else if (c === '<' && code[i + 1] === '<' && code[i + 2] !== '<') {
        const m = /^<<-?\s*(['"]?)([A-Za-z_]\w*)\1/.exec(code.slice(i));
        if (m) {
          pendingHeredoc = m[2];
          i += m[0].length - 1;
        }
      } else if (c === '\n') {
        if (pendingHeredoc) {
          state = 'heredoc';
          heredoc = pendingHeredoc;
          pendingHeredoc = undefined;
          lineStart = true;
        }
      }
    }
    if (c === '\n' && state === 'sh') lineStart = true;
  }
  return state;
}

/** True when the placeholder sits right between single quotes inside the surrounding string. */
function quotedBySingle(code: string, start: number, end: number): boolean {
  return code[start - 1] === "'" && code[end] === "'";
}

/** True when the word around `start` is a URL and the placeholder is in its path or query. */
function inUrlPath(code: string, start: number): boolean {
  const before = code.slice(Math.max(0, start - 200), start);
  const word = /[^\s"'`]*$/.exec(before)?.[0] ?? '';
  return /[a-z][a-z0-9+.-]*:\/\/[^/]*\//i.test(word);
}

/** Python string-literal state at `offset` (', ", and their triple forms). */
function pythonInString(code: string, offset: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < offset; i++) {
    const c = code[i] ?? '';
    if (quote) {
      if (c === '\\') i++;
      else if (code.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = undefined;
      }
    } else if (c === '#') {
      const nl = code.indexOf('\n', i);
      if (nl === -1 || nl >= offset) return false;
      i = nl;
    } else if (c === '"' || c === "'") {
      quote = code.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length - 1;
    }
  }
  return quote !== undefined;
}

function contextFor(code: string, lang: string, v: Variable, start: number, end: number): Context | 'none' {
  const inner: string[] = [];
  if (v.kind !== 'http-url' && v.kind !== 'redis-url' && inUrlPath(code, start)) inner.push('url');
  if (lang === 'bash' || lang === 'sh' || lang === 'shell') {
    const state = shellStateAt(code, start);
    if (state === 'comment' || state === 'heredoc') return 'none';
    if (state === 'sh-dq' && quotedBySingle(code, start, end)) inner.push('lit');
    return [...inner, state].join('>');
  }
  if (lang === 'python' || lang === 'sql') {
    const inString = lang === 'python' ? pythonInString(code, start) : quotedBySingle(code, start, end);
    return inString ? [...inner, 'lit'].join('>') : 'none';
  }
  return 'none';
}

/** Every occurrence of every variable's written form in `code`, with its context. */
export function findPlaceholders(code: string, lang: string, variables: ReadonlyArray<Variable>): Placeholder[] {
  const found: Placeholder[] = [];
  for (const v of variables) {
    const needle = `${v.after ?? ''}${v.written}`;
    for (let i = code.indexOf(needle); i !== -1; i = code.indexOf(needle, i + needle.length)) {
      const start = i + (v.after?.length ?? 0);
      const end = start + v.written.length;
      // A written form counts only as a whole: `localhost:8000` is not `localhost:80`.
      if (/[A-Za-z0-9_]/.test(code[end] ?? '') && /[A-Za-z0-9_]$/.test(v.written)) continue;
      if (!v.after && /[A-Za-z0-9_]/.test(code[start - 1] ?? '') && /^[A-Za-z0-9_]/.test(v.written)) continue;
      if (found.some((p) => start < p.end && end > p.start)) continue;
      found.push({ name: v.name, start, end, ctx: contextFor(code, lang, v, start, end) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Names of the variables that can be substituted somewhere in these code blocks, in declaration order. */
export function variablesUsed(blocks: ReadonlyArray<{ code: string; lang: string }>, variables: ReadonlyArray<Variable>): string[] {
  const used = new Set(blocks.flatMap((b) => findPlaceholders(b.code, b.lang, variables).filter((p) => p.ctx !== 'none').map((p) => p.name)));
  return variables.map((v) => v.name).filter((n) => used.has(n));
}

/** The places in `code` where the reader's values can go, with each variable's kind (for the wizard's data). */
export function slotsIn(code: string, lang: string, variables: ReadonlyArray<Variable>): Slot[] {
  return findPlaceholders(code, lang, variables).flatMap((p) => {
    const kind = variables.find((v) => v.name === p.name)?.kind;
    return p.ctx === 'none' || !kind ? [] : [{ start: p.start, end: p.end, name: p.name, kind, ctx: p.ctx }];
  });
}
