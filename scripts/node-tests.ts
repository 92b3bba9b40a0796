/**
 * Runs one suite of node:test files (`unit`, `dist` or `verify`) and fails when it proves
 * nothing: no test file found, no test run, or (under CI=true) any test skipped. Node's own
 * runner exits 0 in all three cases, so a green run could mean that nothing ran.
 *
 * Usage: node scripts/node-tests.ts <suite>   (unit, dist, verify, or base: the links of the sub-path build)
 * With ARYA_TEST_SUMMARY=<file>, writes the suite's summary there (scripts/test.ts prints it).
 */
import { spawnSync } from 'node:child_process';
import { globSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SUB_PATH_ENV } from '../tests/support/sub-path.ts';
import type { TestSummary } from '../tests/support/test-summary-reporter.ts';

interface Suite {
  pattern: string;
  /** Per-test timeout: a test that hangs fails instead of holding the run. */
  timeoutMs: number;
  /** Files run one at a time (they start servers, or print tables that must not interleave). */
  serial?: boolean;
  /** Environment of the run. */
  env?: Record<string, string>;
}

export const SUITES: Record<string, Suite> = {
  unit: { pattern: 'tests/unit/**/*.test.ts', timeoutMs: 60_000 },
  dist: { pattern: 'tests/dist/**/*.test.ts', timeoutMs: 60_000 },
  verify: { pattern: 'tests/verify/**/*.test.ts', timeoutMs: 180_000, serial: true },
  // The link check over the sub-path build (the `base` stage of scripts/test.ts).
  base: { pattern: 'tests/dist/links.test.ts', timeoutMs: 60_000, env: SUB_PATH_ENV },
};

export interface SuiteResult extends TestSummary {
  suite: string;
  timeoutMs: number;
  /** Why the run proves nothing or failed, when it did. */
  problem?: string;
}

function main(): number {
  const name = process.argv[2] ?? '';
  const suite = SUITES[name];
  if (!suite) {
    console.error(`usage: node scripts/node-tests.ts <${Object.keys(SUITES).join('|')}>`);
    return 2;
  }
  const files = globSync(suite.pattern).sort();
  const out = process.env['ARYA_TEST_SUMMARY'];
  const finish = (result: SuiteResult, code: number): number => {
    if (out) writeFileSync(out, JSON.stringify(result));
    if (result.problem) console.error(`\n✖ ${name}: ${result.problem}`);
    return code;
  };
  const empty: TestSummary = { tests: 0, passed: 0, failed: 0, skipped: 0, todo: 0, skips: [], slowest: null, files: 0, reported: [] };
  if (files.length === 0) return finish({ ...empty, suite: name, timeoutMs: suite.timeoutMs, problem: `no test file matches ${suite.pattern}` }, 1);

  const dir = mkdtempSync(join(tmpdir(), 'arya-node-tests-'));
  const summaryFile = join(dir, 'summary.json');
  try {
    const args = [
      '--test',
      `--test-timeout=${String(suite.timeoutMs)}`,
      // node's default is one file fewer than the cores: one at a time on this machine kind's two.
      `--test-concurrency=${suite.serial ? '1' : String(Math.max(2, availableParallelism()))}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${join(import.meta.dirname, '../tests/support/test-summary-reporter.ts')}`,
      `--test-reporter-destination=${summaryFile}`,
      ...files,
    ];
    const run = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...suite.env } });
    let summary: TestSummary;
    try {
      summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as TestSummary;
    } catch {
      return finish({ ...empty, suite: name, timeoutMs: suite.timeoutMs, problem: `node --test ended (${String(run.status ?? run.signal)}) without a summary` }, 1);
    }
    const result: SuiteResult = { ...summary, suite: name, timeoutMs: suite.timeoutMs };
    if (run.status !== 0) return finish({ ...result, problem: `${String(summary.failed)} failed` }, run.status ?? 1);
    if (summary.tests === 0) return finish({ ...result, problem: `${String(files.length)} file(s) ran no test` }, 1);
    // A file that declares no test (its tests commented out, a describe lost in an edit) is
    // as silent as a missing one, even when the other files of the suite run theirs.
    const silent = files.filter((f) => !summary.reported.includes(resolve(f)));
    if (silent.length > 0) return finish({ ...result, problem: `ran no test: ${silent.join(', ')}` }, 1);
    if (process.env['CI'] && summary.skipped > 0) {
      return finish({ ...result, problem: `under CI nothing may skip; skipped:\n  ${summary.skips.join('\n  ')}` }, 1);
    }
    if (summary.skipped > 0) console.log(`\n# ${name}: ${String(summary.skipped)} skipped (under CI=true these fail):\n#   ${summary.skips.join('\n#   ')}`);
    return finish(result, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) process.exitCode = main();
