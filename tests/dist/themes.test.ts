/**
 * The dark theme changes colours and nothing else: every rule under `prefers-color-scheme: dark`
 * in the built stylesheets sets only colour properties, to colour values. The accessibility test
 * relies on it: it runs every WCAG rule in the light theme and, in the dark theme, only the rules
 * whose outcome colours can change (tests/e2e/a11y.spec.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const COLOUR_PROPERTY = /^(?:--[\w-]+|color|background|background-color|border(?:-(?:top|right|bottom|left|block|inline)(?:-(?:start|end))?)?-color|outline-color|text-decoration-color|caret-color|accent-color|fill|stroke|color-scheme)$/;
const COLOUR_VALUE = /^(?:#[0-9a-f]{3,8}|(?:rgb|rgba|hsl|hsla|oklch|color-mix)\([^;]*\)|var\(--[\w-]+\)|transparent|currentcolor|inherit|light|dark|light dark|black|white)(?:\s*!important)?$/i;

/** The bodies of `@media (prefers-color-scheme: dark) { … }` blocks, braces balanced. */
function darkBlocks(css: string): string[] {
  const out: string[] = [];
  for (const m of css.matchAll(/@media\s*\(prefers-color-scheme:\s*dark\)\s*\{/g)) {
    let depth = 1;
    let i = (m.index ?? 0) + m[0].length;
    const start = i;
    for (; i < css.length && depth > 0; i++) depth += css[i] === '{' ? 1 : css[i] === '}' ? -1 : 0;
    out.push(css.slice(start, i - 1));
  }
  return out;
}

test('the dark theme sets colours only (so axe runs its colour rules alone there)', () => {
  const dir = join('dist', '_astro');
  const sheets = readdirSync(dir).filter((f) => f.endsWith('.css'));
  assert.ok(sheets.length > 0);
  let declarations = 0;
  const wrong: string[] = [];
  for (const f of sheets) {
    for (const block of darkBlocks(readFileSync(join(dir, f), 'utf8'))) {
      for (const rule of block.matchAll(/\{([^{}]*)\}/g)) {
        for (const d of (rule[1] ?? '').split(';').filter((x) => x.trim() !== '')) {
          const at = d.indexOf(':');
          const [property, value] = [d.slice(0, at).trim(), d.slice(at + 1).trim()];
          declarations++;
          if (!COLOUR_PROPERTY.test(property) || !COLOUR_VALUE.test(value)) wrong.push(`${f}: ${property}: ${value}`);
        }
      }
    }
  }
  assert.ok(declarations > 10, `only ${String(declarations)} dark-theme declarations found`);
  assert.deepEqual(wrong, []);
});
