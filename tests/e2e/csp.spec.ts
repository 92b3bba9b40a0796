/**
 * Every browser test fails when one of its pages reports a Content-Security-Policy violation
 * (tests/support/browser-test.ts). This proves the watch sees one: a page under the site's own
 * policy with a <style> element, a style attribute and an inline script.
 */
import { CONTENT_SECURITY_POLICY } from '../../src/lib/csp.ts';
import { expect, test } from '../support/browser-test.ts';

const PROBE = `<!DOCTYPE html><html lang="en"><head><meta http-equiv="content-security-policy" content="${CONTENT_SECURITY_POLICY}"><title>probe</title>
<style>p { color: red; }</style></head><body><p style="color: red">inline</p><script>document.title = 'ran';</script></body></html>`;

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('the CSP watch of every browser test sees the inline styles the policy blocks', async ({ page, cspViolations }) => {
      await page.route('**/csp-probe/', (route) => route.fulfill({ contentType: 'text/html', body: PROBE }));
      await page.goto('csp-probe/');
      await expect.poll(() => cspViolations.filter((v) => v.includes("style-src 'self'")).length).toBe(2);
      if (javaScriptEnabled) await expect.poll(() => cspViolations.some((v) => v.includes('script-src'))).toBe(true);
      // Seen, and expected here: cleared, so this test's own watch passes.
      cspViolations.splice(0);
    });

    if (javaScriptEnabled) {
      test('the watch of the page reused from test to test sees them too', async ({ reusedPage, cspViolations }) => {
        await reusedPage.route('**/csp-probe/', (route) => route.fulfill({ contentType: 'text/html', body: PROBE }));
        await reusedPage.goto('csp-probe/');
        await expect.poll(() => cspViolations.filter((v) => v.includes("style-src 'self'")).length).toBe(2);
        await reusedPage.unroute('**/csp-probe/');
        cspViolations.splice(0);
      });
    }
  });
}
