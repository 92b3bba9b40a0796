/**
 * Search as a reader meets it, measured in a real browser (Debian's Chromium), for `npm run bench`.
 *
 * - Paste to first result: a fresh browser context opens a page, the reader clicks the header
 *   search box (Starlight: the Search button, then its dialog's field), and pastes a query from the
 *   clipboard (Ctrl+V, a real paste event). The time runs from the paste event to the first result
 *   link being drawn, both read from the page's own clock (performance.now), so the test driver's
 *   round trips do not count. This site and the peer alternate query by query in one run, so noise
 *   on a shared machine hits both alike; compare the ratio, never absolute times across runs.
 * - A further query: on a page that has answered once, the reader selects the field and pastes
 *   another query; the time runs to that query's first results (the popup names the query).
 * - Bytes before the first result: everything the page fetched from the click on the box until the
 *   first result showed, as a static host sends it (gzip for text, Pagefind's files as they are).
 *
 * Network: only the loopback servers started here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { browserPath } from '../../tests/e2e/browser-path.ts';
import { freePort } from '../../tests/support/servers.ts';

const ROOT = process.cwd();


export interface Served {
  origin: string;
  stop: () => void;
}

/** Serves `folder` with the test server on a free loopback port; resolves once it answers. */
export async function serve(folder: string): Promise<Served> {
  const port = await freePort();
  const child: ChildProcess = spawn(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'tests/support/serve.ts'), String(port), folder], { stdio: 'ignore' });
  const origin = `http://127.0.0.1:${String(port)}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bench: the server for ${folder} exited (${String(child.exitCode)})`);
    const up = await fetch(`${origin}/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`bench: the server for ${folder} did not answer within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { origin, stop: () => child.kill() };
}

/** One site as the bench drives it: where to open, how to reach its search field, what a result is. */
export interface Target {
  name: string;
  url: string;
  /** Clicks whatever the reader clicks, and returns the field that receives the paste. */
  field: (page: Page) => Promise<string>;
  /** A CSS selector for a result link once drawn. */
  result: string;
}

export function thisSite(origin: string, lang: 'zh' | 'en' = 'zh'): Target {
  return {
    name: 'this site',
    url: `${origin}/${lang}/`,
    field: async (page) => {
      await page.locator('#site-search-q').click();
      return '#site-search-q';
    },
    result: '[data-search-popup] a[data-search-result]',
  };
}

/** Starlight's search: a button opens a dialog with Pagefind's UI. */
export function starlight(origin: string): Target {
  return {
    name: 'Starlight',
    url: `${origin}/0-1-1/`,
    field: async (page) => {
      await page.locator('button[data-open-modal]').first().click();
      await page.locator('.pagefind-ui__search-input').waitFor();
      await page.locator('.pagefind-ui__search-input').click();
      return '.pagefind-ui__search-input';
    },
    result: '.pagefind-ui__result-link',
  };
}

/** In the page: the time of the next paste event, and of the first visible `selector` after it. */
async function armTimer(page: Page, selector: string, query: string | undefined): Promise<void> {
  await page.evaluate(
    ({ selector, query }) => {
      const w = window as unknown as { __bench: { paste?: number; shown?: number } };
      w.__bench = {};
      document.addEventListener('paste', () => (w.__bench.paste ??= performance.now()), { capture: true, once: true });
      const check = () => {
        if (w.__bench.paste === undefined || w.__bench.shown !== undefined) return;
        const link = document.querySelector<HTMLElement>(selector);
        if (!link || link.offsetParent === null) return;
        // A further query: the popup must be showing this query's results, not the last one's.
        if (query !== undefined) {
          const popup = document.querySelector<HTMLElement>('[data-search-popup]');
          const status = popup?.querySelector('[data-popup-status]')?.textContent ?? '';
          if (!popup || !['partial', 'done'].includes(popup.dataset['state'] ?? '') || !status.includes(query)) return;
        }
        w.__bench.shown = performance.now();
      };
      new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    },
    { selector, query },
  );
}

async function elapsed(page: Page): Promise<{ ms: number; shownAt: number }> {
  await page.waitForFunction(() => (window as unknown as { __bench: { shown?: number } }).__bench.shown !== undefined, undefined, { timeout: 60_000 });
  return page.evaluate(() => {
    const b = (window as unknown as { __bench: { paste: number; shown: number } }).__bench;
    return { ms: b.shown - b.paste, shownAt: performance.timeOrigin + b.shown };
  });
}

