/**
 * The metadata after a code fence's language (```python fragment="async"```): how the verify
 * checks must read a block that is not a complete program as written. Astro's Shiki ignores
 * meta it does not know, so none of this shows on the page.
 *
 * Syntax: space-separated `key="value"` pairs, nothing else. Keys (see CONTRIBUTING.md):
 * `fragment`, `file`, `placeholders`.
 */
import { z } from 'zod';

/** How a Python block that is not a module on its own is checked. */
export const FRAGMENT_KINDS = ['async', 'function'] as const;

export const FenceMetaSchema = z.strictObject({
  /**
   * The block is the body of a function, not a module: `async` (top-level `await`, `async with`,
   * `return`: checked as the body of an `async def`), `function` (top-level `return`/`yield`:
   * checked as the body of a `def`). Python only. Default: a complete module.
   */
  fragment: z.enum(FRAGMENT_KINDS).optional(),
  /**
   * The file the block is (a part of), which picks its checker: `redis.conf` for `ini` blocks
   * (required there: `ini` alone says nothing about the format), `docker-compose.yml` for a
   * compose `yaml` block, `Dockerfile`. Default: none.
   */
  file: z.string().regex(/^[\w./-]+$/, 'a file name like "redis.conf"').optional(),
  /**
   * Placeholders the reader replaces, written `<name>` in the block, that are not command
   * variables (src/lib/variables): space-separated names without the brackets (`"pid image"`).
   * The checks put a sample word in their place. Default: none.
   */
  placeholders: z
    .string()
    .regex(/^[a-z][a-z0-9_]*( [a-z][a-z0-9_]*)*$/, 'space-separated names like "pid image"')
    .transform((s) => s.split(' '))
    .optional(),
});
export type FenceMetaInput = z.input<typeof FenceMetaSchema>;
export type FenceMeta = z.output<typeof FenceMetaSchema>;

export interface FenceMetaResult {
  meta: FenceMeta;
  /** Human-readable problems (unknown key, bad value, text that is not `key="value"`); empty when valid. */
  problems: string[];
}

/** Parses a fence's meta string; never throws, so every problem of every block can be listed at once. */
export function parseFenceMeta(raw: string): FenceMetaResult {
  const pairs: Record<string, string> = {};
  const problems: string[] = [];
  const rest = raw.replace(/([A-Za-z][\w-]*)="([^"]*)"/g, (_, key: string, value: string) => {
    if (key in pairs) problems.push(`"${key}" is given twice`);
    pairs[key] = value;
    return ' ';
  });
  if (rest.trim() !== '') problems.push(`"${rest.trim()}" is not a key="value" pair`);
  const parsed = FenceMetaSchema.safeParse(pairs);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        problems.push(`unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: known keys are fragment, file, placeholders`);
      } else {
        problems.push(`${key}="${pairs[key] ?? ''}": ${issue.message}`);
      }
    }
    return { meta: {}, problems };
  }
  return { meta: parsed.data, problems };
}
