/**
 * Turns pasted error text into something searchable, the way error groupers (Sentry, Rollbar)
 * fingerprint errors: the parts that vary between occurrences (hosts, IPs, ports, URLs, paths,
 * numbers, hex addresses, UUIDs, timestamps, quoted values) become placeholders, traceback frames
 * are dropped, and the final exception line is preferred.
 *
 * Pure and bounded: any input, up to megabytes, is cut to a fixed budget before any regex runs.
 */

import { COMPOSE_PREFIX, readOutputs, type Reading } from './readings.ts';

/** The most text looked at: the tail of a log holds the error that ended it. */
export const MAX_INPUT = 100_000;
const MAX_LINES = 2_000;
const MAX_LINE = 2_000;

export interface PreparedQuery {
  /** The input after trimming to budget and removing control characters. */
  text: string;
  /** The line that best names the error, normalised (placeholders in place of specifics). */
  focus: string;
  /** All error-looking lines, normalised, most relevant last. */
  errorLines: string[];
  /**
   * The focus line with only addresses, paths, ids and times replaced: what a description is about
   * lives partly in what normalising also removes (a port `6379`, a duration `45s`, a size
   * `300MB`), so the concepts it names (lexicon.ts) are read from this too.
   */
  focusText: string;
  /** Dotted or bare exception class names found (`sqlalchemy.exc.TimeoutError`). */
  exceptions: string[];
  /** A short query for full-text search: the focus line without placeholders and noise. */
  fullText: string;
  /** The lines worth reading (frames and separators dropped), raw, at most 20,000 characters. */
  kept: string;
  /** True when the input was cut to fit the budget. */
  truncated: boolean;
  /** When the error happened, as far as the paste shows (see phaseOf); undefined when it does not say. */
  phase?: Phase;
  /** What the diagnostic commands' output in it says, in readers' words (readings.ts). */
  readings: Reading[];
}

/**
 * When in the application's life a pasted error happened: while it started (importing, in
 * lifespan startup, before `Application startup complete.`), or while it ran (serving a request,
 * running a task). The same `ConnectionError` at startup and in a request are different problems.
 */
export type Phase = 'startup' | 'running';

/**
 * Lines and traceback frames that show the application starting. Not gunicorn's `Booting worker
 * with pid`: it boots a replacement after every worker it kills, in a running service too.
 */
const STARTUP_LINE =
  /Waiting for application startup|Application startup failed|Error loading ASGI app|Worker failed to boot|, in (?:<module>|lifespan|startup|on_startup|_startup|import_from_string|create_app)\b|[\\/]uvicorn[\\/]importer\.py"/;
/** The application has started: what came before is not the error's phase. */
const STARTUP_DONE = /Application startup complete/;
/**
 * Lines and frames that show it serving a request or running a task: it had started. Frames are
 * named by their file and function, not by a function name alone (`__call__` and `dispatch` are
 * in any library's frames at startup too).
 */
const RUNNING_LINE =
  /Exception in ASGI application|\bTask [\w.]+\[[^\]]*\] (?:raised|retry)|"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ HTTP\/[\d.]+" \d{3}|[\\/](?:celery[\\/]app[\\/]trace|rq[\\/]worker|arq[\\/]worker)\.py"|[\\/](?:fastapi|starlette)[\\/]routing\.py", line \d+, in (?:app|handle|__call__|run_endpoint_function)\b|, in (?:run_endpoint_function|perform_job|run_task|process_task|handle_task)\b/;
/** A worker taking a task (`Received task`, `picked task 5b1d`, `task t_5c0e picked up`), or a frame of a worker module other than its import. */
const RUNNING_TASK = /\bReceived task\b|\bpicked (?:up )?task\b|\btask\b.{0,80}?\bpicked up\b|[\\/]workers?[\\/][\w.]+\.py", line \d+, in (?!<module>)/i;

/**
 * The phase the lines show (those up to the error): the last evidence wins, so a restart's
 * traceback after old request lines is startup, and a request after a startup is running. A startup
 * marker before `Application startup complete.` is history: it says nothing of a later error.
 */
