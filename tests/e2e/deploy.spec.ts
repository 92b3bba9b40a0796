/**
 * Deploy while reading (issue 15). A reader has a guide and a wizard step open; a build in which
 * that guide's command changed is deployed. The next navigation online gets the new command; the
 * open tab keeps working (its wizard, its search) on its own build until it reloads; offline, the
 * reader gets the last build saved, whole, never a mix; back online, the upgrade is clean. The
 * same for the search index: every index file a page asks for is one of its own build's.
 *
 * The second build is a real one: beforeAll builds a copy of the project with the guide changed
 * (about 15 s). The site is served from a symlink that the deploy swaps, as a host would.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from '../support/browser-test.ts';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startStaticSite, type StaticSite } from '../support/static-site.ts';
import { workerTimeline } from '../support/worker-trace.ts';

test.describe.configure({ mode: 'serial' });
test.use({ serviceWorkers: 'allow' });

const PORT = 4329 + 72;
const GUIDE = '/en/guides/high-cpu/';
const WIZARD = '/en/triage/performance/';
const OLD_COMMAND = 'htop';
/** Replaces `htop` in the English guide's first code block; `pidstat` is in no guide, so search can tell the builds apart. */
const NEW_COMMAND = 'pidstat -u 1 5';
const NEW_WORD = 'pidstat';

let root = '';
let server: StaticSite | undefined;
let site = '';
let newDist = '';
let oldBuild = '';
const index = { old: new Set<string>(), new: new Set<string>() };

/** Builds a copy of the project with the guide's command changed, with the steps of `npm run build`; returns its dist/. */
function buildChangedSite(dir: string): string {
  for (const f of ['astro.config.mjs', 'tsconfig.json', 'package.json']) cpSync(f, join(dir, f));
  for (const d of ['public', 'src']) cpSync(d, join(dir, d), { recursive: true });
  // Each package linked one by one, so the build's own caches (node_modules/.astro, .vite) stay in the copy.
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync('node_modules')) if (!['.astro', '.vite'].includes(name)) symlinkSync(resolve('node_modules', name), join(dir, 'node_modules', name));
  const guide = join(dir, 'src/content/guides/en/high-cpu.mdx');
  const text = readFileSync(guide, 'utf8');
  expect(text).toContain(`# or\n${OLD_COMMAND}\n`);
  writeFileSync(guide, text.replace(`# or\n${OLD_COMMAND}\n`, `# or\n${NEW_COMMAND}\n`));
  const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['build'] ?? '';
  for (const step of script.split('&&').map((s) => s.trim().split(/\s+/))) {
    expect(step[0], `build step ${step.join(' ')}`).toBe('node');
    const run = spawnSync(process.execPath, [resolve(step[1] ?? ''), ...step.slice(2)], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    expect(run.status, `${step.join(' ')}:\n${run.stderr.slice(-3000)}`).toBe(0);
  }
  return join(dir, 'dist');
}

/** Serves `folder` from now on: a new symlink renamed over the served one, so no request sees half a deploy. */
function deploy(folder: string): void {
  symlinkSync(folder, join(root, 'next'));
  renameSync(join(root, 'next'), join(root, 'current'));
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  root = mkdtempSync(join(tmpdir(), 'arya-deploy-'));
  cpSync('dist', join(root, 'old'), { recursive: true });
  const changed = buildChangedSite(mkdtempSync(join(root, 'project-')));
  for (const [build, dist] of [['old', join(root, 'old')], ['new', changed]] as const) {
    for (const f of readdirSync(join(dist, 'search/index'))) index[build].add(f);
  }
  // Files are named by content: the shards holding the changed guide's words, and the manifest, differ.
  expect([...index.new].filter((f) => !index.old.has(f)).map((f) => f.split('.')[0])).toEqual(expect.arrayContaining(['manifest', expect.stringMatching(/^s-/)]));
  symlinkSync(join(root, 'old'), join(root, 'current'));
  server = await startStaticSite(PORT, join(root, 'current'));
  site = server.url;
  newDist = changed;
});
test.afterAll(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

const buildOf = (page: Page) => page.locator('html').getAttribute('data-build');
const status = (page: Page) => page.locator('offline-status');

/** Search index files a page asks for, by file name. */
function indexRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const name = /\/search\/index\/([^/?#]+)/.exec(r.url())?.[1];
    if (name) seen.push(name);
  });
  return seen;
}

