import type { Page } from '@playwright/test';

/**
 * Waits until a page has finished what it does at load: the document is complete, a triage
 * wizard has loaded its steps (or fallen back to static links), and a results page has answered.
 * Each of these is a state the page exposes, so nothing here waits for a fixed time.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.readyState === 'complete' &&
      !document.querySelector('triage-wizard:not([data-state="ready"]):not([data-state="static"])') &&
      !document.querySelector('search-results:not([data-search-state="done"]):not([data-search-state="failed"])'),
  );
}
