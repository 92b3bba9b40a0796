/**
 * Makes sure a Chromium is there for the browser tests. Playwright's own browser download cannot
 * work on our machines, so the tests drive Debian's Chromium (or $CHROMIUM_PATH) instead.
 * Missing and running as root with apt-get: installs it. Otherwise: one line saying what to do.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { browserPath } from '../tests/e2e/browser-path.ts';

const path = browserPath();
if (existsSync(path)) process.exit(0);

if (process.env['CHROMIUM_PATH']) {
  console.error(`CHROMIUM_PATH points to ${path}, which does not exist. Set it to a Chromium or Chrome binary.`);
  process.exit(1);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('Chromium is missing: installing Debian\'s chromium package (apt-get install -y chromium)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (existsSync(path)) process.exit(0);
}
console.error(
  `Chromium not found at ${path}: run "sudo apt-get install -y chromium", or set CHROMIUM_PATH to a Chromium/Chrome binary.`,
);
process.exit(1);
