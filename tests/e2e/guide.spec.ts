import { expect, test } from '../support/browser-test.ts';
import { guidePages } from './pages/built-pages.ts';
import { GuidePage } from './pages/guide-page.ts';

test.describe('guide pages', () => {
  test('the copy button puts exactly the shown command on the clipboard', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const guide = new GuidePage(page);
    await guide.goto('en', 'app-fails-to-start');
    const count = await page.locator('[data-code-block]').count();
    expect(count).toBeGreaterThan(3);
    for (const n of [0, count - 1]) {
      const block = guide.codeBlock(n);
      await block.copy.click();
      await expect(block.status).toHaveText('Copied');
      const shown = (await block.pre.innerText()).replace(/\n$/, '');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(shown);
    }
  });

  test('the copy button is announced in the page language and works from the keyboard', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const guide = new GuidePage(page);
    await guide.goto('zh', 'db-pool-exhausted');
    const block = guide.codeBlock(0);
    await expect(block.copy).toHaveAccessibleName('复制代码到剪贴板');
    await block.copy.focus();
    await page.keyboard.press('Enter');
    await expect(block.status).toHaveText('已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe((await block.pre.innerText()).replace(/\n$/, ''));
  });

  test('the language switch lands on the same section in the other language', async ({ page }) => {
    const guide = new GuidePage(page);
    await guide.goto('zh', 'redis-out-of-memory');
    const section = await guide.section();
    await guide.languageSwitch.click();
    await expect(page).toHaveURL(/\/en\/guides\/redis-out-of-memory\/$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(await guide.section()).toBe(section);
    await guide.languageSwitch.click();
    await expect(page).toHaveURL(/\/zh\/guides\/redis-out-of-memory\/$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });

  test('the table of contents links to the four blocks and every solution heading', async ({ page }) => {
    const guide = new GuidePage(page);
    await guide.goto('en', 'app-fails-to-start');
    for (const id of ['symptom', 'causes', 'diagnosis', 'solutions']) {
      await expect(guide.toc.locator(`a[href="#${id}"]`)).toHaveCount(1);
      await expect(page.locator(`section[data-block="${id}"] > h2#${id}`)).toBeVisible();
    }
    const sub = guide.toc.locator('a[href^="#"]').nth(4);
    const href = await sub.getAttribute('href');
    await sub.click();
    await expect(page).toHaveURL(new RegExp(`${href ?? ''}$`));
    await expect(page.locator(`[id="${decodeURIComponent((href ?? '#').slice(1))}"]`)).toBeInViewport();
  });

  test('previous and next walk the sections in order', async ({ page }) => {
    await page.goto('/en/guides/slow-startup/');
    await page.getByRole('link', { name: /Next/ }).click();
    await expect(page.locator('article')).toHaveAttribute('data-guide-section', '2.1');
    await page.getByRole('link', { name: /Previous/ }).click();
    await expect(page.locator('article')).toHaveAttribute('data-guide-section', '1.2');
  });

  test('every guide page is readable 320 px wide, with no sideways scrolling of the page', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of guidePages()) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});

test.describe('home, root and 404', () => {
  test('each home page lists every chapter with each section and its symptom', async ({ page }) => {
    for (const lang of ['zh', 'en'] as const) {
      await page.goto(`/${lang}/`);
      await expect(page.locator('.chapter')).toHaveCount(10);
      const links = page.locator('.section-list a');
      await expect(links).toHaveCount(13);
      await expect(page.locator('.section-symptom')).toHaveCount(13);
    }
  });

  test('the root follows the browser language when JavaScript runs', async ({ browser }) => {
    for (const [locale, lang] of [['zh-CN', 'zh'], ['en-GB', 'en'], ['fr-FR', 'en']] as const) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto('/');
      await expect(page).toHaveURL(new RegExp(`/${lang}/$`));
      await context.close();
    }
  });

  test('the root offers both languages as plain links without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page).toHaveURL(/\/$/);
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page).toHaveURL(/\/en\/$/);
    await context.close();
  });

  test('an unknown address answers with a 404 page in both languages', async ({ page }) => {
    const response = await page.goto('/en/guides/no-such-section/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
    await page.getByRole('link', { name: '返回症状索引' }).click();
    await expect(page).toHaveURL(/\/zh\/$/);
  });
});
