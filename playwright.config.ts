import { defineConfig, devices } from '@playwright/test';
import { browserPath } from './tests/e2e/browser-path.ts';

const PORT = Number(process.env['E2E_PORT'] ?? 4329);

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
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
  },
});
