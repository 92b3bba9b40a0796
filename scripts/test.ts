/**
 * `npm test`: every stage in order, stopping at the first that fails, then one line per stage:
 * what ran, how many passed, how long it took, and the slowest test against its timeout.
 *
 *   check   astro check (types, strictest), failing on warnings too
 *   unit    node:test over tests/unit          (scripts/node-tests.ts)
 *   verify  real bash, shellcheck, Python, Redis, PostgreSQL over every code block
 *   build   npm run build: site, search index, offline worker into dist/
 *   dist    node:test over dist/ (links, contract, CSP, budgets)
 *   e2e     Playwright in Debian's Chromium over dist/
 *   base    the site under a sub-path: built again with base /docs/ into dist-base/, its links
 *           checked (tests/dist/links.test.ts) and a few steps walked in the browser (tests/base/)
 *
 * When verify and build both run, the stages after verify (build, dist, e2e, base) run beside it,
 * from its start, their output printed after verify's: verify spends most of its time waiting on
 * servers and timeouts (about one core of two), the builds and browsers compute. If verify fails,
 * they are stopped; if it rewrites src/data/verified.json (which the builds read), they run again
 * after it.
 *
 * `node scripts/test.ts <stage>…` runs only the stages named (`npm run test:base` is `base`).
 * The system packages the verify and browser stages need (Debian's chromium, redis-server,
 * postgresql, shellcheck, python3-redis) are installed in one apt-get run that starts at once
 * in the background (when root and missing), so the download overlaps the type check.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SuiteResult } from './node-tests.ts';
import { SUB_PATH, SUB_PATH_ENV } from '../tests/support/sub-path.ts';
import { installMissing } from '../tests/support/system-packages.ts';

/** What verify writes and both builds read. */
const VERIFIED = 'src/data/verified.json';
const verifiedNow = () => (existsSync(VERIFIED) ? readFileSync(VERIFIED, 'utf8') : '');

interface StageResult {
  name: string;
  ok: boolean;
  seconds: number;
  /** What ran and how it went, in a few words. */
  what: string;
  /** The slowest test and its share of the timeout, when the stage has per-test timeouts. */
  slowest?: string;
  /** It ran beside verify. */
  beside?: boolean;
}

const tmp = mkdtempSync(join(tmpdir(), 'arya-test-'));
const results: StageResult[] = [];
const seconds = (since: number) => (performance.now() - since) / 1000;
const fmt = (s: number) => `${s.toFixed(1)} s`;

/**
 * Where a stage's output goes: the console, or (for stages running beside verify) a buffer that
 * is printed, in order, once verify's own output is done, and is passed straight on from then.
 */
class Output {
  #held: string[] | undefined;
  constructor(held: boolean) {
    this.#held = held ? [] : undefined;
  }
  write(chunk: string, stream: NodeJS.WriteStream = process.stdout): void {
    if (this.#held) this.#held.push(chunk);
    else stream.write(chunk);
  }
  /** Prints what was held and passes the rest straight on. */
  release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    process.stdout.write(held.join(''));
  }
}
const CONSOLE = new Output(false);

/**
 * Runs a command, its output going to `out`; resolves with its exit code and captured stdout.
 * Aborting `signal` stops it (SIGTERM, which npm passes on to the script it runs).
 */
function run(command: string, args: string[], env: Record<string, string> = {}, out = CONSOLE, signal?: AbortSignal): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, ...(signal ? { signal, killSignal: 'SIGTERM' as const } : {}) });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      out.write(d.toString());
    });
    child.stderr.on('data', (d: Buffer) => out.write(d.toString(), process.stderr));
    child.on('error', () => undefined); // an abort; 'close' follows
    child.on('close', (code, sig) => resolve({ code: code ?? (sig ? 1 : 0), out: stdout }));
  });
}

function slowestOf(ms: number | undefined, name: string | undefined, timeoutMs: number): string | undefined {
  if (ms === undefined || name === undefined) return undefined;
  const share = ms / timeoutMs;
  return `slowest ${fmt(ms / 1000)} of ${fmt(timeoutMs / 1000)} (${String(Math.round(share * 100))}%${share > 0.5 ? ', over half!' : ''}): ${name}`;
}

/** Where a stage runs: its output, and a signal that stops it. */
interface Where {
  out: Output;
  signal?: AbortSignal;
}
const HERE: Where = { out: CONSOLE };

async function nodeSuite(name: string, where = HERE): Promise<StageResult> {
  const start = performance.now();
  const file = join(tmp, `${name}.json`);
  const { code } = await run(process.execPath, ['scripts/node-tests.ts', name], { ARYA_TEST_SUMMARY: file }, where.out, where.signal);
  const r = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SuiteResult) : undefined;
  const what = r
    ? `${String(r.passed)}/${String(r.tests)} passed in ${String(r.files)} files${r.skipped ? `, ${String(r.skipped)} skipped` : ''}${r.problem ? ` — ${r.problem.split('\n')[0] ?? ''}` : ''}`
    : 'no summary';
  const slowest = r ? slowestOf(r.slowest?.ms, r.slowest?.name, r.timeoutMs) : undefined;
  return { name, ok: code === 0 && r !== undefined, seconds: seconds(start), what, ...(slowest ? { slowest } : {}) };
}

