/**
 * axe (WCAG 2.2 A and AA) on every built page, in the light and the dark theme. One browser page
 * per worker is reused by every group (`reusedPage`); axe is registered on it once as an init
 * script, and each page is
 * analysed twice with the colour scheme switched in place (no reload): every rule in the light
 * theme, the colour rules in the dark one (the dark theme changes colours only). Triage step pages
 * and error pages whose markup is proven to be that of a checked page are left out
 * (tests/support/axe-plan.ts says what the proof sets aside; it is re-checked in
 * tests/dist/site.test.ts).
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../support/browser-test.ts';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { axePlan, ERROR_PAGE, STEP_PAGE } from '../support/axe-plan.ts';
import { builtHtml } from '../support/built-site.ts';
import { settled } from './pages/settled.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * The rules whose outcome a change of colours can change. The dark theme changes colours only
 * (tests/dist/themes.test.ts proves it of every built stylesheet), so in the dark theme these are
 * the rules that can find something the light theme's full run did not.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * Runs axe on the current page (every WCAG A/AA rule, or only `rules`), every <details> opened so
 * what it hides is checked too; one line per violation.
 */
async function violations(page: Page, label: string, rules?: string[]): Promise<string[]> {
  const found = await page.evaluate(
    async ({ tags, rules }) => {
      for (const details of document.querySelectorAll('details')) details.open = true;
      const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: Violation[] }> } }).axe;
      const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags };
      return (await axe.run(document, { runOnly, resultTypes: ['violations'] })).violations;
    },
    { tags: TAGS, rules },
  );
  return found.map((v) => `${label}: ${v.id} (${v.impact ?? ''}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

// The root redirects as soon as its script runs; its markup is checked below, without the script.
const html = builtHtml();
const { check, covered } = axePlan(html);
const pages = check.filter((p) => p !== '/');

/**
 * Pages in groups of about equal work, so that no group nears its timeout. Measured in a full run:
 * a page costs about 2 s to load and settle, plus about 7 ms per element for axe's two passes, so
 * a page weighs LOAD_WEIGHT plus its elements, and a group holds up to GROUP_WEIGHT (about two
 * long guides, or eight error-sized pages: 16-20 s in a run on a loaded machine, of 90 s).
 */
const LOAD_WEIGHT = 300;
const GROUP_WEIGHT = 2_400;
const weights = new Map(pages.map((path) => [path, LOAD_WEIGHT + ((html.get(path) ?? '').match(/<[a-z]/gi) ?? []).length]));
const weight = (path: string) => weights.get(path) ?? 0;
const groups: string[][] = [];
let load = Infinity;
for (const path of pages) {
  if (load + weight(path) > GROUP_WEIGHT) {
    groups.push([]);
    load = 0;
  }
  groups.at(-1)?.push(path);
  load += weight(path);
}

test.describe('accessibility', () => {
  test.describe.configure({ mode: 'parallel' });

  /** The reused pages that have axe registered already. */
  const withAxe = new WeakSet<Page>();

  let first = 1;
  for (const group of groups) {
    test(`axe finds no WCAG 2.2 A/AA violation on pages ${String(first)}–${String(first + group.length - 1)} of ${String(pages.length)}, light and dark`, async ({ reusedPage: page }) => {
      test.setTimeout(90_000);
      if (!withAxe.has(page)) {
        await page.addInitScript(AXE_SOURCE);
        withAxe.add(page);
      }
      const failures: string[] = [];
      for (const path of group) {
        await page.emulateMedia({ colorScheme: 'light' });
        await page.goto(path);
        await settled(page);
        failures.push(...(await violations(page, `${path} (light)`)));
        await page.emulateMedia({ colorScheme: 'dark' });
        failures.push(...(await violations(page, `${path} (dark)`, COLOUR_RULES)));
      }
      expect(failures, failures.join('\n')).toEqual([]);
    });
    first += group.length;
  }

  test(`the groups hold every checked page once, none over ${String(GROUP_WEIGHT)} in weight unless a page alone is`, () => {
    expect(groups.flat()).toEqual(pages);
    expect(groups.filter((g) => g.length > 1 && g.reduce((sum, p) => sum + weight(p), 0) > GROUP_WEIGHT)).toEqual([]);
  });

  test(`leaves out only step and error pages proven to be checked pages (${String(covered.length)} of ${String(check.length + covered.length)})`, () => {
    expect(check.length + covered.length).toBe(builtHtml().size);
    const left = covered.filter((c) => !(STEP_PAGE.test(c.page) || ERROR_PAGE.test(c.page)) || c.by.length === 0 || !c.by.every((p) => check.includes(p)));
    expect(left).toEqual([]);
  });

  test('the root language chooser, as readers without JavaScript get it, has no violation', async ({ page }) => {
    await page.addInitScript(AXE_SOURCE);
    await page.route('**/', async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, '');
      await route.fulfill({ response, body: html });
    });
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'English' })).toBeVisible();
    expect(await violations(page, '/')).toEqual([]);
  });
});
