import { defineConfig } from '@playwright/test';
import site from '../../playwright.config.ts';
import { SUB_PATH } from '../support/sub-path.ts';

/**
 * The sub-path suite: the build in dist-base/ (tests/support/sub-path.ts), served under /docs/
 * only, walked by the specs beside this file. The main run (playwright.config.ts) never sees
 * them; `npm run test:e2e:base` runs this config on its own (`npm run test:base` builds first).
 * Same browser and settings as the main run, on a port of its own.
 */
const PORT = Number(process.env['E2E_PORT']) + 1;
const root = new URL('../..', import.meta.url).pathname;

export default defineConfig({
  ...site,
  testDir: '.',
  use: { ...site.use, baseURL: `http://127.0.0.1:${String(PORT)}${SUB_PATH.base}` },
  webServer: {
    command: `node tests/support/serve.ts ${String(PORT)} ${SUB_PATH.dist} ${SUB_PATH.base}`,
    cwd: root,
    url: `http://127.0.0.1:${String(PORT)}${SUB_PATH.base}en/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
