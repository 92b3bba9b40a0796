/**
 * The site served from a sub-path, as the README promises it works: the build in dist-base/ under
 * /docs/ (tests/base/playwright.config.ts), where the server answers 404 to anything outside it.
 * A guide, a search, a wizard step and an offline reload, each with every request its pages make
 * staying under /docs/ and answered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../support/browser-test.ts';
import { MORE_BUNDLES_FILE, type MoreBundles } from '../../src/lib/search/pagefind-bundle.ts';
import { GuidePage } from '../e2e/pages/guide-page.ts';
import { SearchPage } from '../e2e/pages/search-page.ts';
import { WizardPage } from '../e2e/pages/wizard-page.ts';
import { SUB_PATH } from '../support/sub-path.ts';

const BASE = SUB_PATH.base;
/** The later Pagefind bundles of each language in the sub-path build (5 pages a run there). */
const laterBundles = () => JSON.parse(readFileSync(join(SUB_PATH.dist, 'pagefind', MORE_BUNDLES_FILE), 'utf8')) as MoreBundles;
const OOM = "redis.exceptions.OutOfMemoryError: OOM command not allowed when used memory > 'maxmemory'.";

let requested: string[] = [];
let outside: string[] = [];
let failed: string[] = [];
test.beforeEach(({ context, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  requested = [];
  outside = [];
  failed = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin) return;
    requested.push(url.pathname);
    if (!url.pathname.startsWith(BASE)) outside.push(url.pathname);
  });
  context.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${String(response.status())} ${response.url()}`);
  });
});
test.afterEach(() => {
  expect(outside, 'requests outside the base').toEqual([]);
  expect(failed, 'failed requests').toEqual([]);
});

test('a guide page is styled, its code coloured, and its language switch stays under the base', async ({ page }) => {
  const guide = new GuidePage(page);
  await guide.goto('en', 'redis-out-of-memory');
  await expect(guide.article).toBeVisible();
  // The code colours are classes from the code stylesheet: without it the block has no background.
  await expect(guide.codeBlock(0).pre).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await guide.languageSwitch.click();
  await expect(page).toHaveURL(new RegExp(`${BASE}zh/guides/redis-out-of-memory/$`));
  await expect(guide.article).toBeVisible();
});

test('search answers from both indexes, and its results link under the base', async ({ page }) => {
  const search = new SearchPage(page);
  await search.open('en', OOM);
  await expect(search.host).toHaveAttribute('data-search-state', 'done');
  const hrefs = await search.results.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs[0]).toBe(`${BASE}en/guides/redis-out-of-memory/`);
  expect(hrefs.filter((h) => !h.startsWith(`${BASE}en/guides/`))).toEqual([]);
  expect(requested.some((p) => p.startsWith(`${BASE}search/index/`)), 'section index loaded').toBe(true);
  expect(requested.some((p) => p.startsWith(`${BASE}pagefind/`) && p.endsWith('.pf_fragment')), 'Pagefind results loaded').toBe(true);
  // Every later run's bundle of the language (5 pages a run here) was merged and searched too.
  const more = laterBundles();
  expect(more['en']?.length, 'the sub-path build indexes English in several Pagefind runs').toBeGreaterThanOrEqual(2);
  for (const folder of more['en'] ?? []) {
    for (const kind of ['.pf_meta', '.pf_index']) {
      expect(requested.some((p) => p.startsWith(`${BASE}pagefind/${folder}`) && p.endsWith(kind)), `${folder} ${kind} loaded`).toBe(true);
    }
  }
  await search.results.first().click();
  await expect(page.locator('article[data-guide-section]')).toBeVisible();
});

test('a wizard brings in its steps and walks to the next one under the base', async ({ page }) => {
  const wizard = new WizardPage(page);
  await wizard.open('en', 'redis');
  // `static` would mean the steps could not be fetched: the wizard must be fully ready.
  await expect(page.locator('triage-wizard')).toHaveAttribute('data-state', 'ready');
  const first = await wizard.heading.textContent();
  await wizard.options.first().click();
  await expect(wizard.heading).not.toHaveText(first ?? '');
  expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${BASE}en/triage/redis/`));
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('after one visit, a reload with the network cut still shows the page', async ({ page, context, baseURL }) => {
    test.setTimeout(90_000);
    const guide = new GuidePage(page);
    await guide.goto('en', 'high-cpu');
    await expect(guide.article).toBeVisible();
    // Whatever the worker: it is active for the base, and this page is in Cache Storage.
    const cachedUnder = () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        if (!registration?.active) return undefined;
        const here = location.pathname;
        for (const key of await caches.keys()) {
          for (const request of await (await caches.open(key)).keys()) {
            const path = new URL(request.url).pathname;
            if (path === here || path === `${here}index.html`) return registration.scope;
          }
        }
        return undefined;
      });
    await expect.poll(cachedUnder, { timeout: 60_000 }).toBe(new URL(BASE, baseURL).href);
    await context.setOffline(true);
    await page.reload();
    await expect(guide.article).toBeVisible();
    await expect(guide.article).toHaveAttribute('data-guide-section', /^\d+\.\d+$/);
    await context.setOffline(false);
  });

  test('after one visit, search answers offline, from every Pagefind bundle of the language', async ({ page, context }) => {
    test.setTimeout(90_000);
    const guide = new GuidePage(page);
    await guide.goto('en', 'high-cpu');
    // The worker says English is saved whole: its pages, its section index and every Pagefind bundle.
    await expect(page.locator('offline-status')).toHaveAttribute('data-saved', /^\d+$/, { timeout: 60_000 });
    const unanswered: string[] = [];
    page.on('requestfailed', (request) => unanswered.push(new URL(request.url()).pathname));
    await context.setOffline(true);
    requested = [];
    const search = new SearchPage(page);
    await search.open('en', OOM);
    await expect(search.host).toHaveAttribute('data-search-state', 'done');
    await expect(search.results.first()).toHaveAttribute('href', `${BASE}en/guides/redis-out-of-memory/`);
    const more = laterBundles();
    for (const folder of more['en'] ?? []) {
      expect(requested.some((p) => p.startsWith(`${BASE}pagefind/${folder}`) && p.endsWith('.pf_index')), `${folder} searched offline`).toBe(true);
    }
    expect(unanswered, 'requests the worker could not answer offline').toEqual([]);
    await context.setOffline(false);
  });
});
