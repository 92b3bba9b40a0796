/**
 * Makes sure a Chromium is there for the browser tests. Playwright's own browser download cannot
 * work on our machines, so the tests drive Debian's Chromium (or $CHROMIUM_PATH) instead.
 * Missing and running as root with apt-get: installs it. Otherwise: one line saying what to do.
 */
import { existsSync } from 'node:fs';
import { browserPath } from '../tests/e2e/browser-path.ts';
import { ensurePackage } from '../tests/support/system-packages.ts';

const path = browserPath();
if (!existsSync(path)) {
  if (process.env['CHROMIUM_PATH']) {
    console.error(`CHROMIUM_PATH points to ${path}, which does not exist. Set it to a Chromium or Chrome binary.`);
    process.exit(1);
  }
  const failed = ensurePackage('chromium');
  if (failed || !existsSync(path)) {
    console.error(`Chromium not found at ${path}: ${failed ?? 'installed, but not there'}. Run "sudo apt-get install -y chromium", or set CHROMIUM_PATH to a Chromium/Chrome binary.`);
    process.exit(1);
  }
}
