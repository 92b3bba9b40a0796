/**
 * Value validation for command variables, shared by the build and the page (no Zod here, so the
 * page script stays small).
 */
import { UNSAFE_CHARS } from './quote.ts';

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
