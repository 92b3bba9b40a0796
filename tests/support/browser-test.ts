/**
 * Playwright's `test` with what every browser test of the site shares: each page opened in the
 * test's browser context is watched for Content-Security-Policy violations, and a test whose pages
 * report one fails, naming the page and the directive. Specs import `test` and `expect` from here.
 *
 * The watch reads the browser's console, where Chromium reports every violation ("… violates the
 * following Content Security Policy directive …"), with or without JavaScript on the page; a
 * `securitypolicyviolation` listener would miss pages without JavaScript. tests/e2e/csp.spec.ts
 * proves the watch sees a violation, so its silence everywhere else means something.
 *
 * `reusedPage` is one page per worker, kept from test to test, for tests that only visit pages
 * and read them (the axe groups): its HTTP and code caches stay warm, where a fresh context per
 * test pays for a cold first load each time. Its console is watched the same way, per test. It
 * takes the project's context options only: a spec's `test.use()` does not reach it.
 */
import { expect, test as base, type BrowserContextOptions, type Page } from '@playwright/test';

/** The project options (playwright.config.ts and its device) that shape a browser context. */
const CONTEXT_OPTIONS = ['baseURL', 'serviceWorkers', 'viewport', 'userAgent', 'deviceScaleFactor', 'isMobile', 'hasTouch'] as const;

/** Chromium's console wording for a blocked (or, report-only, reported) load, script or style. */
export const CSP_VIOLATION = /violates the following Content Security Policy directive/;

/** Reports each CSP violation `page` logs to `report`. */
function watchConsole(page: Page, report: (violation: string) => void): void {
  page.on('console', (message) => {
    if (CSP_VIOLATION.test(message.text())) report(`${page.url()}: ${message.text()}`);
  });
}

/** The worker's reused page, and where its console reports go: the running test's list. */
interface WorkerPage {
  page: Page;
  sink: string[];
}

export const test = base.extend<{ cspViolations: string[]; reusedPage: Page }, { workerPage: WorkerPage }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const watch = (page: Page) => watchConsole(page, (v) => violations.push(v));
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(violations);
      expect(violations, `Content-Security-Policy violations:\n${violations.join('\n')}`).toEqual([]);
    },
    { auto: true },
  ],
  workerPage: [
    async ({ browser }, use, workerInfo) => {
      // A context of its own, outside any test, so the project's options are passed on by hand.
      const project = workerInfo.project.use;
      const given = CONTEXT_OPTIONS.map((key) => [key, project[key]]).filter(([, value]) => value !== undefined);
      const context = await browser.newContext(Object.fromEntries(given) as BrowserContextOptions);
      const reused: WorkerPage = { page: await context.newPage(), sink: [] };
      watchConsole(reused.page, (v) => reused.sink.push(v));
      await use(reused);
      await context.close();
    },
    { scope: 'worker' },
  ],
  // Its reports go to the test's own `cspViolations`, checked when the test ends.
  reusedPage: async ({ workerPage, cspViolations }, use) => {
    workerPage.sink = cspViolations;
    await use(workerPage.page);
    workerPage.sink = [];
  },
});

export { expect };
