import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { builtPages } from './pages/built-pages.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

// Every built page, in groups so the two workers share them and each group has its own timeout.
const pages = builtPages().filter((p) => p !== '/'); // the root redirects; its markup is checked below
const GROUP = 30;
const groups = Array.from({ length: Math.ceil(pages.length / GROUP) }, (_, i) => pages.slice(i * GROUP, (i + 1) * GROUP));

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${scheme} theme`, () => {
    test.describe.configure({ mode: 'parallel' });
    for (const [i, group] of groups.entries()) test(`axe finds no WCAG 2.2 A/AA violation on built pages ${String(i * GROUP + 1)}–${String(i * GROUP + group.length)} of ${String(pages.length)} (${scheme})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: scheme });
      const failures: string[] = [];
      for (const path of group) {
        await page.goto(path);
        const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        for (const v of violations) {
          failures.push(`${path}: ${v.id} (${v.impact ?? ''}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        }
      }
      expect(failures, failures.join('\n')).toEqual([]);
    });
  });
}

test('the root language chooser, as readers without JavaScript get it, has no violation', async ({ page }) => {
  // The root redirects as soon as its script runs; serve its markup without the script to check
  // what a reader without JavaScript sees.
  await page.route('**/', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, '');
    await route.fulfill({ response, body: html });
  });
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'English' })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
