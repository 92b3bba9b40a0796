/**
 * Filling UI strings, for the server (`t()` in index.ts) and the browser's scripts alike.
 *
 * What the scripts print lives in scripts/ (search.ts, offline.ts, variables.ts, copy.ts), one
 * module per feature, each in every language; en.ts and zh.ts take those entries from there, so
 * each string still has one home and `t()` finds it. A page does not carry them in its HTML:
 * each script imports the module it prints from and picks its language, so the strings arrive
 * with the code that needs them, cached with it, and no other feature's strings come along.
 */

/** A set of strings in another language: the same keys as the English one (a missing one does not compile). */
export type Translation<T> = Record<keyof T, string>;

/** `template` with `{name}` placeholders filled from `vars`; unknown names stay as written. */
export function fill(template: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
