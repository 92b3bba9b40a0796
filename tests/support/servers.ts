/**
 * Real Redis and PostgreSQL servers for tests/verify/servers.test.ts, on loopback, on free
 * non-default ports, with their data in temporary folders that go away when they stop.
 *
 * Lifecycle: `startRedis`/`startPostgres` return a handle once the server answers; `stop()` shuts
 * it down and removes its folder. Every started server is also stopped when the process exits, so
 * a failing or interrupted test leaves nothing running.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePackage, postgresBinDir } from './system-packages.ts';

const stoppers = new Set<() => void>();
process.on('exit', () => {
  for (const stop of stoppers) stop();
});

/** A TCP port on 127.0.0.1 that nothing listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, ready: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (ready()) return;
    await sleep(100);
  }
  throw new Error(`${what} did not come up within ${String(timeoutMs / 1000)} s`);
}

// ---------------------------------------------------------------- Redis

export interface RedisHandle {
  port: number;
  dir: string;
  /** The configuration file it was started with, if any. */
  configFile: string | undefined;
  version: string;
  stop(): void;
}

export function ensureRedis(): string | undefined {
  return ensurePackage('redis-server');
}

/**
 * Starts redis-server on 127.0.0.1 (and ::1 where the machine has it) on a free port. `config` is
 * the text of a configuration file to start it with, or undefined for none (as the redis:7-alpine
 * image runs). Persistence is off and the data folder is temporary.
 */
export async function startRedis(config: string | undefined): Promise<RedisHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'arya-verify-redis-'));
  const port = await freePort();
  const args: string[] = [];
  let configFile: string | undefined;
  if (config !== undefined) {
    configFile = join(dir, 'redis.conf');
    writeFileSync(configFile, config);
    args.push(configFile);
  }
  args.push('--port', String(port), '--bind', '127.0.0.1 -::1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', join(dir, 'redis.log'));
  const child: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  const kill = () => {
    if (!exited) child.kill('SIGKILL');
  };
  stoppers.add(kill);
  await waitFor(`redis-server on port ${String(port)}`, () => {
    // A configuration file Redis does not accept ends it at once, with the reason on stderr.
    if (exited) throw new Error(`redis-server exited at start:\n${output.trim()}`);
    return spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8', timeout: 2000 }).stdout.trim() === 'PONG';
  });
  const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    port,
    dir,
    configFile,
    version,
    stop() {
      spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { stdio: 'ignore', timeout: 5000 });
      kill();
      stoppers.delete(kill);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- PostgreSQL

export function ensurePostgres(): string | undefined {
  return ensurePackage('postgresql');
}

export interface PostgresHandle {
  port: number;
  dir: string;
  dataDir: string;
  version: string;
  /** Restarts the server (after a postgresql.conf change that needs it, as the guide does). */
  restart(): void;
  stop(): void;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL program as the cluster's owner: `postgres` when we are root (initdb refuses root). */
function asOwner(bin: string, args: string[]): void {
  const [cmd, cmdArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, cmdArgs, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000, cwd: '/' });
}

/**
 * initdb + pg_ctl start: superuser `postgres`, trust authentication (only loopback is listened
 * on), the socket in the temporary folder, on a free port. `settings` become `-c name=value`.
 */
export async function startPostgres(settings: Record<string, string>): Promise<PostgresHandle> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL bin folder');
  const dir = mkdtempSync(join(tmpdir(), 'arya-verify-pg-'));
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const dataDir = join(dir, 'data');
  const port = await freePort();
  asOwner(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const options = ['-p', String(port), '-k', dir, '-c', 'listen_addresses=localhost', ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])].join(' ');
  const ctl = (action: string[]) => asOwner(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', ...action]);
  let running = false;
  const stopNow = () => {
    if (!running) return;
    running = false;
    try {
      ctl(['-m', 'immediate', 'stop']);
    } catch {
      // already stopped
    }
  };
  ctl(['-o', options, 'start']);
  running = true;
  stoppers.add(stopNow);
  const version = spawnSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    port,
    dir,
    dataDir,
    version,
    restart() {
      ctl(['-m', 'fast', '-o', options, 'restart']);
    },
    stop() {
      if (running) {
        running = false;
        ctl(['-m', 'fast', 'stop']);
      }
      stoppers.delete(stopNow);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
