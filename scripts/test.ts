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
 * When verify and build both run, the builds (dist/, then dist-base/ for base) run beside verify,
 * their output printed after verify's: verify spends most of its time waiting on servers and
 * timeouts, about one core of two. Measured on this 2-core machine: verify and both builds 122.7 s
 * side by side, against about 143 s one after another.
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

interface StageResult {
  name: string;
  ok: boolean;
  seconds: number;
  /** What ran and how it went, in a few words. */
  what: string;
  /** The slowest test and its share of the timeout, when the stage has per-test timeouts. */
  slowest?: string;
}

const tmp = mkdtempSync(join(tmpdir(), 'arya-test-'));
const results: StageResult[] = [];
const seconds = (since: number) => (performance.now() - since) / 1000;
const fmt = (s: number) => `${s.toFixed(1)} s`;

/**
 * Runs a command with its output on the console; resolves with its exit code and captured stdout.
 * With `held`, nothing is printed as it comes: its stdout and stderr are kept, in order, in `held`
 * (for a command running beside a stage whose output is on the console).
 */
function run(command: string, args: string[], env: Record<string, string> = {}, held?: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', held ? 'pipe' : 'inherit'], env: { ...process.env, ...env } });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (held) held.push(d.toString());
      else process.stdout.write(d);
    });
    child.stderr?.on('data', (d: Buffer) => held?.push(d.toString()));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

function slowestOf(ms: number | undefined, name: string | undefined, timeoutMs: number): string | undefined {
  if (ms === undefined || name === undefined) return undefined;
  const share = ms / timeoutMs;
  return `slowest ${fmt(ms / 1000)} of ${fmt(timeoutMs / 1000)} (${String(Math.round(share * 100))}%${share > 0.5 ? ', over half!' : ''}): ${name}`;
}

