/**
 * Linux network and mount namespaces for tests/verify/topology.test.ts: a machine of our own in
 * which the guide's commands run the way they are deployed, without touching this machine's own
 * network or files. A namespace is held open by a `sleep` process ("holder"); commands enter it
 * with `nsenter -t <holder>`. Inside a new network namespace there is only a loopback interface
 * (127.0.0.0/8, ::1), which we bring up; nothing there is reachable from outside or reaches out,
 * and this machine's own servers (on its 127.0.0.1) are not there.
 *
 * Needs root (CAP_SYS_ADMIN), util-linux's unshare/nsenter and iproute2's ip, as CI has. Every
 * holder is killed when the process exits; the namespaces go away with their last process.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { hasCommand } from './system-packages.ts';

const holders = new Set<ChildProcess>();
process.on('exit', () => {
  for (const h of holders) h.kill('SIGKILL');
});

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Why namespaces cannot be made here, or undefined when they can (tried for real, once). */
export function namespacesMissing(): string | undefined {
  if (!isRoot) return 'network namespaces need root (run the verify suite as root, as CI does)';
  for (const tool of ['unshare', 'nsenter', 'ip']) if (!hasCommand(tool)) return `${tool} is missing (Debian packages util-linux and iproute2)`;
  const r = spawnSync('unshare', ['--net', '--mount', '--propagation', 'private', '--', 'sh', '-c', 'ip link set lo up && readlink /proc/self/ns/net'], { encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0) return `unshare --net --mount fails here: ${(r.stderr || String(r.error)).trim()}`;
  if (r.stdout.trim() === readlinkSync('/proc/self/ns/net')) return 'unshare --net did not make a new network namespace';
  return undefined;
}

export interface Namespace {
  /** The holder's pid: `nsenter -t <pid>` enters its namespaces. */
  pid: number;
  /** The nsenter arguments that enter it (network, and mount when it has its own). */
  enter: string[];
  stop(): void;
}

/** Spawns a holder that runs `setup` (as root, inside the new namespaces), then sleeps; resolves once setup is done. */
async function hold(prefix: string[], setup: string, what: string): Promise<ChildProcess> {
  const child = spawn(prefix[0] ?? '', [...prefix.slice(1), 'sh', '-c', `${setup} && echo ready && exec sleep 100000`], { stdio: ['ignore', 'pipe', 'pipe'] });
  holders.add(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within 10 s\n${output}`)), 10_000);
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} ended (${String(code)}) during its setup:\n${output}`));
    });
  });
  return child;
}

function handle(child: ChildProcess, mount: boolean): Namespace {
  const pid = child.pid ?? 0;
  return {
    pid,
    enter: ['-t', String(pid), '-n', ...(mount ? ['-m'] : [])],
    stop() {
      child.kill('SIGKILL');
      holders.delete(child);
    },
  };
}

/** A new network namespace with its loopback up: 127.0.0.1, and every other 127.x address, are its own. */
export async function networkNamespace(): Promise<Namespace> {
  return handle(await hold(['unshare', '--net', '--'], 'ip link set lo up', 'a network namespace'), false);
}

/**
 * A mount namespace of its own (private propagation) inside `net`'s network namespace, set up by
 * the shell commands `setup` (mounts that only its processes see, such as a file of our own over
 * /etc/hosts, or an empty tmpfs over /var/run/postgresql).
 */
export async function mountNamespace(net: Namespace, setup: string): Promise<Namespace> {
  const child = await hold(['nsenter', '-t', String(net.pid), '-n', '--', 'unshare', '--mount', '--propagation', 'private', '--'], setup, 'a mount namespace');
  return handle(child, true);
}

/** Runs `argv` inside `ns` with exactly `env` (nothing inherited). A mount namespace starts in /. */
export function runIn(ns: Namespace, argv: string[], env: Record<string, string>, input?: string, timeoutMs = 60_000): SpawnSyncReturns<string> {
  return spawnSync('nsenter', [...ns.enter, '--', 'env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv], {
    encoding: 'utf8',
    timeout: timeoutMs,
    ...(input === undefined ? {} : { input }),
  });
}

/** `runIn`, without blocking: for tests that run side by side. */
export function runInAsync(ns: Namespace, argv: string[], env: Record<string, string>, input?: string, timeoutMs = 60_000): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return new Promise((resolve) => {
    const child = spawn('nsenter', [...ns.enter, '--', 'env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv], { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('close', (status) => resolve({ stdout, stderr, status }));
    // A command that never reads its input may exit before it is written (EPIPE): what it printed
    // and its status are the result, not the pipe.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}
