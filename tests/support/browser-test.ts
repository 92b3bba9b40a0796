/**
 * Playwright's `test` with what every browser test of the site shares: each page opened in the
 * test's browser context is watched for Content-Security-Policy violations, and a test whose pages
 * report one fails, naming the page and the directive. Specs import `test` and `expect` from here.
 *
 * The watch reads the browser's console, where Chromium reports every violation ("… violates the
 * following Content Security Policy directive …"), with or without JavaScript on the page; a
 * `securitypolicyviolation` listener would miss pages without JavaScript. tests/e2e/csp.spec.ts
 * proves the watch sees a violation, so its silence everywhere else means something.
 */
import { expect, test as base, type Page } from '@playwright/test';

/** Chromium's console wording for a blocked (or, report-only, reported) load, script or style. */
export const CSP_VIOLATION = /violates the following Content Security Policy directive/;

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const watch = (page: Page) => {
        page.on('console', (message) => {
          if (CSP_VIOLATION.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(violations);
      expect(violations, `Content-Security-Policy violations:\n${violations.join('\n')}`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
