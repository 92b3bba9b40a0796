/**
 * Browsing the guide as on the best documentation sites (issue 18): the chapters and sections
 * beside every page, the same behind a menu button on a phone, the title first on a phone, and
 * the links for maintainers and readers.
 */
import { expect, test } from '@playwright/test';
import { guidePages } from './pages/built-pages.ts';
import { GuidePage } from './pages/guide-page.ts';

test.describe('section navigation', () => {
  test('on a wide screen every chapter and section is listed beside the page, the page marked and its chapter open', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const guide = new GuidePage(page);
    await guide.goto('en', 'slow-queries');
    const nav = page.getByRole('navigation', { name: 'Chapters and sections' });
    await expect(nav).toBeVisible();
    // Chapters 1–3 have two sections each, behind a disclosure; the other seven have one, listed as its link.
    await expect(nav.locator('summary')).toHaveCount(3);
    await expect(nav.locator('details a')).toHaveCount(6);
    await expect(nav.locator(':scope > ol > li > a')).toHaveCount(7);
    await expect(nav.getByRole('link', { name: '6.1 High CPU usage' })).toBeVisible();
    const current = nav.locator('[aria-current="page"]');
    await expect(current).toHaveText('2.2 Slow queries');
    await expect(current).toBeVisible();
    await expect(nav.locator('details[open]')).toHaveCount(1);
    await expect(nav.getByRole('link', { name: '3.1 Redis connection failed' })).toBeHidden();
  });

  test('a chapter opens from the keyboard and its sections lead to their pages', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const guide = new GuidePage(page);
    await guide.goto('en', 'slow-queries');
    const nav = page.getByRole('navigation', { name: 'Chapters and sections' });
    const redis = nav.locator('summary', { hasText: 'Redis' });
    await redis.focus();
    await page.keyboard.press('Enter');
    const link = nav.getByRole('link', { name: /^3\.1 / });
    await expect(link).toBeVisible();
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(guide.article).toHaveAttribute('data-guide-section', '3.1');
    await expect(page.getByRole('navigation', { name: 'Chapters and sections' }).locator('[aria-current="page"]')).toHaveText(/^3\.1 /);
  });

  test('on a phone the same navigation is behind a menu button that works from the keyboard, without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const guide = new GuidePage(page);
    await guide.goto('zh', 'db-pool-exhausted');
    await expect(page.getByRole('navigation', { name: '章节目录' })).toBeHidden();
    await expect(guide.menuButton).toBeVisible();
    await guide.menuButton.focus();
    await page.keyboard.press('Enter');
    const nav = page.getByRole('navigation', { name: '章节目录' });
    await expect(nav).toBeVisible();
    await expect(nav.locator('[aria-current="page"]')).toHaveText(/^2\.1 /);
    await nav.locator('summary', { hasText: 'Redis' }).click();
    await nav.getByRole('link', { name: /^3\.1 / }).click();
    await expect(guide.article).toHaveAttribute('data-guide-section', '3.1');
    await context.close();
  });
});

test.describe('guide pages on a phone', () => {
  test('at 360 px every guide page starts with its title, within the first screen', async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of guidePages()) {
      await page.goto(path);
      const { title, header } = await page.evaluate(() => ({
        title: document.querySelector('article h1')?.getBoundingClientRect().toJSON() as DOMRect | undefined,
        header: document.querySelector('header.site-header')?.getBoundingClientRect().toJSON() as DOMRect | undefined,
      }));
      expect(title && header, path).toBeTruthy();
      expect(title?.bottom ?? Infinity, `${path}: the title ends below the first screen`).toBeLessThanOrEqual(740);
      // Nothing between the header and the title but the page's own margin.
      expect((title?.top ?? Infinity) - (header?.bottom ?? 0), `${path}: something comes between the header and the title`).toBeLessThan(40);
    }
  });

  test('at 360 px "On this page" is collapsed after the title, and the values for the commands follow the symptom', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const guide = new GuidePage(page);
    await guide.goto('en', 'db-pool-exhausted');
    await expect(guide.tocDetails).not.toHaveAttribute('open');
    await expect(guide.toc.getByRole('link', { name: 'Possible causes' })).toBeHidden();
    const below = async (a: typeof guide.title, b: typeof guide.title) => ((await a.boundingBox())?.y ?? 0) < ((await b.boundingBox())?.y ?? 0);
    expect(await below(guide.title, guide.tocDetails)).toBe(true);
    await expect(guide.variablesPanel).toBeVisible();
    expect(await below(guide.symptom, guide.variablesPanel)).toBe(true);
    await guide.tocDetails.locator('summary').click();
    await guide.toc.getByRole('link', { name: 'Possible causes' }).click();
    await expect(page).toHaveURL(/#causes$/);
  });

  test('at 1,280 px "On this page" is open beside the article', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const guide = new GuidePage(page);
    await guide.goto('zh', 'slow-queries');
    const link = guide.toc.getByRole('link', { name: '可能原因' });
    await expect(link).toBeVisible();
    const toc = await guide.toc.boundingBox();
    const symptom = await guide.symptom.boundingBox();
    expect((toc?.x ?? 0) >= (symptom?.x ?? 0) + (symptom?.width ?? 0)).toBe(true);
  });
});

test.describe('for maintainers and readers', () => {
  test('"Edit this page" opens the guide’s source file in the repository', async ({ page }) => {
    const guide = new GuidePage(page);
    await guide.goto('en', 'redis-out-of-memory');
    await expect(page.getByRole('link', { name: 'Edit this page' })).toHaveAttribute('href', 'https://github.com/startcodeing/arya-video-agent/edit/main/src/content/guides/en/redis-out-of-memory.mdx');
    await guide.goto('zh', 'redis-out-of-memory');
    await expect(page.getByRole('link', { name: '编辑此页' })).toHaveAttribute('href', /\/edit\/main\/src\/content\/guides\/zh\/redis-out-of-memory\.mdx$/);
  });

  test('"This did not solve my problem" prefills an issue with the page, the section and the reader’s language', async ({ page }) => {
    const guide = new GuidePage(page);
    for (const [lang, name, language] of [['en', 'This did not solve my problem', 'English (en)'], ['zh', '没有解决我的问题', '中文 (zh-CN)']] as const) {
      await guide.goto(lang, 'redis-out-of-memory');
      const url = new URL((await page.getByRole('link', { name }).getAttribute('href')) ?? '');
      expect(url.origin + url.pathname).toBe('https://github.com/startcodeing/arya-video-agent/issues/new');
      expect(url.searchParams.get('title')).toMatch(/^3\.2 /);
      const body = url.searchParams.get('body') ?? '';
      expect(body).toContain(`/${lang}/guides/redis-out-of-memory/`);
      expect(body).toContain(language);
    }
  });

  test('a guide page sets no cookie and sends no request beyond its own site', async ({ page }) => {
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).hostname !== '127.0.0.1') elsewhere.push(r.url());
    });
    await page.goto('/en/guides/slow-queries/');
    await page.waitForLoadState('networkidle');
    expect(elsewhere).toEqual([]);
    expect(await page.context().cookies()).toEqual([]);
  });
});
