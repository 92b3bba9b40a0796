/**
 * Offline: after one visit the whole guide, the wizard and search work without a network, in both
 * languages; a page that is not saved shows the site's offline page; the 404 page saves nothing.
 * Deploying a new build while reading is tests/e2e/deploy.spec.ts. These tests run on their own
 * port against their own copy of dist/, so the service worker and caches are theirs alone.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../support/browser-test.ts';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticSite, type StaticSite } from '../support/static-site.ts';

test.describe.configure({ mode: 'serial' });
test.use({ serviceWorkers: 'allow' });

let root = '';
let server: StaticSite | undefined;
let site = '';

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'arya-offline-'));
  cpSync('dist', join(root, 'dist'), { recursive: true });
  server = await startStaticSite(4329 + 71, join(root, 'dist'));
  site = server.url;
});
test.afterAll(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Visits a page and waits until the worker says this language is saved; returns the bytes it fetched. */
async function visitAndSave(page: Page, path: string): Promise<number> {
  await page.goto(`${site}${path}`);
  const saved = await page.waitForFunction(() => document.querySelector<HTMLElement>('offline-status')?.dataset['saved'], null, { timeout: 60_000 });
  return Number(await saved.jsonValue());
}

test('after one visit per language, guides, the wizard and search all work with the network cut', async ({ page, context }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  const enBytes = await visitAndSave(page, '/en/guides/high-cpu/');
  const zhBytes = await visitAndSave(page, '/zh/');
  const cached = await page.evaluate(async () => {
    const out: Record<string, number> = { zh: 0, en: 0, shared: 0 };
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const request of await cache.keys()) {
        const bytes = (await (await cache.match(request))?.arrayBuffer())?.byteLength ?? 0;
        const path = new URL(request.url).pathname;
        const part = path.startsWith('/zh/') || path.includes('zh-cn_') ? 'zh' : path.startsWith('/en/') || /\/en_|wasm\.en/.test(path) ? 'en' : 'shared';
        out[part] = (out[part] ?? 0) + bytes;
      }
    }
    return out;
  });
  console.log(`[offline] first visit fetched: en ${String(enBytes)} B, zh ${String(zhBytes)} B; in cache: shared ${String(cached['shared'])} B, en ${String(cached['en'])} B, zh ${String(cached['zh'])} B`);

  await context.setOffline(true);
  for (const lang of ['en', 'zh'] as const) {
    await page.goto(`${site}/${lang}/guides/container-exits-on-start/`);
    await expect(page.locator('article[data-guide-section="10.1"]')).toBeVisible();
    await expect(page.locator('[data-net-text]')).not.toBeEmpty();

    await page.goto(`${site}/${lang}/triage/redis/`);
    const step = page.locator('section[data-node]:not([hidden])');
    for (let i = 0; i < 20 && (await step.locator('[data-triage-outcome]').count()) === 0; i++) {
      await step.locator('[data-triage-option]').first().click();
    }
    await expect(step.locator('[data-triage-outcome]')).toBeVisible();

    await page.goto(`${site}/${lang}/search/?q=${encodeURIComponent("redis.exceptions.OutOfMemoryError: OOM command not allowed when used memory > 'maxmemory'.")}`);
    await page.locator('search-results[data-search-state="done"]').waitFor();
    await expect(page.locator('a[data-search-result]').first()).toHaveAttribute('href', `/${lang}/guides/redis-out-of-memory/`);
  }
  await context.setOffline(false);
  expect(errors).toEqual([]);
});

test('offline, a page that is not saved shows the site\'s offline page in the page\'s language', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await visitAndSave(page, '/en/guides/high-cpu/');
  await context.setOffline(true);
  // Chinese was never visited, so none of it is saved: the offline page says so, in Chinese.
  const response = await page.goto(`${site}/zh/guides/high-cpu/`);
  expect(response?.status()).toBe(503);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '此页面尚未保存到本设备' })).toBeVisible();
  await expect(page.locator('[data-net-text]')).toHaveText(/尚未打开过的页面/);
  // English, saved, still opens.
  await page.goto(`${site}/en/guides/db-pool-exhausted/`);
  await expect(page.locator('article[data-guide-section="2.1"]')).toBeVisible();
  await context.close();
});

test('the 404 page saves nothing and registers no worker', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(`${site}/zh/guides/no-such-section/`);
  expect(response?.status()).toBe(404);
  await page.waitForLoadState('load');
  expect(await page.evaluate(async () => ({ worker: Boolean(await navigator.serviceWorker.getRegistration()), caches: (await caches.keys()).length }))).toEqual({
    worker: false,
    caches: 0,
  });
  await context.close();
});
