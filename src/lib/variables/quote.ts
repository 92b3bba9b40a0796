/**
 * Encoding a value for the place it lands in a command. Each context is one layer; a context
 * chain like `url>sh` applies them inside out (percent-encode, then make it one shell word).
 * Every encoder either returns text that stands for exactly the value, or null when the value
 * cannot be placed there safely (the caller then leaves the placeholder and says why).
 */

/**
 * POSIX shell: one word, whatever the value. Safe characters stay bare; anything else is
 * single-quoted. After a line break the quote is closed and reopened (`''`), so that no line of
 * the word starts with the value's text: in an interactive shell a line that starts with `^` is a
 * quick substitution (`^old^new`), even inside quotes, and a terminal takes `\r` as a line end.
 */
export function shellQuote(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) && !value.startsWith('-')) return value;
  return `'${value.replaceAll("'", `'\\''`).replace(/[\r\n]/g, "$&''")}'`;
}

export type Layer = 'sh' | 'sh-dq' | 'sh-sq' | 'url' | 'lit';
export type Context = string; // layers joined by '>' (innermost first), e.g. 'url>sh'

const LAYERS: Record<Layer, (v: string) => string | null> = {
  /** A bare shell word (or part of one): quoted as its own word. */
  sh: (v) => shellQuote(v),
  /**
   * Inside "…": backslash-escape the four characters that stay special there. `!` cannot be
   * escaped there (history expansion in an interactive shell; `\!` keeps its backslash): refused.
   */
  'sh-dq': (v) => (/[\n\r!]/.test(v) ? null : v.replace(/[\\$`"]/g, '\\$&')),
  /** Inside '…': close, add an escaped quote, reopen. */
  'sh-sq': (v) => (/[\n\r]/.test(v) ? null : v.replaceAll("'", `'\\''`)),
  /** A path or query part of a URL. Text with a lone surrogate has no percent-encoding (URIError). */
  url: (v) => {
    try {
      return encodeURIComponent(v);
    } catch {
      return null;
    }
  },
  /** Inside a string literal of the embedded language (SQL '…', Python '…'/"…"): plain characters only. */
  lit: (v) => (/['"\\\n\r`$]/.test(v) ? null : v),
};

/** Layers are looked up as own properties: `constructor` or `__proto__` is no layer. */
export function isContext(ctx: string): boolean {
  return ctx.split('>').every((l) => Object.hasOwn(LAYERS, l));
}

/** Encodes `value` for `ctx`; null when it cannot be placed there safely. */
export function encodeFor(ctx: Context, value: string): string | null {
  let out: string | null = value;
  for (const layer of ctx.split('>')) {
    if (out === null) return null;
    if (!Object.hasOwn(LAYERS, layer)) return null;
    const encode = LAYERS[layer as Layer];
    out = encode(out);
  }
  return out;
}

/** Characters that must never reach a terminal from a pasted value: controls, bidi and zero-width. */
export const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