/** Searches from the header field without leaving the page; returns the result links. */
async function searchInPage(page: Page, q: string): Promise<string[]> {
  const field = page.getByLabel('Search the guide or paste an error');
  await field.fill(q);
  // The first search in a tab loads the index and Pagefind's wasm: seconds on a busy machine.
  await expect(page.locator('[data-popup-status]')).toContainText(q, { timeout: 30_000 });
  const hrefs = await page.locator('[data-popup-list] a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  await field.fill('');
  return hrefs;
}

/** Walks the wizard to an outcome by its first answers; fails if any step loads a new page. */
async function walkWizard(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as Record<string, unknown>)['sameDocument'] = true));
  const step = page.locator('section[data-node]:not([hidden])');
  for (let i = 0; i < 20 && (await step.locator('[data-triage-outcome]').count()) === 0; i++) {
    const heading = await step.locator('h2').textContent();
    await step.locator('[data-triage-option]').first().click();
    await expect(step.locator('h2')).not.toHaveText(heading ?? '');
  }
  await expect(step.locator('[data-triage-outcome]')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as Record<string, unknown>)['sameDocument'])).toBe(true);
}

/** The builds that have a cache on this device. */
async function cachedBuilds(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('arya-offline /')).map((k) => k.split(' ').at(-1) ?? ''));
}

/**
 * What the worker keeps a build for, as it stored it: each build's state (when it was installed,
 * which parts are complete), which build each tab it knows belongs to, and the tabs open now.
 * Printed when a build that should be gone is still there, so the failure says which rule kept it.
 */
async function workerMemory(page: Page): Promise<string> {
  const stored = await page.evaluate(async () => {
    const out: string[] = [];
    for (const key of await caches.keys()) {
      const before = out.length;
      for (const file of ['.offline-state', '.offline-clients']) {
        const saved = await caches.match(new URL(`/${file}`, location.origin).href, { cacheName: key });
        if (saved) out.push(`${key} /${file}: ${await saved.text()}`);
      }
      if (out.length === before) out.push(`${key}: neither file (a cache the worker does not see as a build)`);
    }
    return [...out, `now ${String(Date.now())}`].join('\n');
  });
  const tabs = await Promise.all(page.context().pages().map(async (p) => `${p.url()} (build ${(await buildOf(p).catch(() => undefined)) ?? '?'})`));
  return `${stored}\nopen tabs: ${tabs.join(', ')}`;
}

const commands = (page: Page) => page.locator('article pre');

/**
 * The order a busy machine can give (seen in CI): the page asks the old worker which build is
 * active, the new worker takes over, the page asks again, and the old worker's answer arrives
 * last. Here, in this page, an answer naming another build than the page's is held until one
 * naming the page's own build has been handed over, then released: the stale answer comes last,
 * every time. The page must not let it undo the newer one.
 */
async function oldAnswerLast(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const post = ServiceWorker.prototype.postMessage as (this: ServiceWorker, data: unknown, transfer: Transferable[]) => void;
    const held: Array<() => void> = [];
    ServiceWorker.prototype.postMessage = function (this: ServiceWorker, data: unknown, transfer?: StructuredSerializeOptions | Transferable[]) {
      const reply = Array.isArray(transfer) ? transfer[0] : undefined;
      if ((data as { type?: unknown } | null)?.type !== 'offline' || !(reply instanceof MessagePort)) return post.call(this, data, (transfer ?? []) as Transferable[]);
      const relay = new MessageChannel();
      relay.port1.onmessage = (e: MessageEvent<{ active?: string }>) => {
        const hand = () => reply.postMessage(e.data);
        if (e.data.active === document.documentElement.dataset['build']) {
          hand();
          held.splice(0).forEach((release) => setTimeout(release, 0));
        } else held.push(hand);
      };
      post.call(this, data, [relay.port2]);
    };
  });
}

