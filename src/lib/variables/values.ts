/**
 * Value validation for command variables, shared by the build and the page (no Zod here, so the
 * page script stays small).
 */
import { encodeFor, UNSAFE_CHARS, type Context } from './quote.ts';

/** What a value must look like. Each kind has one validator, shared by the build and the page. */
export const VARIABLE_KINDS = {
  'container-id': /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/,
  'task-id': /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
  host: /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\])$/,
  port: /^(?:[1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5])$/,
  'http-url': /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[A-Za-z0-9._~%/-]*)?$/,
  'redis-url': /^rediss?:\/\/(?:[A-Za-z0-9._~%-]*(?::[A-Za-z0-9._~%-]+)?@)?[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/\d{1,2})?$/,
  identifier: /^[A-Za-z_][A-Za-z0-9_]{0,62}$/,
  'user-id': /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/,
} as const;
export type VariableKind = keyof typeof VARIABLE_KINDS;

export type Validation = { ok: true; value: string } | { ok: false; reason: 'empty' | 'unsafe' | 'leading-dash' | 'format' | 'too-long' };

/** Checks a typed value against its kind. Leading/trailing whitespace is trimmed first. */
export function validateValue(kind: VariableKind, raw: string): Validation {
  const value = raw.trim();
  if (value === '') return { ok: false, reason: 'empty' };
  if (value.length > 256) return { ok: false, reason: 'too-long' };
  if (UNSAFE_CHARS.test(value)) return { ok: false, reason: 'unsafe' };
  if (value.startsWith('-')) return { ok: false, reason: 'leading-dash' };
  if (!VARIABLE_KINDS[kind].test(value)) return { ok: false, reason: 'format' };
  return { ok: true, value };
}

/**
 * The text a reader's value stands for in one place of a command: validated for its kind, then
 * encoded for its context. Null when there is no usable value, or when it cannot be placed
 * there safely; the command then keeps its placeholder as written.
 */
export function placeValue(kind: VariableKind, ctx: Context, raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const valid = validateValue(kind, raw);
  return valid.ok ? encodeFor(ctx, valid.value) : null;
}

/** Where a variable sits in a command (offsets into the code), computed at build time. */
export interface Slot {
  start: number;
  end: number;
  name: string;
  kind: VariableKind;
  ctx: Context;
}

/** A command with the reader's values in its slots; a slot without a usable value keeps its written text. */
export function fillSlots(code: string, slots: ReadonlyArray<Slot>, values: Readonly<Record<string, string>>): string {
  let out = '';
  let at = 0;
  for (const slot of [...slots].sort((a, b) => a.start - b.start)) {
    out += code.slice(at, slot.start);
    out += placeValue(slot.kind, slot.ctx, values[slot.name]) ?? code.slice(slot.start, slot.end);
    at = slot.end;
  }
  return out + code.slice(at);
}