async function check(): Promise<StageResult> {
  const start = performance.now();
  const { code, out } = await run('npm', ['run', '--silent', 'check']);
  const m = /Result \((\d+) files?\):\s*-\s*(\d+) errors?\s*-\s*(\d+) warnings?\s*-\s*(\d+) hints?/.exec(out.replace(/\x1b\[[0-9;]*m/g, ''));
  const what = m ? `astro check: ${m[1] ?? '?'} files, ${m[2] ?? '?'} errors, ${m[3] ?? '?'} warnings, ${m[4] ?? '?'} hints` : 'astro check: no result line';
  return { name: 'check', ok: code === 0 && m !== null, seconds: seconds(start), what };
}

const htmlPages = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length : 0);

async function build(where = HERE): Promise<StageResult> {
  const start = performance.now();
  const { code } = await run('npm', ['run', '--silent', 'build'], {}, where.out, where.signal);
  const pages = htmlPages('dist');
  return { name: 'build', ok: code === 0 && pages > 0, seconds: seconds(start), what: `${String(pages)} HTML pages in dist/` };
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  suites: PlaywrightSuite[];
}
interface PlaywrightSuite {
  suites?: PlaywrightSuite[];
  specs?: Array<{ title: string; tests: Array<{ timeout: number; results: Array<{ duration: number }> }> }>;
}

/** Runs an npm script that runs Playwright; what ran, from its JSON report. */
async function playwright(name: string, script: string, where: Where): Promise<StageResult> {
  const start = performance.now();
  const file = join(tmp, `${name}.json`);
  const { code } = await run('npm', ['run', '--silent', script], { ARYA_E2E_JSON: file }, where.out, where.signal);
  if (!existsSync(file)) return { name, ok: false, seconds: seconds(start), what: 'Playwright wrote no report' };
  const report = JSON.parse(readFileSync(file, 'utf8')) as PlaywrightReport;
  const { expected, unexpected, skipped, flaky } = report.stats;
  let worst: { share: number; ms: number; timeout: number; title: string } | undefined;
  const walk = (suite: PlaywrightSuite) => {
    for (const s of suite.suites ?? []) walk(s);
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        for (const r of t.results) {
          const share = t.timeout > 0 ? r.duration / t.timeout : 0;
          if (!worst || share > worst.share) worst = { share, ms: r.duration, timeout: t.timeout, title: spec.title };
        }
      }
    }
  };
  report.suites.forEach(walk);
  const total = expected + unexpected + skipped + flaky;
  const ok = code === 0 && total > 0 && unexpected === 0 && (!process.env['CI'] || skipped === 0);
  const what = `${String(expected)}/${String(total)} passed${unexpected ? `, ${String(unexpected)} failed` : ''}${flaky ? `, ${String(flaky)} flaky` : ''}${skipped ? `, ${String(skipped)} skipped` : ''}`;
  const slowest = worst ? slowestOf(worst.ms, worst.title, worst.timeout) : undefined;
  return { name, ok, seconds: seconds(start), what, ...(slowest ? { slowest } : {}) };
}

async function e2e(packages: Promise<void>, where = HERE): Promise<StageResult> {
  await packages;
  return playwright('e2e', 'test:e2e', where);
}

/** The sub-path build into dist-base/ (dist/ is left as it is), for the `base` stage. */
async function baseBuild(where = HERE): Promise<BaseBuild> {
  const start = performance.now();
  const { code } = await run('npm', ['run', '--silent', 'build'], SUB_PATH_ENV, where.out, where.signal);
  return { ok: code === 0, pages: htmlPages(SUB_PATH.dist), seconds: seconds(start) };
}
interface BaseBuild {
  ok: boolean;
  pages: number;
  seconds: number;
}

/**
 * The site under a sub-path, as a host serving it from /docs/ would: one build into dist-base/
 * (dist/ is left as it is; `prebuilt` when it was built earlier), its links checked, and a few
 * browser steps there.
 */
async function base(packages: Promise<void>, where = HERE, prebuilt?: BaseBuild): Promise<StageResult> {
  const start = performance.now();
  const at = `${SUB_PATH.dist}/ under ${SUB_PATH.base}`;
  const done = (ok: boolean, what: string, slowest?: string): StageResult => ({ name: 'base', ok, seconds: seconds(start), what, ...(slowest ? { slowest } : {}) });
  const { ok: built, pages, seconds: took } = prebuilt ?? (await baseBuild(where));
  if (!built || pages === 0) return done(false, `${at}: the build failed`);
  const links = await nodeSuite('base', where);
  if (!links.ok) return done(false, `${at}: links ${links.what}`);
  await packages;
  const browser = await playwright('base', 'test:e2e:base', where);
  return done(browser.ok, `${at}: ${String(pages)} pages (${prebuilt ? 'built after dist/' : 'built'}, ${fmt(took)}), links ${links.what.replace(/ in 1 files$/, '')}, browser ${browser.what}`, browser.slowest);
}

