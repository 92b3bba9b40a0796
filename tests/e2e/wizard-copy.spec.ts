/**
 * Every command in the wizard can be copied, exactly as shown, with the reader's values in place:
 * on steps reached by answering (their markup comes from the all-steps page), on a step opened
 * directly, and on the all-steps page.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { WizardPage } from './pages/wizard-page.ts';

const VALUES = { container_id: 'arya-api-7', redis_url: 'redis://cache.internal:6380/0', db_host: 'db.internal' };

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await context.addInitScript((values) => localStorage.setItem('arya:variables:v1', JSON.stringify(values)), VALUES);
});

/** Copies a block; returns what landed on the clipboard, checked against what the block shows. */
async function copy(page: Page, block: Locator): Promise<string> {
  const button = block.getByRole('button');
  await expect(button).toBeVisible();
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await button.click();
  await expect(block.getByRole('status')).not.toBeEmpty();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe((await block.locator('pre').innerText()).replace(/\n$/, ''));
  return copied;
}

for (const [lang, tree] of [['en', 'redis'], ['zh', 'startup']] as const) {
  test(`walking a tree by answering (${lang}), every command of every check copies as shown, with the reader's values`, async ({ page }) => {
    const wizard = new WizardPage(page);
    await wizard.open(lang, tree);
    let copied = 0;
    const withValues: string[] = [];
    for (let i = 0; i < 20 && (await wizard.outcome.count()) === 0; i++) {
      for (const block of await wizard.codeBlocks.all()) {
        const text = await copy(page, block);
        copied++;
        if (Object.values(VALUES).some((v) => text.includes(v))) withValues.push(text);
      }
      const before = await wizard.heading.textContent();
      await wizard.options.first().click();
      await expect(wizard.heading).not.toHaveText(before ?? '');
      expect(new URL(page.url()).search, 'moved by answering, without a reload').toMatch(/^\?a=/);
    }
    expect(copied, 'commands copied on the way').toBeGreaterThan(1);
    expect(withValues.length, 'commands copied with the reader’s values').toBeGreaterThan(0);
  });
}

test('a step opened directly, and the all-steps page, copy their commands too', async ({ page }) => {
  const wizard = new WizardPage(page);
  await page.goto('/en/triage/redis/ping-redis/');
  await wizard.ready();
  await expect(wizard.codeBlocks.first()).toBeVisible();
  for (const block of await wizard.codeBlocks.all()) await copy(page, block);
  await page.goto('/en/triage/redis/all/');
  const blocks = page.locator('[data-all-steps] [data-code-block]');
  expect(await blocks.count()).toBeGreaterThan(5);
  await copy(page, blocks.first());
  await copy(page, blocks.last());
});
