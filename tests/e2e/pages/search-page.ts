import type { Locator, Page } from '@playwright/test';
import { pasteInto } from './paste-into.ts';

/** A result's guide slug (`/en/guides/redis-connection/#…` → `redis-connection`), else its address. */
const slugOf = (href: string) => /\/guides\/([^/#?]+)/.exec(href)?.[1] ?? href;

/** The results page: /<lang>/search/?q=… */
export class SearchPage {
  readonly page: Page;
  readonly results: Locator;
  readonly status: Locator;
  readonly host: Locator;

  constructor(page: Page) {
    this.page = page;
    this.results = page.locator('a[data-search-result]');
    this.status = page.locator('[data-search-status]');
    this.host = page.locator('search-results');
  }

  async open(lang: 'zh' | 'en', query: string): Promise<void> {
    // Relative to baseURL, so the same page object works under a sub-path base (tests/base).
    await this.page.goto(`${lang}/search/?q=${encodeURIComponent(query)}`);
    await this.settled();
  }

  /** Opens the page with `encoded` as the raw ?q= value (for byte sequences encodeURIComponent refuses). */
  async openEncoded(lang: 'zh' | 'en', encoded: string): Promise<void> {
    await this.page.goto(`${lang}/search/?q=${encoded}`);
    await this.settled();
  }

  /** Waits until the current query has finished (done or failed). */
  async settled(): Promise<void> {
    await this.page.locator('search-results[data-search-state="done"], search-results[data-search-state="failed"]').waitFor();
  }

  /** Types `query` into the page's own field and submits it; resolves once that run has ended. */
  async submit(query: string): Promise<void> {
    const before = Number((await this.host.getAttribute('data-search-finished')) ?? '0');
    await this.page.locator('#search-page-q').fill(query);
    await this.page.locator('#search-page-q').press('Enter');
    await this.page.locator(`search-results[data-search-finished="${String(before + 1)}"]`).waitFor({ state: 'attached' });
  }

  /**
   * Puts `text` in the page's field as a paste does (one input event for the whole text) and
   * submits it; resolves once that run has ended. For long texts: Playwright's fill() types into a
   * textarea at about 12 KB a second here, which measures Playwright, not the page.
   */
  async paste(text: string): Promise<void> {
    const before = Number((await this.host.getAttribute('data-search-finished')) ?? '0');
    await pasteInto(this.page.locator('#search-page-q'), text);
    await this.page.locator('#search-page-q').press('Enter');
    await this.page.locator(`search-results[data-search-finished="${String(before + 1)}"]`).waitFor({ state: 'attached' });
  }

  /**
   * Submits each query in turn through the page's own field and form (the value set and the form
   * submitted as Enter does), waiting for each run to end; returns each query's result slugs in
   * rank order. Runs in the page, one round trip for the lot: for measuring hundreds of queries,
   * where a round trip per step would measure the test's chatter with the browser, not search.
   */
  async submitEach(queries: readonly string[]): Promise<string[][]> {
    const hrefs = await this.host.evaluate(async (host: HTMLElement, queries) => {
      const form = host.querySelector('form');
      const field = host.querySelector('textarea');
      if (!form || !field) throw new Error('the results page has no search form');
      const finished = () => Number(host.dataset['searchFinished'] ?? '0');
      const ended = (after: number) =>
        new Promise<void>((resolve) => {
          if (finished() > after) return resolve();
          const watch = new MutationObserver(() => {
            if (finished() > after) {
              watch.disconnect();
              resolve();
            }
          });
          watch.observe(host, { attributes: true, attributeFilter: ['data-search-finished'] });
        });
      const out: string[][] = [];
      for (const q of queries) {
        const before = finished();
        field.value = q;
        field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
        form.requestSubmit();
        await ended(before);
        out.push([...host.querySelectorAll('a[data-search-result]')].map((a) => a.getAttribute('href') ?? ''));
      }
      return out;
    }, queries);
    return hrefs.map((list) => list.map(slugOf));
  }

  /** Guide slugs of the results, in rank order. */
  async slugs(): Promise<string[]> {
    const hrefs = await this.results.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    return hrefs.map(slugOf);
  }
}
