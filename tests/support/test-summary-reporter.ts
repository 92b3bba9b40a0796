/**
 * A node:test reporter that writes one JSON summary of the run (scripts/node-tests.ts reads it):
 * how many tests ran, passed, failed and were skipped, why each skip happened, and the slowest
 * test. Node's own counts leave out a skipped `describe` and the tests inside it, so a suite that
 * skipped everything would look like "0 failed"; here a skipped suite counts as a skip.
 */
import { resolve } from 'node:path';

export interface TestSummary {
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
  todo: number;
  /** `name: reason` of every skipped test or suite. */
  skips: string[];
  slowest: { name: string; ms: number } | null;
  files: number;
  /** The files that reported a test or a suite (passed, failed or skipped), as node names them. */
  reported: string[];
}

interface TestEventData {
  name: string;
  nesting: number;
  file?: string;
  skip?: boolean | string;
  todo?: boolean | string;
  details?: { type?: 'suite' | 'test'; duration_ms?: number; error?: { failureType?: string } };
}

export default async function* summaryReporter(source: AsyncIterable<{ type: string; data: TestEventData }>): AsyncGenerator<string> {
  const summary: TestSummary = { tests: 0, passed: 0, failed: 0, skipped: 0, todo: 0, skips: [], slowest: null, files: 0, reported: [] };
  const files = new Set<string>();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    // A file that declares no test is reported by node as one passing test named after the file:
    // it ran nothing, so it counts as nothing, and its file as silent. (A file that fails to load
    // is reported the same way, failing: that stays a failure.)
    if (event.type === 'test:pass' && data.nesting === 0 && data.file !== undefined && resolve(data.name) === data.file) continue;
    if (data.file) files.add(data.file);
    const isSuite = data.details?.type === 'suite';
    if (data.skip !== undefined && data.skip !== false) {
      summary.skipped++;
      summary.skips.push(`${data.name}: ${typeof data.skip === 'string' ? data.skip : 'skipped'}`);
      continue;
    }
    if (isSuite) {
      // A suite fails on its own when a hook (before/after) throws and its tests may not have run;
      // a suite that failed because a test in it failed is already counted through that test.
      if (event.type === 'test:fail' && data.details?.error?.failureType !== 'subtestsFailed') summary.failed++;
      continue;
    }
    summary.tests++;
    if (data.todo !== undefined && data.todo !== false) summary.todo++;
    if (event.type === 'test:pass') summary.passed++;
    else summary.failed++;
    const ms = data.details?.duration_ms ?? 0;
    if (!summary.slowest || ms > summary.slowest.ms) summary.slowest = { name: data.name, ms };
  }
  summary.files = files.size;
  summary.reported = [...files].sort();
  yield `${JSON.stringify(summary)}\n`;
}
