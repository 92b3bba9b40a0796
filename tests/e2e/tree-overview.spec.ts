/**
 * The tree overview reads at a glance: at 1,280 px the diagram of every tree, in both languages,
 * fits its frame (or the frame scrolls to every box), no label is cut, and the reader's place
 * and the way there are marked as the wizard walks.
 */
import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { WizardPage } from './pages/wizard-page.ts';

const TREES = readdirSync('src/content/trees').filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();

for (const lang of ['en', 'zh'] as const) {
  test(`at 1,280 px every box of every tree (${lang}) is inside the frame or scrolled to, and no label is cut`, async ({ page }) => {
    // Ten trees, a page each: 12-15 s in full runs, over half the default 30 s. (One test per
    // tree was measured too: 20 tests of about 4 s, 80 s of work instead of 29.)
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    const wizard = new WizardPage(page);
    for (const tree of TREES) {
      await wizard.open(lang, tree);
      await wizard.openOverview();
      const frame = wizard.overview.locator('.tree-overview-scroll');
      const problems = await frame.evaluate((f) => {
        const out: string[] = [];
        for (const node of f.querySelectorAll<SVGAElement>('a.tree-node')) {
          const rect = node.querySelector('rect');
          if (!rect) continue;
          const id = node.dataset['step'] ?? '';
          const inFrame = () => {
            const r = rect.getBoundingClientRect();
            const v = f.getBoundingClientRect();
            return r.left >= v.left - 0.5 && r.right <= v.right + 0.5 && r.top >= v.top - 0.5 && r.bottom <= v.bottom + 0.5;
          };
          if (!inFrame()) {
            // Only a frame that scrolls may hold a box outside its view; then it must reach it.
            const r = rect.getBoundingClientRect();
            const v = f.getBoundingClientRect();
            f.scrollLeft += r.left - v.left - (v.width - r.width) / 2;
            if (!inFrame()) out.push(`${id}: outside the frame`);
            f.scrollLeft = 0;
          }
          const box = rect.getBBox();
          for (const text of node.querySelectorAll('text')) {
            const t = text.getBBox();
            if (t.x < box.x || t.x + t.width > box.x + box.width || t.y < box.y || t.y + t.height > box.y + box.height) out.push(`${id}: "${text.textContent ?? ''}" is cut by its box`);
          }
        }
        if (f.scrollWidth > f.clientWidth) out.push(`scrolls sideways: ${String(f.scrollWidth)} > ${String(f.clientWidth)}`);
        return out;
      });
      expect(problems, `${lang}/${tree}`).toEqual([]);
      await expect(wizard.overview.locator(`[data-step][aria-current="step"]`), `${lang}/${tree}: the first step is marked`).toHaveCount(1);
    }
  });
}

test('the current step and the way there are marked as the wizard walks, and on a step opened directly', async ({ page }) => {
  const wizard = new WizardPage(page);
  await wizard.open('en', 'redis');
  await wizard.options.first().click();
  await wizard.options.first().click();
  const current = await wizard.step.getAttribute('data-node');
  await wizard.openOverview();
  await expect(wizard.overview.locator('[aria-current="step"]')).toHaveAttribute('data-step', current ?? '');
  await expect(wizard.overview.locator('a.on-path')).toHaveCount(2);
  await expect(wizard.overview.locator('path.on-path')).toHaveCount(2);
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(wizard.overview.locator('a.on-path')).toHaveCount(1);
  await expect(wizard.overview.locator('[aria-current="step"]')).toHaveAttribute('data-step', (await wizard.step.getAttribute('data-node')) ?? '');

  await page.goto(`/en/triage/redis/${current ?? ''}/`);
  await wizard.ready();
  await wizard.openOverview();
  await expect(wizard.overview.locator('[aria-current="step"]')).toHaveAttribute('data-step', current ?? '');
});

test('on a phone the diagram keeps its size, scrolls sideways and opens on the current step', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const wizard = new WizardPage(page);
  await wizard.open('en', 'startup');
  await wizard.openOverview();
  const frame = wizard.overview.locator('.tree-overview-scroll');
  expect(await frame.evaluate((f) => f.scrollWidth > f.clientWidth)).toBe(true);
  await expect(wizard.overview.locator('[aria-current="step"] rect')).toBeInViewport();
});