function printSummary(total: number): void {
  const width = Math.max(...results.map((r) => r.name.length));
  console.log('\nnpm test:');
  for (const r of results) {
    console.log(`${r.ok ? '✔' : '✖'} ${r.name.padEnd(width)}  ${fmt(r.seconds).padStart(7)}${r.beside ? ' ‖' : '  '}  ${r.what}${r.slowest ? `; ${r.slowest}` : ''}`);
  }
  const beside = results.filter((r) => r.beside).map((r) => r.name);
  if (beside.length > 0) console.log(`  ‖ ${beside.join(', ')}: run beside verify, from its start (their times overlap verify's)`);
  const failed = results.find((r) => !r.ok);
  console.log(failed ? `✖ stopped at ${failed.name} after ${fmt(total)}` : `✔ all ${String(results.length)} stages passed in ${fmt(total)}`);
}

type Stage = [name: string, run: (where: Where) => Promise<StageResult>];

/** Runs stages in order until one fails; their results. */
async function inOrder(stages: Stage[], where = HERE): Promise<StageResult[]> {
  const done: StageResult[] = [];
  for (const [, stage] of stages) {
    if (where.signal?.aborted) break;
    const r = await stage(where);
    done.push(r);
    if (!r.ok) break;
  }
  return done;
}

async function main(): Promise<number> {
  const start = performance.now();
  const only = process.argv.slice(2);
  let installing: Promise<void> | undefined;
  const packages = () =>
    (installing ??= installMissing().then((line) => {
      if (line) console.log(`# ${line}`);
    }));
  const has = (n: string) => stages.some(([name]) => name === n);
  /** dist-base/, when the build stage made it right after dist/ (see below). */
  let baseBuilt: BaseBuild | undefined;
  const all: Stage[] = [
    ['check', () => check()],
    ['unit', (where) => nodeSuite('unit', where)],
    [
      'verify',
      async (where) => {
        await packages();
        return nodeSuite('verify', where);
      },
    ],
    [
      'build',
      async (where) => {
        const r = await build(where);
        // dist-base/ too, while verify leaves a core free (after it, the browsers want both).
        if (r.ok && has('base')) baseBuilt = await baseBuild(where);
        return r;
      },
    ],
    ['dist', (where) => nodeSuite('dist', where)],
    ['e2e', (where) => e2e(packages(), where)],
    ['base', (where) => base(packages(), where, baseBuilt)],
  ];
  const unknown = only.filter((name) => !all.some(([n]) => n === name));
  if (unknown.length > 0) {
    console.error(`unknown stage ${unknown.join(', ')}; stages: ${all.map(([n]) => n).join(', ')}`);
    return 2;
  }
  const stages = only.length > 0 ? all.filter(([n]) => only.includes(n)) : all;
  // Started now when a stage needs them, so apt-get downloads while astro checks types.
  if (stages.some(([n]) => ['verify', 'e2e', 'base'].includes(n))) void packages();
  try {
    const at = stages.findIndex(([n]) => n === 'verify');
    const verify = stages[at];
    if (verify && has('build')) {
      /**
       * The stages after verify run beside it, from its start: verify waits on servers and
       * timeouts more than it computes (about one core of two, measured over a run), and the
       * builds and browsers compute. Their output is held and printed after verify's. The builds
       * read src/data/verified.json, which verify rewrites when what it ran differs from it; then
       * what ran beside it tested a site with the old list, and it all runs again, after verify.
       * When verify fails, what runs beside it is stopped.
       */
      results.push(...(await inOrder(stages.slice(0, at))));
      if (results.every((r) => r.ok)) {
        const after = stages.slice(at + 1);
        const before = verifiedNow();
        const out = new Output(true);
        const stop = new AbortController();
        const beside = inOrder(after, { out, signal: stop.signal });
        const v = await verify[1](HERE);
        results.push(v);
        const rewrote = v.ok && verifiedNow() !== before;
        if (!v.ok || rewrote) {
          stop.abort();
          await beside;
        }
        if (rewrote) {
          console.log(`\n# verify rewrote ${VERIFIED}: the stages after it run again, with the new list`);
          results.push(...(await inOrder(after)));
        } else if (v.ok) {
          process.stdout.write(`\n# ${after.map(([n]) => n).join(', ')}: run beside verify, their output so far:\n`);
          out.release();
          results.push(...(await beside).map((r) => ({ ...r, beside: true })));
        }
      }
    } else {
      results.push(...(await inOrder(stages)));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  await installing?.catch(() => undefined);
  printSummary(seconds(start));
  return results.every((r) => r.ok) && results.length === stages.length ? 0 : 1;
}

process.exitCode = await main();