async function paste(page: Page, field: string, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator(field).press('Control+A');
  await page.locator(field).press('Control+V');
}

async function context(browser: Browser, origin: string): Promise<BrowserContext> {
  const ctx = await browser.newContext();
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  return ctx;
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: browserPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/**
 * Paste to first result on cold pages, the targets alternating query by query. Returns each
 * target's times (ms) in query order.
 */
/** A new page of `ctx` on the target, cold: reaches its field, pastes `query`; ms from the paste to the first result. */
async function firstPaste(ctx: BrowserContext, target: Target, query: string): Promise<{ page: Page; field: string; ms: number }> {
  const page = await ctx.newPage();
  await page.goto(target.url, { waitUntil: 'networkidle' });
  const field = await target.field(page);
  await armTimer(page, target.result, undefined);
  await paste(page, field, query);
  return { page, field, ms: (await elapsed(page)).ms };
}

export async function pasteToFirstResult(browser: Browser, targets: readonly Target[], queries: readonly string[]): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  for (const q of queries) {
    for (const target of targets) {
      const ctx = await context(browser, new URL(target.url).origin);
      try {
        times.get(target.name)?.push((await firstPaste(ctx, target, q)).ms);
      } finally {
        await ctx.close();
      }
    }
  }
  return times;
}

/** Further queries on one page that has already answered once: ms from paste to that query's results. */
export async function furtherQueries(browser: Browser, target: Target, first: string, queries: readonly string[]): Promise<number[]> {
  const ctx = await context(browser, new URL(target.url).origin);
  try {
    const { page, field } = await firstPaste(ctx, target, first);
    await page.locator('[data-search-popup][data-state="done"]').waitFor({ timeout: 60_000 });
    const out: number[] = [];
    for (const q of queries) {
      // The popup names a query by its first 80 characters, spaces folded.
      await armTimer(page, target.result, q.replace(/\s+/g, ' ').trim().slice(0, 30));
      await paste(page, field, q);
      out.push((await elapsed(page)).ms);
      await page.locator('[data-search-popup][data-state="done"]').waitFor({ timeout: 60_000 });
    }
    return out;
  } finally {
    await ctx.close();
  }
}

export interface FirstSearchBytes {
  /** gz bytes fetched from the click on the box until the first result showed. */
  beforeFirstResult: number;
  /** … and until the whole first answer (Pagefind's results too) was in. */
  wholeFirstSearch: number;
  /** Before the first result, by part: the search code, the section index, Pagefind. */
  parts: Record<string, number>;
}

/** What a cold page downloads for its first search in the header box. */
export async function firstSearchBytes(browser: Browser, target: Target, query: string): Promise<FirstSearchBytes> {
  const ctx = await context(browser, new URL(target.url).origin);
  try {
    const page = await ctx.newPage();
    await page.goto(target.url, { waitUntil: 'networkidle' });
    const fetched: Array<Promise<{ url: string; wire: number; at: number }>> = [];
    page.on('requestfinished', (request) => {
      const at = Date.now();
      fetched.push(
        (async () => {
          const body = (await (await request.response())?.body().catch(() => undefined)) ?? Buffer.alloc(0);
          const url = request.url();
          // Pagefind's index files are gzip already; a static host gzips the rest on the way.
          const wire = /\.pf_|\.pagefind$/.test(url) ? body.length : gzipSync(body).length;
          return { url, wire, at };
        })(),
      );
    });
    const field = await target.field(page);
    await armTimer(page, target.result, undefined);
    await paste(page, field, query);
    const { shownAt } = await elapsed(page);
    await page.locator('[data-search-popup][data-state="done"]').waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const all = await Promise.all(fetched);
    const parts: Record<string, number> = {};
    let before = 0;
    for (const f of all) {
      if (f.at > shownAt) continue;
      before += f.wire;
      const part = f.url.includes('/pagefind/') ? 'pagefind' : f.url.includes('/search/index/') ? 'section index' : 'code';
      parts[part] = (parts[part] ?? 0) + f.wire;
    }
    return { beforeFirstResult: before, wholeFirstSearch: all.reduce((s, f) => s + f.wire, 0), parts };
  } finally {
    await ctx.close();
  }
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
