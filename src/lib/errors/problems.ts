/**
 * Friendly errors for author mistakes: one shape and one formatter serve guide frontmatter,
 * triage trees and component props, so every message names the file, the field path, what was
 * found and what was expected, and lists all problems at once.
 *
 * Modelled on Starlight's `utils/error-map.ts`, which turns Zod issues into sentences.
 */
import type { z } from 'zod';

export interface Problem {
  /** File the problem is in, relative to the project root. */
  file: string;
  /** Dotted field path inside the file (`signatures[1].kind`), or `(file)` for the file as a whole. */
  path: string;
  /** What the author wrote, described for a human (`"caching" (a string)`, `nothing`). */
  found: string;
  /** What would have been accepted. */
  expected: string;
  /** Optional advice on how to fix it. */
  hint?: string;
}

/** `['signatures', 1, 'kind']` → `signatures[1].kind`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Describes a value for an error message: its JSON (shortened) and its kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null (an empty value)';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'an invalid date' : `${value.toISOString().slice(0, 10)} (a date)`;
  }
  const kind = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    json = String(value);
  }
  if (json.length > 60) json = `${json.slice(0, 57)}…`;
  return `${json} (${kind})`;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function quoteList(values: ReadonlyArray<unknown>): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

const TYPE_NAMES: Partial<Record<string, string>> = {
  array: 'a list (`[a, b]`, or one `- item` per line)',
  object: 'a mapping (`key: value` lines)',
  date: 'a date written as YYYY-MM-DD',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};

function hintFor(issue: z.core.$ZodIssue, found: unknown): string | undefined {
  if (issue.code === 'invalid_type' && issue.expected === 'string' && (typeof found === 'number' || typeof found === 'boolean')) {
    return `YAML read this as a ${typeof found}; put it in quotes: "${String(found)}".`;
  }
  return undefined;
}

function expectedFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${quoteList(issue.values)}`;
    case 'too_small': {
      const what = issue.origin === 'array' ? 'item(s)' : issue.origin === 'string' ? 'character(s)' : '';
      return `at least ${String(issue.minimum)} ${what}`.trim();
    }
    case 'too_big': {
      const what = issue.origin === 'array' ? 'item(s)' : issue.origin === 'string' ? 'character(s)' : '';
      return `at most ${String(issue.maximum)} ${what}`.trim();
    }
    case 'invalid_format':
      return issue.message && !issue.message.startsWith('Invalid') ? issue.message : `a value in ${issue.format} format`;
    case 'unrecognized_keys':
      return 'only the documented fields (check the spelling)';
    default:
      return issue.message;
  }
}

/**
 * Turns a Zod error into problems, one per issue (unknown keys: one per key),
 * describing what the author wrote by reading it from `input`.
 */
export function problemsFromZod(file: string, error: z.ZodError, input: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push({
          file,
          path: formatPath(path),
          found: `an unknown field ${JSON.stringify(key)}`,
          expected: expectedFor(issue),
        });
      }
      continue;
    }
    const found = valueAt(input, issue.path);
    const lengthNote =
      (issue.code === 'too_small' || issue.code === 'too_big') && (typeof found === 'string' || Array.isArray(found))
        ? `${describeValue(found)}, ${String(found.length)} ${Array.isArray(found) ? 'item(s)' : 'character(s)'}`
        : describeValue(found);
    const hint = hintFor(issue, found);
    problems.push({ file, path: formatPath(issue.path), found: lengthNote, expected: expectedFor(issue), ...(hint ? { hint } : {}) });
  }
  return problems;
}

/** One message for all problems, grouped by file, in a stable order. */
export function formatProblems(title: string, problems: ReadonlyArray<Problem>): string {
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const files = [...byFile.keys()].sort();
  const count = `${String(problems.length)} problem${problems.length === 1 ? '' : 's'} in ${String(files.length)} file${files.length === 1 ? '' : 's'}`;
  const lines = [`${title}: ${count}.`];
  for (const file of files) {
    lines.push('', file);
    for (const p of byFile.get(file) ?? []) {
      lines.push(`  ✖ ${p.path}: found ${p.found}; expected ${p.expected}.`);
      if (p.hint) lines.push(`    ↳ ${p.hint}`);
    }
  }
  return lines.join('\n');
}

/** The error thrown when authored content is invalid; `problems` keeps the structured form. */
export class ContentError extends Error {
  readonly problems: ReadonlyArray<Problem>;
  constructor(title: string, problems: ReadonlyArray<Problem>) {
    super(formatProblems(title, problems));
    this.name = 'ContentError';
    this.problems = problems;
  }
}
