/**
 * Offline: after one visit the whole guide, the wizard and search work without a network, in both
 * languages; a new build is picked up after a reload. These tests run against their own copy of
 * dist/ on their own port, because the update test deploys a changed build into it.
 */
import { expect, test, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test.describe.configure({ mode: 'serial' });
test.use({ serviceWorkers: 'allow' });

let root = '';
let server: ChildProcess | undefined;
const PORT = Number(process.env['E2E_PORT'] ?? 4329) + 71;
const site = `http://127.0.0.1:${String(PORT)}`;

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'arya-offline-'));
  cpSync('dist', join(root, 'dist'), { recursive: true });
  server = spawn(process.execPath, ['tests/support/serve.ts', String(PORT), join(root, 'dist')], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
});
test.afterAll(() => {
  server?.kill();
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

test('a new build is picked up after a reload, never mixed with the old one', async ({ page }) => {
  test.setTimeout(120_000);
  await visitAndSave(page, '/en/');
  // Deploy a changed build into the served folder: a page changes, so the worker's version does.
  const home = join(root, 'dist/en/index.html');
  writeFileSync(home, readFileSync(home, 'utf8').replace('</h1>', ' <span data-build-marker>(new build)</span></h1>'));
  const rebuilt = spawnSync(process.execPath, ['scripts/offline/build.ts', join(root, 'dist')], { encoding: 'utf8' });
  expect(rebuilt.status, rebuilt.stderr).toBe(0);

  await page.reload();
  // The old build still serves this page until the reader chooses to update.
  await expect(page.locator('[data-build-marker]')).toHaveCount(0);
  const update = page.getByRole('button', { name: 'Reload to update' });
  await expect(update).toBeVisible({ timeout: 30_000 });
  await update.click();
  await expect(page.locator('[data-build-marker]')).toBeVisible({ timeout: 30_000 });
});