/** The page's service worker registration, as one line for a failure message. */
function workerState(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    const state = (w: ServiceWorker | null | undefined) => w?.state ?? 'none';
    const shown = document.querySelector('offline-status')?.getAttribute('data-active-build') ?? 'none';
    return `status names build ${shown}; worker installing: ${state(r?.installing)}, waiting: ${state(r?.waiting)}, active: ${state(r?.active)}`;
  });
}

/** Offline, in a new tab: the guide, the wizard and search, all of the expected build. */
async function offlineVisit(context: BrowserContext, expected: { build: string; command: string; other: string }): Promise<void> {
  // Offline for the worker too: Chromium's offline emulation does not reach a worker that starts
  // installing meanwhile (it saved the new build 'offline'), so the server itself goes away.
  await server?.stop();
  await context.setOffline(true);
  const page = await context.newPage();
  const requested = indexRequests(page);
  await page.goto(`${site}${GUIDE}`);
  expect(await buildOf(page)).toBe(expected.build);
  await expect(page.locator('[data-net-text]')).toHaveText(/You are offline\. Every guide page/);
  await expect(commands(page).filter({ hasText: expected.command })).not.toHaveCount(0);
  await expect(commands(page).filter({ hasText: expected.other })).toHaveCount(0);
  const found = await searchInPage(page, NEW_WORD);
  if (expected.command === NEW_COMMAND) expect(found).toContain(GUIDE);
  else expect(found).not.toContain(GUIDE);
  await page.goto(`${site}${WIZARD}`);
  expect(await buildOf(page)).toBe(expected.build);
  await expect(page.locator('section[data-node][hidden]')).not.toHaveCount(0);
  await walkWizard(page);
  const own = expected.build === oldBuild ? index.old : index.new;
  expect(requested.length).toBeGreaterThan(0);
  expect(requested.filter((f) => !own.has(f))).toEqual([]);
  await page.close();
  server = await startStaticSite(PORT, join(root, 'current'));
  await context.setOffline(false);
}

/**
 * The browser's own record of the workers (tests/support/worker-trace.ts), taken for the whole
 * test: when the new worker stays waiting, it says what the browser did meanwhile.
 */
let endTrace: (() => Promise<string>) | undefined;
/** Stops the trace, once; its text, or undefined when none runs. */
async function takeTrace(): Promise<string | undefined> {
  const end = endTrace;
  endTrace = undefined;
  return end?.();
}
async function workerStory(): Promise<string> {
  const trace = await takeTrace();
  if (!trace) return '(no trace)';
  await test.info().attach('service-worker-trace.json', { body: trace, contentType: 'application/json' });
  const lines = workerTimeline(trace);
  const from = lines.findLastIndex((l) => l.includes('is now installing'));
  return lines.slice(Math.max(0, from)).join('\n');
}
test.afterEach(async () => {
  await takeTrace();
});

