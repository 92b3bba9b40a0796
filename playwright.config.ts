import { defineConfig, devices } from '@playwright/test';
import { browserPath } from './tests/e2e/browser-path.ts';

// A port of this run's own (set once in the main process; the workers inherit it), so two
// checkouts testing at once never share a server, and a server left over is never reused. Below
// the kernel's ephemeral range (32768 and up), where the servers of the verify tests, which run at
// the same time, get theirs; the sub-path run takes the next port.
process.env['E2E_PORT'] ??= String(20_000 + (process.pid % 12_000));
const PORT = Number(process.env['E2E_PORT']);

/**
 * Browser tests run against the production build in dist/ (built by `npm test` before this runs),
 * served by tests/support/serve.ts. The browser is Debian's Chromium (see scripts/ensure-browser.ts).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  // scripts/test.ts asks for a JSON report too, to print what ran and the slowest test.
  reporter: process.env['ARYA_E2E_JSON'] ? [['list'], ['json', { outputFile: process.env['ARYA_E2E_JSON'] }]] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${String(PORT)}`,
    trace: 'off',
    // The offline worker caches a whole language in the background after the first page; only
    // the offline tests want that (they allow it), everywhere else it is load that tests nothing.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: browserPath(),
          // Flags for a closed network and a root user: without the background-networking ones,
          // Chromium keeps trying to reach Google services and floods the log with refusals.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `node tests/support/serve.ts ${String(PORT)}`,
    url: `http://127.0.0.1:${String(PORT)}/en/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