export function phaseOf(lines: readonly string[]): Phase | undefined {
  let phase: Phase | undefined;
  for (const line of lines) {
    if (STARTUP_LINE.test(line)) phase = 'startup';
    else if (RUNNING_LINE.test(line) || RUNNING_TASK.test(line)) phase = 'running';
    else if (STARTUP_DONE.test(line)) phase = undefined;
  }
  return phase;
}

/*
 * Every rule runs in time linear in the line. A pattern tried at every word boundary must not scan
 * an unbounded run from each of them (in `a.a.a.a…` every other character is a boundary), so a
 * scheme, the local part of an address and a host name are bounded by their real-world maximum
 * (64, 64 and 253 characters), and the white space before a dmesg timestamp stays on its line
 * instead of `\s*` crossing every line terminator after it.
 */
const PLACEHOLDER_RULES: Array<[RegExp, string]> = [
  [/\b[a-z][a-z0-9+.-]{0,63}:\/\/[^\s"'<>()]+/gi, '<url>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\b/g, '<ts>'],
  [/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{2}:\d{2}:\d{2}(?: \d{4})?/g, '<ts>'],
  [/\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{2}:\d{2}:\d{2}\b/g, '<ts>'],
  [/\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, '<ts>'],
  [/^[^\S\n\r\u2028\u2029]*\[\s*\d+\.\d+\]/gm, '<ts>'],
  [/\b[\w.+-]{1,64}@[\w-]+\.[\w.-]+\b/g, '<email>'],
  [/\[?\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b\]?/gi, '<host>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, '<host>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12,64}\b/gi, '<hex>'],
  [/(?:~|\.{1,2})?(?:\/[\w.@%+-]+){2,}\/?/g, '<path>'],
  [/\b[A-Za-z]:\\[^\s"']+/g, '<path>'],
  [/\b(localhost|[a-z0-9](?=[a-z0-9.-]{0,252}:\d)[a-z0-9-]*(?:\.[a-z0-9-]+)*):(\d{1,5})\b/gi, '<host>:<n>'],
  [/"[^"\n]{1,120}"/g, '<str>'],
  [/'[^'\n]{1,120}'/g, '<str>'],
  [/(?<![\w.])[-+]?\d+(?:\.\d+)?(?:[a-z]{1,3})?\b/gi, '<n>'],
];

/**
 * The rules for what says nothing of a line's meaning (addresses, paths, ids, times), without those
 * for numbers, hosts and quoted values, which may (`6379`, `127.0.0.1`, `'maxmemory'`).
 */
const NOISE_RULES = PLACEHOLDER_RULES.filter(([, p]) => ['<url>', '<uuid>', '<ts>', '<email>', '<hex>', '<path>'].includes(p));

/** Replaces the varying parts of one line with placeholders. */
export function normalizeLine(line: string): string {
  let out = line;
  for (const [re, placeholder] of PLACEHOLDER_RULES) out = out.replace(re, placeholder);
  return out.replace(/\s+/g, ' ').trim();
}

/** Removes control characters and invisible formatting (bidi overrides, zero-width) from input. */
export function sanitize(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

const EXCEPTION_LINE =
  /^\s*(?:[\w.]+:\s+)?((?:[A-Za-z_][\w]*\.)*[A-Z]\w*(?:Error|Exception|Exit|Timeout|Refused|Interrupt|Warning|Failure|Full|Exhausted))(?::\s|:?$)/;
const DOTTED_CLASS = /\b(?:[a-z_][\w]*\.){1,32}[A-Z]\w*(?:Error|Exception|Timeout|Warning|Exit|Failure)\b/g;
const BARE_CLASS = /(?<![\w.])[A-Z][a-z]\w*(?:Error|Exception|Timeout)\b/g;
const ERROR_WORDS =
  /\b(?:error|errno|fatal|failed|failure|refused|timed? ?out|timeout|killed|oom|out of memory|exited|unhealthy|denied|not found|no such|unable|cannot|can't|could not|invalid|exception|panic|traceback|warn(?:ing)?)\b|报错|错误|失败|超时|异常|无法|拒绝|退出|崩溃|卡住|不输出|没有/i;

function isFrameLine(line: string): boolean {
  return /^\s*File "[^"]*", line \d+/.test(line) || /^\s*\^[\s^~]*$/.test(line) || /^\s*at [\w.$<>]+ ?\(/.test(line);
}

const NOISE_LINE =
  /^(?:Traceback \(most recent call last\):|During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:|\s*\.\.\. \d+ (?:more|lines?).*)$/;

/** `text.slice(start, end)`, without the half of a surrogate pair the cut may leave at either end. */
function cut(text: string, start: number, end?: number): string {
  let out = text.slice(start, end);
  const first = out.charCodeAt(0);
  if (first >= 0xdc00 && first <= 0xdfff) out = out.slice(1);
  const last = out.charCodeAt(out.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
  return out;
}

/** Prepares raw pasted text (an error line, a traceback, a log, or a phrase) for matching. */
export function prepareQuery(raw: string): PreparedQuery {
  const clean = sanitize(raw);
  const truncated = clean.length > MAX_INPUT;
  let text = truncated ? cut(clean, -MAX_INPUT) : clean;
  let lines = text.split('\n');
  if (lines.length > MAX_LINES) lines = lines.slice(-MAX_LINES);
  lines = lines.map((l) => (l.length > MAX_LINE ? cut(l, 0, MAX_LINE) : l).replace(COMPOSE_PREFIX, ''));
  text = lines.join('\n').trim();

  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || NOISE_LINE.test(line)) continue;
    if (isFrameLine(line)) {
      // A frame's source line follows it, indented deeper: skip it too.
      const next = lines[i + 1] ?? '';
      const indent = (s: string) => s.length - s.trimStart().length;
      if (/^\s*File "/.test(line) && next.trim() !== '' && indent(next) > indent(line)) i++;
      continue;
    }
    kept.push(line);
  }

  const exceptionLines = kept.filter((l) => EXCEPTION_LINE.test(l));
  const errorish = kept.filter((l) => EXCEPTION_LINE.test(l) || ERROR_WORDS.test(l));
  const focusRaw = exceptionLines.at(-1) ?? errorish.at(-1) ?? kept.at(-1) ?? text;
  const errorLines = (errorish.length > 0 ? errorish : kept).slice(-40).map(normalizeLine);

  const exceptions = new Set<string>();
  for (const l of kept.length > 200 ? errorish.slice(-200) : kept) {
    for (const m of l.matchAll(DOTTED_CLASS)) exceptions.add(m[0]);
    for (const m of l.matchAll(BARE_CLASS)) exceptions.add(m[0]);
  }

  const focus = normalizeLine(focusRaw.length > 500 ? cut(focusRaw, 0, 500) : focusRaw);
  return {
    text,
    focus,
    errorLines,
    focusText: NOISE_RULES.reduce((line, [re, p]) => line.replace(re, p), cut(focusRaw, 0, 500)),
    exceptions: [...exceptions],
    fullText: fullTextQuery(focus),
    kept: cut(kept.join('\n'), -20_000),
    truncated,
    readings: readOutputs(lines),
    ...phaseIf(phaseOf(lines.slice(0, lines.lastIndexOf(focusRaw) + 1 || undefined))),
  };
}

const phaseIf = (phase: Phase | undefined) => (phase ? { phase } : {});

/** Words of a normalised line fit for a full-text engine: no placeholders, no punctuation runs, at most 8 words. */
export function fullTextQuery(normalized: string): string {
  const words = normalized
    .replace(/<[a-z]+>/g, ' ')
    .replace(/[()[\]{}<>"'`,;!?=|]+/g, ' ')
    .split(/\s+/)
    // `(?<!…)`: the trailing run is tried from its first character only, not from each of them.
    .map((w) => w.replace(/^[:.\-]+|(?<![:.\-])[:.\-]+$/g, ''))
    .filter((w) => w.length > 1 && !/^\d+$/.test(w));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of words) {
    const key = w.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(w);
    if (out.length === 8) break;
  }
  return out.join(' ');
}
