/**
 * npm run build, first step: `astro build` in a Node whose heap grows at most 1.5 times past what
 * the last full garbage collection kept.
 *
 * Left to itself V8 lets the heap grow up to four times past that while a program allocates fast,
 * and the guide pages do: at 3,000 guides per language the build keeps about 400 MB alive, yet
 * its heap reached 1.9 GB before a full collection, and peak memory varied from 1.8 to 2.6 GB
 * between runs of the same build. With the factor fixed at 1.5 it peaks at about 1.7 GB in the
 * same time (npm run bench). Unlike a heap cap (--max-old-space-size), this never turns a larger
 * corpus into an out-of-memory failure: the limit follows what is alive.
 *
 * V8 flags cannot go through NODE_OPTIONS, hence a second Node process.
 * `node scripts/astro-build.ts [astro build options]`
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ASTRO = join('node_modules', 'astro', 'bin', 'astro.mjs');

const run = spawnSync(process.execPath, ['--heap-growing-percent=50', ASTRO, 'build', ...process.argv.slice(2)], { stdio: 'inherit' });
if (run.error) throw run.error;
if (run.signal) console.error(`astro build was stopped by ${run.signal}${run.signal === 'SIGKILL' ? ' (out of memory?)' : ''}`);
process.exitCode = run.status ?? 1;
