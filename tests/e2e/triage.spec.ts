import { expect, test } from '../support/browser-test.ts';
import { WizardPage } from './pages/wizard-page.ts';

test.describe('triage wizard', () => {
  for (const lang of ['en', 'zh'] as const) {
    test(`a tree is walked end to end by keyboard (${lang}), focus on each new step, to an outcome linking the guide`, async ({ page }) => {
      const wizard = new WizardPage(page);
      await wizard.open(lang, 'redis');
      const passed = await wizard.walkByKeyboard();
      expect(passed.length).toBeGreaterThan(1);
      await expect(wizard.outcome).toBeVisible();
      await expect(wizard.heading).toBeFocused();
      const link = wizard.outcome.locator('[data-guide-link]');
      await expect(link).toHaveAttribute('href', new RegExp(`^/${lang}/guides/[a-z0-9-]+/`));
      await expect(page.locator('[data-path-list] li')).toHaveCount(passed.length);
      await link.click();
      await expect(page.locator('article[data-guide-section]')).toBeVisible();
    });
  }

  test('every step has its own URL: Back and Forward walk the steps, reload keeps the place', async ({ page }) => {
    const wizard = new WizardPage(page);
    await wizard.open('en', 'startup');
    const first = await wizard.heading.textContent();
    await wizard.options.first().click();
    const second = await wizard.heading.textContent();
    await expect(page).toHaveURL(/\/en\/triage\/startup\/[a-z0-9-]+\/\?a=0$/);
    await wizard.options.first().click();
    const third = await wizard.heading.textContent();
    await page.goBack();
    await expect(wizard.heading).toHaveText(second ?? '');
    await page.goBack();
    await expect(wizard.heading).toHaveText(first ?? '');
    await page.goForward();
    await page.goForward();
    await expect(wizard.heading).toHaveText(third ?? '');
    await page.reload();
    await wizard.ready();
    await expect(wizard.heading).toHaveText(third ?? '');
    await expect(page.locator('[data-path-list] li')).toHaveCount(2);
  });

  test('the back button restores the previous answer, marked', async ({ page }) => {
    const wizard = new WizardPage(page);
    await wizard.open('en', 'database');
    await wizard.options.nth(1).click();
    await page.getByRole('button', { name: 'Back' }).click();
    await expect(wizard.options.nth(1)).toHaveAttribute('aria-current', 'true');
    await expect(wizard.options.nth(1)).toContainText('your previous answer');
  });

  test('tampered or unknown state lands on a clear "start again" step', async ({ page }) => {
    const wizard = new WizardPage(page);
    for (const query of ['?a=__proto__', '?a=9.9.9', `?a=${Array(10_000).fill('0').join('.')}`, '?a=constructor']) {
      await page.goto(`/en/triage/startup/${query}`);
      await wizard.ready();
      await expect(page.getByRole('heading', { name: 'This link does not lead to a step of this triage' })).toBeVisible();
      await expect(wizard.step.filter({ hasNot: page.locator('[data-invalid]') })).toHaveCount(1);
    }
    await page.getByRole('link', { name: 'Start again' }).first().click();
    await expect(wizard.options.first()).toBeVisible();
  });

  test('without JavaScript every step is a static page reached by plain links, down to an outcome', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const wizard = new WizardPage(page);
    await wizard.open('zh', 'deployment', { javaScript: false });
    for (let i = 0; i < 20 && (await wizard.outcome.count()) === 0; i++) {
      const before = page.url();
      await wizard.options.first().click();
      await expect(page).not.toHaveURL(before);
    }
    await expect(wizard.outcome).toBeVisible();
    await context.close();
  });

  test('the summary copies as Markdown and prefills an issue on the tracker', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const wizard = new WizardPage(page);
    await wizard.open('en', 'redis');
    await wizard.walkByKeyboard();
    await page.getByRole('button', { name: 'Copy summary (Markdown)' }).click();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    expect(md).toMatch(/^## Triage: /);
    expect(md).toContain('### Answers');
    expect(md).toContain('### Outcome: ');
    expect(md).toContain(`Link: ${page.url()}`);
    const href = await page.getByRole('link', { name: 'Open an issue with this summary' }).getAttribute('href');
    const url = new URL(href ?? '');
    expect(url.origin + url.pathname).toBe('https://github.com/startcodeing/arya-video-agent/issues/new');
    expect(url.searchParams.get('body')).toContain('### Outcome: ');
  });

  test('the overview diagram links every step', async ({ page }) => {
    await page.goto('/en/triage/memory/');
    await page.getByText('Overview of this triage').click();
    const boxes = page.locator('.tree-overview svg a');
    expect(await boxes.count()).toBeGreaterThan(5);
    await boxes.last().click();
    await expect(page).toHaveURL(/\/en\/triage\/memory\/[a-z0-9-]+\/$/);
  });
});