async function nodeSuite(name: string): Promise<StageResult> {
  const start = performance.now();
  const file = join(tmp, `${name}.json`);
  const { code } = await run(process.execPath, ['scripts/node-tests.ts', name], { ARYA_TEST_SUMMARY: file });
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

async function build(held?: string[]): Promise<StageResult> {
  const start = performance.now();
  const { code } = await run('npm', ['run', '--silent', 'build'], {}, held);
  const pages = htmlPages('dist');
  return { name: 'build', ok: code === 0 && pages > 0, seconds: seconds(start), what: `${String(pages)} HTML pages in dist/` };
}

/** The sub-path build into dist-base/ (dist/ is left as it is), for the `base` stage. */
async function baseBuild(held?: string[]): Promise<BaseBuild> {
  const start = performance.now();
  const { code } = await run('npm', ['run', '--silent', 'build'], SUB_PATH_ENV, held);
  return { ok: code === 0, pages: htmlPages(SUB_PATH.dist), seconds: seconds(start) };
}
interface BaseBuild {
  ok: boolean;
  pages: number;
  seconds: number;
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
async function playwright(name: string, script: string): Promise<StageResult> {
  const start = performance.now();
  const file = join(tmp, `${name}.json`);
  const { code } = await run('npm', ['run', '--silent', script], { ARYA_E2E_JSON: file });
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

async function e2e(packages: Promise<void>): Promise<StageResult> {
  await packages;
  return playwright('e2e', 'test:e2e');
}

/**
 * The site under a sub-path, as a host serving it from /docs/ would: one build into dist-base/
 * (dist/ is left as it is), its links checked, and a few browser steps there.
 */
async function base(packages: Promise<void>, prebuilt?: BaseBuild): Promise<StageResult> {
  const start = performance.now();
  const where = `${SUB_PATH.dist}/ under ${SUB_PATH.base}`;
  const done = (ok: boolean, what: string, slowest?: string): StageResult => ({ name: 'base', ok, seconds: seconds(start), what, ...(slowest ? { slowest } : {}) });
  const { ok: built, pages } = prebuilt ?? (await baseBuild());
  if (!built || pages === 0) return done(false, `${where}: the build failed`);
  const links = await nodeSuite('base');
  if (!links.ok) return done(false, `${where}: links ${links.what}`);
  await packages;
  const browser = await playwright('base', 'test:e2e:base');
  return done(browser.ok, `${where}: ${String(pages)} pages${prebuilt ? ` (built beside verify, ${fmt(prebuilt.seconds)})` : ''}, links ${links.what.replace(/ in 1 files$/, '')}, browser ${browser.what}`, browser.slowest);
}

function printSummary(total: number): void {
  const width = Math.max(...results.map((r) => r.name.length));
  console.log('\nnpm test:');
  for (const r of results) {
    console.log(`${r.ok ? '✔' : '✖'} ${r.name.padEnd(width)}  ${fmt(r.seconds).padStart(7)}  ${r.what}${r.slowest ? `; ${r.slowest}` : ''}`);
  }
  const failed = results.find((r) => !r.ok);
  console.log(failed ? `✖ stopped at ${failed.name} after ${fmt(total)}` : `✔ all ${String(results.length)} stages passed in ${fmt(total)}`);
}

async function main(): Promise<number> {
  const start = performance.now();
  const only = process.argv.slice(2);
  let installing: Promise<void> | undefined;
  const packages = () =>
    (installing ??= installMissing().then((line) => {
      if (line) console.log(`# ${line}`);
    }));
  /** The builds, when they ran beside verify (see below). */
  let prebuilt: { build: StageResult; base?: BaseBuild } | undefined;
  const all: Array<[string, () => Promise<StageResult>]> = [
    ['check', check],
    ['unit', () => nodeSuite('unit')],
    [
      'verify',
      async () => {
        await packages();
        return nodeSuite('verify');
      },
    ],
    ['build', async () => prebuilt?.build ?? build()],
    ['dist', () => nodeSuite('dist')],
    ['e2e', () => e2e(packages())],
    ['base', () => base(packages(), prebuilt?.base)],
  ];
  const unknown = only.filter((name) => !all.some(([n]) => n === name));
  if (unknown.length > 0) {
    console.error(`unknown stage ${unknown.join(', ')}; stages: ${all.map(([n]) => n).join(', ')}`);
    return 2;
  }
  const stages = only.length > 0 ? all.filter(([n]) => only.includes(n)) : all;
  // Started now when a stage needs them, so apt-get downloads while astro checks types.
  if (stages.some(([n]) => ['verify', 'e2e', 'base'].includes(n))) void packages();
  /**
   * The builds run beside verify when both are asked for: verify waits on servers and timeouts
   * more than it computes (about one core of two, measured over a run), and a build computes.
   * Their output is held and printed after verify's. Both builds read src/data/verified.json, which
   * verify rewrites when what it ran differs from it; then they are built again, after verify.
   */
  const has = (n: string) => stages.some(([name]) => name === n);
  const beside = has('verify') && has('build');
  const verifiedNow = () => (existsSync(VERIFIED) ? readFileSync(VERIFIED, 'utf8') : '');
  const verifyWithBuilds = async (verify: () => Promise<StageResult>): Promise<StageResult> => {
    const before = verifiedNow();
    const held: string[] = [];
    const builds = (async () => {
      const b = await build(held);
      return { build: b, ...(b.ok && has('base') ? { base: await baseBuild(held) } : {}) };
    })();
    const r = await verify();
    const built = await builds;
    process.stdout.write(`\n# the builds, run beside verify:\n${held.join('')}`);
    if (verifiedNow() === before) prebuilt = { ...built, build: { ...built.build, what: `${built.build.what}; beside verify` } };
    else console.log(`# verify rewrote ${VERIFIED}: the builds run again, after it`);
    return r;
  };
  try {
    for (const [name, stage] of stages) {
      const r = name === 'verify' && beside ? await verifyWithBuilds(stage) : await stage();
      results.push(r);
      if (!r.ok) break;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  await installing?.catch(() => undefined);
  printSummary(seconds(start));
  return results.every((r) => r.ok) && results.length === stages.length ? 0 : 1;
}

process.exitCode = await main();
