/**
 * What a diagnostic command's output says, in the words a reader would use. An engineer who
 * pastes `ls -la app/logs/` with a 0-byte app.log, or `top` with python at 398 %CPU, means "the log
 * file is empty" or "the CPU is pegged"; the words of the table itself (`PID USER PR NI VIRT`,
 * `drwxr-xr-x`) say nothing of the problem, and the figure that does is a number, which search
 * does not read as a word. Each reader knows one tool's output by its shape and states what
 * stands out in it; the statements join the query's words (model.ts).
 *
 * Pure and linear: one pass over the lines the normaliser kept within its budget (normalize.ts).
 */

/** What stands out: a statement in readers' words, each at most once per query. */
export type Reading = 'log file is empty' | 'log file missing' | 'no log output' | 'cpu pegged at 100%' | 'memory keeps growing';

/** A CPU share at or above this (percent of one core, or of the machine for a summary) is pegged. */
const PEGGED = 90;

/** `ls -l`: type and permissions, links, owner, group, size, date, name. */
const LS_LONG = /^([-dlcbps])[rwxsStT-]{9}[.+@]?\s+\d+\s+\S+\s+\S+\s+(\d+)\s+(?:[A-Z][a-z]{2}\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2}|\d{4}-\d{2}-\d{2})\s+(?:\d{1,2}:\d{2}|\d{4})\s+(\S.*)$/;
/** A log file by its name: `app.log`, `worker.log.1`. */
const LOG_NAME = /\.log(?:\.\d+)?$/i;
/** A tool that says a log path is not there (`ls: cannot access 'app/logs/'`, `tail: cannot open 'app.log'`). */
const MISSING = /^(?:ls|tail|cat|less|head|stat): cannot (?:access|open) ['‘"]?([^'’"]*)['’"]?(?: for reading)?: No such file or directory/;
/** A command that counts a log's lines (`docker logs api | wc -l`): the next line is the count. */
const COUNTS_LINES = /\|\s*wc -l\s*$/;
const NAMES_LOGS = /\blogs?\b/;
/** `top`'s summary: user and system shares of the whole machine. */
const TOP_SUMMARY = /^%?Cpu\(s\):\s*([\d.]+)\s*us,\s*([\d.]+)\s*sy/;
/** A process table's header (`top`, `ps aux`): its columns, %CPU among them. */
const PROCESS_HEADER = /^\s*(?:PID|USER)\b.*%CPU\b/;
/** `docker stats`: the header; the first share of each row under it is the container's CPU %. */
const DOCKER_STATS_HEADER = /^CONTAINER(?: ID)?\s+NAME\s+CPU %/;
/** py-spy top's summary: the share of samples where a thread was running (not waiting). */
const PYSPY_ACTIVE = /\bActive:\s*([\d.]+)%/;
/** py-spy dump: a thread running Python code, holding the GIL, when the stacks were taken (`idle` when it waits). */
const PYSPY_RUNNING = /^Thread (?:0x[0-9A-Fa-f]+|\d+) \(active\+gil\)/;
/** tracemalloc's snapshot comparison (`compare_to`): a line of code whose allocations grew by a mebibyte or more. */
const TRACEMALLOC_GROWTH = /\bsize=[\d.]+ [KMGT]?i?B \(\+([\d.]+) ([KMGT])i?B\)/;

/**
 * The service name docker compose writes before each line of a container's log (`api-1  | `,
 * `arya_worker_1 | `; a name without a replica number is padded to the longest, so it counts only
 * with two spaces: Sentry's `Unhandled | celery` is text). Without it the lines read as the
 * application printed them: a traceback's frames, its exception line.
 */
export const COMPOSE_PREFIX = /^(?:[a-z0-9][a-z0-9_.-]{0,62}[-_]\d+ +|[a-z0-9][a-z0-9_.-]{0,62}  +)\|(?: |$)/;

/** What stands out in the diagnostic output among `lines`, each reading once, in the order first seen. */
export function readOutputs(lines: readonly string[]): Reading[] {
  const found = new Set<Reading>();
  let cpuColumn = -1;
  let dockerStats = false;
  for (let i = 0; i < lines.length; i++) {
    // prepareQuery has taken compose's prefixes off already; a caller with raw lines has not.
    const line = (lines[i] ?? '').replace(COMPOSE_PREFIX, '').trimEnd();
    const ls = LS_LONG.exec(line);
    if (ls) {
      if (ls[1] === '-' && ls[2] === '0' && LOG_NAME.test(ls[3] ?? '')) found.add('log file is empty');
      continue;
    }
    const missing = MISSING.exec(line);
    if (missing && /log/i.test(missing[1] ?? '')) found.add('log file missing');
    if (COUNTS_LINES.test(line) && NAMES_LOGS.test(line) && (lines[i + 1] ?? '').trim() === '0') found.add('no log output');
    const active = PYSPY_ACTIVE.exec(line);
    if ((active && Number(active[1]) >= PEGGED) || PYSPY_RUNNING.test(line)) found.add('cpu pegged at 100%');
    const grew = TRACEMALLOC_GROWTH.exec(line);
    if (grew && (grew[2] !== 'K' || Number(grew[1]) >= 1024)) found.add('memory keeps growing');
    const summary = TOP_SUMMARY.exec(line);
    if (summary && Number(summary[1]) + Number(summary[2]) >= PEGGED) found.add('cpu pegged at 100%');
    if (PROCESS_HEADER.test(line)) {
      cpuColumn = line.trim().split(/\s+/).indexOf('%CPU');
      continue;
    }
    if (DOCKER_STATS_HEADER.test(line)) {
      dockerStats = true;
      continue;
    }
    // A row of the table above, until a line that is not one (a prompt, a blank line).
    if (cpuColumn >= 0) {
      const cells = line.trim().split(/\s+/);
      if (!/^\d+$/.test(cells[0] ?? '') && !/^\d+$/.test(cells[1] ?? '')) cpuColumn = -1;
      else if (Number(cells[cpuColumn]) >= PEGGED) found.add('cpu pegged at 100%');
    }
    if (dockerStats) {
      const shares = [...line.matchAll(/(?<![\w.])(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));
      if (shares.length < 2) dockerStats = false;
      else if ((shares[0] ?? 0) >= PEGGED) found.add('cpu pegged at 100%');
    }
  }
  return [...found];
}
