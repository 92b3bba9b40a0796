import { expect, test } from '../support/browser-test.ts';

const code = (page: import('@playwright/test').Page, variable: string) =>
  page.locator('[data-code-block]', { has: page.locator(`.var-slot[data-var="${variable}"]`) }).first();

test.describe('command variables', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  test('a value set on one page is applied on another page in the other language', async ({ page }) => {
    await page.goto('/en/guides/container-exits-on-start/');
    await page.getByText(/Your values for the commands on this page/).click();
    await page.locator('input[data-var="container_id"]').fill('arya-api-1');
    await expect(code(page, 'container_id').locator('pre')).toContainText('docker logs arya-api-1');
    await page.goto('/zh/guides/memory-leak/');
    await expect(page.locator('.var-slot[data-var="container_id"]').first()).toHaveText('arya-api-1');
    await expect(page.locator('input[data-var="container_id"]')).toHaveValue('arya-api-1');
  });

  test('copy puts exactly the shown command, with the value, on the clipboard', async ({ page }) => {
    await page.goto('/en/guides/task-processing-failed/');
    await page.getByText(/Your values for the commands on this page/).click();
    await page.locator('input[data-var="task_id"]').fill('3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b');
    const block = code(page, 'task_id');
    // The value is in the command before it is copied (the panel's code may still be loading when the field is typed in).
    await expect(block.locator('.var-slot[data-var="task_id"]').first()).toHaveText('3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b');
    await block.getByRole('button', { name: 'Copy code to clipboard' }).click();
    const shown = (await block.locator('pre').innerText()).replace(/\n$/, '');
    expect(shown).toContain('/api/v1/tasks/3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  });

  test("what is typed before the panel's code has loaded is kept and applied", async ({ page }) => {
    // Hold the panel's code back until the field has been typed in, as on a slow network.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_astro/variables-panel.*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/en/guides/container-exits-on-start/');
    await page.getByText(/Your values for the commands on this page/).click();
    await page.locator('input[data-var="container_id"]').fill('arya-api-7');
    release();
    await expect(code(page, 'container_id').locator('pre')).toContainText('docker logs arya-api-7');
    await expect(page.locator('input[data-var="container_id"]')).toHaveValue('arya-api-7');
  });

  test('a hostile value is refused with a message and never reaches a command', async ({ page }) => {
    await page.goto('/en/guides/container-exits-on-start/');
    await page.getByText(/Your values for the commands on this page/).click();
    const input = page.locator('input[data-var="container_id"]');
    for (const hostile of ["x'; rm -rf ~ #", '$(reboot)', '`id`', 'a\nb', '--privileged', 'a && b', 'a|b']) {
      await input.fill(hostile);
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('#var-container_id-error')).not.toBeEmpty();
      await expect(code(page, 'container_id').locator('.var-slot').first()).toHaveText('<container_id>');
    }
  });

  test('the API URL lands inside the URL word, and the database user after -U', async ({ page }) => {
    await page.goto('/en/guides/db-pool-exhausted/');
    await page.getByText(/Your values for the commands on this page/).click();
    await page.locator('input[data-var="db_user"]').fill('arya');
    await page.locator('input[data-var="db_host"]').fill('db.internal');
    await expect(page.locator('pre').filter({ hasText: 'pg_stat_activity' }).first()).toContainText('psql -h db.internal -p 5432 -U arya -d arya_video_agent');
    await page.getByRole('button', { name: 'Clear all values' }).click();
    await expect(page.locator('pre').filter({ hasText: 'pg_stat_activity' }).first()).toContainText('psql -h localhost -p 5432 -U postgres');
  });

  test('without JavaScript the placeholders read as written and the panel is not shown', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/en/guides/container-exits-on-start/');
    await expect(page.locator('variables-panel')).toBeHidden();
    await expect(page.locator('pre').filter({ hasText: 'docker logs' }).first()).toContainText('docker logs <container_id>');
    await context.close();
  });
});
