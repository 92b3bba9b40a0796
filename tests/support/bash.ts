/**
 * Real bash for the quoting properties, the way a reader's terminal runs a pasted command.
 *
 * Each line is run as `_w <i> <line>`, where `_w` prints its arguments NUL-separated after their
 * count, so what comes back for line i is exactly the arguments bash made of it, as bytes, or
 * undefined when bash dropped the line (a failed history expansion, a syntax error).
 *
 * - History expansion is on, as in an interactive shell: there `!` inside "…" is expanded, and a
 *   line that starts with `^` is a quick substitution; a pasted command is typed into such a shell.
 *   The history is cleared before each line, so that a line broken by expansion fails on its own
 *   instead of pulling earlier lines into the ones after it.
 * - failglob is on: a `*`, `?` or `[…]` left unquoted fails the line instead of passing quietly as
 *   itself because nothing in the empty directory matches it.
 * - One bash process reads the whole batch from stdin (no argument-size limit, one start-up).
 * - It runs with no PATH (after start-up) in an empty temporary directory: if quoting is broken,
 *   a generated value can only reach builtins, and only there. Nothing touches the network.
 * - A value bash cannot carry (NUL) must not be given: callers check that it is refused first.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function bashArguments(lines: readonly string[]): Array<Buffer[] | undefined> {
  for (const line of lines) if (line.includes('\0')) throw new Error('bash cannot carry NUL: refuse such a value before it reaches bash');
  const script = ['PATH=', 'set -o history -o histexpand', 'shopt -s failglob', `_w() { printf '%s\\0' "$#" "$@"; }`, ...lines.flatMap((line, i) => ['history -c', `_w ${String(i)} ${line}`]), ''].join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'arya-bash-'));
  try {
    const run = spawnSync('bash', ['--noprofile', '--norc'], {
      input: script,
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, LC_ALL: 'C.UTF-8' },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 30_000,
    });
    if (run.error) throw run.error;
    const out: Array<Buffer[] | undefined> = lines.map(() => undefined);
    const fields: Buffer[] = [];
    for (let start = 0, end = run.stdout.indexOf(0); end !== -1; start = end + 1, end = run.stdout.indexOf(0, start)) fields.push(run.stdout.subarray(start, end));
    for (let i = 0; i < fields.length; ) {
      const count = Number(fields[i]?.toString('latin1'));
      const index = Number(fields[i + 1]?.toString('latin1'));
      if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= lines.length) {
        throw new Error(`bash output out of step at field ${String(i)}: ${JSON.stringify(fields.slice(i, i + 3).map((f) => f.toString()))}`);
      }
      out[index] = fields.slice(i + 2, i + 1 + count);
      i += 1 + count;
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
