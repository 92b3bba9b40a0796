/**
 * Debian packages the tests need: chromium for the browser tests; shellcheck, redis-server,
 * postgresql and python3-redis for the verify tests. Missing and running as root with apt-get:
 * installed, so CI (root, on this machine kind) always has them. Otherwise: a reason, which the
 * tests turn into a skip locally and a failure under CI=true (see `requireOrSkip`).
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { browserPath } from '../e2e/browser-path.ts';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
let updated = false;

/** True when `command` runs (found on PATH or as an absolute path). */
export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1" >/dev/null 2>&1', 'sh', command]).status === 0;
}

/** The newest installed PostgreSQL's bin folder (Debian keeps initdb and pg_ctl off PATH). */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  return dir && existsSync(join(dir, 'initdb')) ? dir : undefined;
}

/** Whether a port on 127.0.0.1 accepts connections now (to notice a server an install started). */
export function listening(port: number): boolean {
  return spawnSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${String(port)}`], { timeout: 2000 }).status === 0;
}

interface Requirement {
  pkg: string;
  present: () => boolean;
  /** A service Debian starts on install (where policy allows); the tests run their own, so it is stopped. */
  service?: { name: string; port: number };
}

const pythonHasRedis = () => ['python3', '/usr/bin/python3'].some((py) => spawnSync(py, ['-c', 'import redis'], { stdio: 'ignore' }).status === 0);

/** Everything `npm test` needs from the system, by Debian package. */
export const REQUIREMENTS: ReadonlyArray<Requirement> = [
  { pkg: 'chromium', present: () => Boolean(process.env['CHROMIUM_PATH']) || existsSync(browserPath()) },
  { pkg: 'shellcheck', present: () => hasCommand('shellcheck') },
  { pkg: 'python3', present: () => hasCommand('python3') },
  { pkg: 'python3-redis', present: pythonHasRedis },
  { pkg: 'redis-server', present: () => hasCommand('redis-server') && hasCommand('redis-cli'), service: { name: 'redis-server', port: 6379 } },
  { pkg: 'postgresql', present: () => postgresBinDir() !== undefined && hasCommand('psql'), service: { name: 'postgresql', port: 5432 } },
];

function cannotInstall(packages: ReadonlyArray<string>): string | undefined {
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return `not root or no apt-get: install them with "sudo apt-get install -y ${packages.join(' ')}"`;
  return undefined;
}

function stopStartedServices(requirements: ReadonlyArray<Requirement>, before: ReadonlyMap<string, boolean>): void {
  for (const r of requirements) {
    if (r.service && !before.get(r.pkg) && listening(r.service.port)) spawnSync('service', [r.service.name, 'stop'], { stdio: 'ignore', timeout: 30_000 });
  }
}

/** Installs `packages` with apt-get when root; returns undefined on success, else why not. */
export function aptInstall(packages: ReadonlyArray<string>): string | undefined {
  const refused = cannotInstall(packages);
  if (refused) return refused;
  try {
    if (!updated) {
      execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env: APT_ENV, timeout: 180_000 });
      updated = true;
    }
    console.log(`# installing ${packages.join(' ')} (apt-get install -y)`);
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env: APT_ENV, timeout: 600_000 });
    return undefined;
  } catch (error) {
    return `apt-get install -y ${packages.join(' ')} failed: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`;
  }
}

/** Makes sure `command` exists, installing `pkg` when it can; returns undefined when present, else why not. */
export function ensureCommand(command: string, pkg: string): string | undefined {
  if (hasCommand(command)) return undefined;
  const failed = aptInstall([pkg]);
  if (failed) return `${command} is missing (Debian package ${pkg}); ${failed}`;
  return hasCommand(command) ? undefined : `${command} is still missing after installing ${pkg}`;
}

/** Makes sure a server package is there (stopping the service its install may start); undefined when present. */
export function ensurePackage(pkg: string): string | undefined {
  const requirement = REQUIREMENTS.find((r) => r.pkg === pkg);
  if (!requirement) throw new Error(`no requirement for ${pkg}`);
  if (requirement.present()) return undefined;
  const before = new Map([[pkg, requirement.service ? listening(requirement.service.port) : false]]);
  const failed = aptInstall([pkg]);
  stopStartedServices([requirement], before);
  if (failed) return `${pkg} is not installed; ${failed}`;
  return requirement.present() ? undefined : `${pkg} installed, but its programs are still missing`;
}

/**
 * Installs every missing requirement in one apt-get run, without blocking the event loop, so it
 * can overlap other work. Resolves with a line saying what happened (undefined: nothing missing).
 * Never rejects: the stages that need a package report its absence themselves.
 */
export async function installMissing(): Promise<string | undefined> {
  const missing = REQUIREMENTS.filter((r) => !r.present());
  if (missing.length === 0) return undefined;
  const packages = missing.map((r) => r.pkg);
  const refused = cannotInstall(packages);
  if (refused) return `missing ${packages.join(', ')}: ${refused}`;
  const before = new Map(missing.map((r) => [r.pkg, r.service ? listening(r.service.port) : false]));
  const started = performance.now();
  const exec = promisify(execFile);
  try {
    await exec('apt-get', ['update', '-qq'], { env: APT_ENV, timeout: 180_000 });
    await exec('apt-get', ['install', '-y', '-qq', ...packages], { env: APT_ENV, timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
    updated = true;
  } catch (error) {
    return `apt-get install -y ${packages.join(' ')} failed: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`;
  } finally {
    stopStartedServices(missing, before);
  }
  const still = missing.filter((r) => !r.present()).map((r) => r.pkg);
  const took = `${((performance.now() - started) / 1000).toFixed(0)} s`;
  return still.length > 0 ? `installed ${packages.join(', ')} in ${took}, but still missing: ${still.join(', ')}` : `installed ${packages.join(', ')} in ${took}`;
}

/**
 * The `skip` option for a test that needs something missing: the reason locally (with how to
 * install it), `false` under CI=true, where the test then runs and fails. Pair with
 * `failIfMissing` at the start of the test (or its `before` hook), which throws the reason.
 */
export function skipUnlessCI(reason: string | undefined): string | false {
  if (!reason) return false;
  return process.env['CI'] ? false : reason;
}

/** Throws `reason` when there is one: under CI a missing tool is a failure, not a skip. */
export function failIfMissing(reason: string | undefined): void {
  if (reason) throw new Error(`cannot run: ${reason}`);
}