test('deploy while reading: the next page is new, open tabs keep their build, offline is one whole build', async ({ browser }) => {
  test.setTimeout(180_000);
  await browser.startTracing(undefined, { categories: ['ServiceWorker'] });
  endTrace = async () => (await browser.stopTracing()).toString('utf8');
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const guide = await context.newPage();
  const guideIndex = indexRequests(guide);
  await guide.goto(`${site}${GUIDE}`);
  await expect(status(guide)).toHaveAttribute('data-saved', /\d+/, { timeout: 60_000 });
  oldBuild = (await buildOf(guide)) ?? '';
  expect(oldBuild).toMatch(/^[0-9a-f]{16}$/);
  const wizard = await context.newPage();
  const wizardIndex = indexRequests(wizard);
  await wizard.goto(`${site}${WIZARD}`);
  await expect(wizard.locator('section[data-node][hidden]')).not.toHaveCount(0); // every step loaded
  await expect(status(wizard)).toHaveAttribute('data-saved', /\d+/);

  deploy(newDist);

  await test.step('offline right after the deploy, the reader has the saved build, whole', async () => {
    await offlineVisit(context, { build: oldBuild, command: OLD_COMMAND, other: NEW_COMMAND });
  });

  let newBuild = '';
  await test.step('the next navigation online gets the new command', async () => {
    await oldAnswerLast(guide);
    await guide.goto(`${site}${GUIDE}`);
    newBuild = (await buildOf(guide)) ?? '';
    expect(newBuild).not.toBe(oldBuild);
    await expect(commands(guide).filter({ hasText: NEW_COMMAND })).not.toHaveCount(0);
  });

  // The tabs are used again once the new worker has taken over. To let it, the browser stops the
  // old worker; a request reaching the old one as it stops starts it again, and then only its next
  // idle stop lets the new one in: 30 s in a browser, never while DevTools is attached, as it is
  // here (tests/support/worker-trace.ts). The pages themselves keep quiet meanwhile (offline-client.ts).
  await test.step('once the new build is saved, its worker takes over and the old tab is offered the reload', async () => {
    try {
      await expect.poll(() => workerState(guide), { timeout: 60_000 }).toMatch(new RegExp(`^status names build ${newBuild};`));
    } catch (error) {
      if (error instanceof Error) error.message += `\nWhat the browser did with the workers since the new one began to install:\n${await workerStory()}`;
      throw error;
    }
    await expect(status(guide)).toHaveAttribute('data-saved', /\d+/, { timeout: 60_000 });
    await expect(wizard.getByRole('button', { name: 'Reload to update' })).toBeVisible();
    await expect(guide.getByRole('button', { name: 'Reload to update' })).toBeHidden();
    // The old build's cache stays while the old tab is open.
    expect((await cachedBuilds(guide)).sort()).toEqual([newBuild, oldBuild].sort());
  });

  await test.step('the new page searches its own build', async () => {
    guideIndex.length = 0;
    expect(await searchInPage(guide, NEW_WORD)).toContain(GUIDE);
    expect(guideIndex.filter((f) => !index.new.has(f))).toEqual([]);
  });

  await test.step('the open tab keeps working on its build, served by the new worker: its wizard and its search', async () => {
    await walkWizard(wizard);
    expect(await searchInPage(wizard, 'htop')).toContain(GUIDE);
    expect(await searchInPage(wizard, NEW_WORD)).not.toContain(GUIDE);
    expect(wizardIndex.length).toBeGreaterThan(0);
    expect(wizardIndex.filter((f) => !index.old.has(f))).toEqual([]);
  });

  await test.step('offline now, the reader has the new build, whole', async () => {
    await offlineVisit(context, { build: newBuild, command: NEW_COMMAND, other: OLD_COMMAND });
  });

  await test.step('back online, the old tab reloads into the new build and the old cache goes', async () => {
    await wizard.getByRole('button', { name: 'Reload to update' }).click();
    await expect(wizard.locator('html')).toHaveAttribute('data-build', newBuild);
    await expect(wizard.getByRole('button', { name: 'Reload to update' })).toBeHidden();
    // The worker forgets a closed tab after a grace of seconds; each status question lets it look.
    try {
      await expect
        .poll(
          async () => {
            await wizard.reload();
            return cachedBuilds(wizard);
          },
          { timeout: 40_000, intervals: [2_000] },
        )
        .toEqual([newBuild]);
    } catch (error) {
      if (error instanceof Error) error.message += `\nWhat the worker keeps builds for, at the end:\n${await workerMemory(wizard).catch((e: unknown) => String(e))}`;
      throw error;
    }
  });
  await context.close();
});
