/**
 * Debian packages the verify tests need (shellcheck, redis-server, postgresql, python3-redis).
 * Missing and running as root with apt-get: installs them, as scripts/ensure-browser.ts does for
 * Chromium, so CI (root, on this machine kind) always has them. Otherwise: a reason to skip with.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let updated = false;

/** True when `command` runs (found on PATH or as an absolute path). */
export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1" >/dev/null 2>&1', 'sh', command]).status === 0;
}

/** Installs `packages` with apt-get when root; returns undefined on success, else why not. */
export function aptInstall(packages: ReadonlyArray<string>): string | undefined {
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    return `not root or no apt-get: install them with "sudo apt-get install -y ${packages.join(' ')}"`;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    if (!updated) {
      execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env, timeout: 120_000 });
      updated = true;
    }
    console.log(`# installing ${packages.join(' ')} (apt-get install -y)`);
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env, timeout: 240_000 });
    return undefined;
  } catch (error) {
    return `apt-get install -y ${packages.join(' ')} failed: ${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)}`;
  }
}

/** Makes sure `command` exists, installing `pkg` when it can; returns undefined when present, else why not. */
export function ensureCommand(command: string, pkg: string): string | undefined {
  if (hasCommand(command)) return undefined;
  const failed = aptInstall([pkg]);
  if (failed) return `${command} is missing (Debian package ${pkg}); ${failed}`;
  return hasCommand(command) ? undefined : `${command} is still missing after installing ${pkg}`;
}
