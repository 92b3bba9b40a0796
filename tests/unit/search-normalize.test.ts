import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { excerptSegments } from '../../src/lib/search/excerpt.ts';
import { fullTextQuery, MAX_INPUT, normalizeLine, phaseOf, prepareQuery, sanitize } from '../../src/lib/search/normalize.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { CONCEPTS, concepts, mendSlips, NOT_SLIPS, slipFor } from '../../src/lib/search/lexicon.ts';
import { queryTokens } from '../../src/lib/search/model.ts';
import { tokenize } from '../../src/lib/search/tokens.ts';

describe('normalising pasted errors', () => {
  test('hosts, ports, IPs, URLs, paths, numbers, hex, UUIDs and timestamps become placeholders', () => {
    assert.equal(
      normalizeLine('Error 111 connecting to redis-prod.internal:6380. Connection refused.'),
      'Error <n> connecting to <host>:<n>. Connection refused.',
    );
    assert.equal(
      normalizeLine('2026-11-28T03:12:45.123Z GET https://api.example.com/v1/x?id=3 from 10.0.3.7 took 5.2s'),
      '<ts> GET <url> from <host> took <n>',
    );
    assert.equal(normalizeLine('object at 0x7f3a2b1c9d80 in /app/app/main.py'), 'object at <hex> in <path>');
    assert.equal(normalizeLine('task 3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b failed'), 'task <uuid> failed');
    assert.equal(
      normalizeLine("OOM command not allowed when used memory > 'maxmemory'."),
      'OOM command not allowed when used memory > <str>.',
    );
  });

  test('a field name with an underscore before a number is a field, not a host and port', () => {
    // Host names have no underscores; redis INFO, pg_stat_* and the kernel print `name:value` fields.
    assert.equal(normalizeLine('evicted_keys:2208813 used_memory_human:5.87G oom_score_adj:0'), 'evicted_keys:<n> used_memory_human:<n> oom_score_adj:<n>');
    assert.equal(normalizeLine('redis:6379 db-1.internal:5432'), '<host>:<n> <host>:<n>');
  });

  test('a traceback is reduced to its final exception line, frames dropped', () => {
    const tb = [
      'Traceback (most recent call last):',
      '  File "/app/app/api/tasks.py", line 42, in get_task',
      '    result = await db.execute(stmt)',
      '  File "/usr/local/lib/python3.11/site-packages/sqlalchemy/pool/base.py", line 1281, in _do_get',
      '    raise exc.TimeoutError(',
      'sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)',
    ].join('\n');
    const q = prepareQuery(tb);
    assert.equal(
      q.focus,
      'sqlalchemy.exc.TimeoutError: QueuePool limit of size <n> overflow <n> reached, connection timed out, timeout <n> (Background on this error at: <url>)',
    );
    assert.deepEqual(q.exceptions, ['sqlalchemy.exc.TimeoutError']);
    assert.ok(!q.errorLines.some((l) => l.includes('File ')), 'no frame lines');
  });

  test('the last exception of a chained traceback is preferred', () => {
    const q = prepareQuery(
      'ConnectionRefusedError: [Errno 111] Connection refused\n\nThe above exception was the direct cause of the following exception:\n\nredis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.',
    );
    assert.match(q.focus, /^redis\.exceptions\.ConnectionError: Error <n> connecting to <host>:<n>/);
    assert.deepEqual(q.exceptions.sort(), ['ConnectionRefusedError', 'redis.exceptions.ConnectionError']);
  });

  test("docker compose's service prefix (`api-1  | `) is not part of the line: a prefixed traceback reads as the bare one", () => {
    const lines = ['Traceback (most recent call last):', '  File "/app/app/main.py", line 3, in <module>', '    from tenacity import retry', "ModuleNotFoundError: No module named 'tenacity'"];
    const bare = prepareQuery(lines.join('\n'));
    for (const prefix of ['api-1  | ', 'arya_worker_1 | ', 'api          | ']) {
      const q = prepareQuery(lines.map((l) => prefix + l).join('\n'));
      assert.deepEqual([q.focus, q.kept, q.exceptions, q.phase], [bare.focus, bare.kept, bare.exceptions, bare.phase], prefix);
    }
    // A table's or a tool's own column bar is text: Sentry's `Unhandled | celery | production`.
    assert.match(prepareQuery('Unhandled | celery | production\nBadRequestError: context_length_exceeded').kept, /^Unhandled \| celery/);
  });

  test('the focus line is also kept with only addresses, paths, ids and times replaced: ports, durations and sizes say what it is about', () => {
    const q = prepareQuery('2024-05-01 10:00:01 conn refused on 6379 after 45s, see https://example.com/x and /var/log/app.log (300MB)');
    assert.equal(q.focusText, '<ts> conn refused on 6379 after 45s, see <url> and <path> (300MB)');
    assert.equal(q.focus, '<ts> conn refused on <n> after <n>, see <url> and <path> (<n>)');
  });

  test('the full-text query keeps words, drops placeholders and punctuation, at most 8 words', () => {
    assert.equal(fullTextQuery('redis.exceptions.ConnectionError: Error <n> connecting to <host>:<n>. Connection refused.'), 'redis.exceptions.ConnectionError Error connecting to Connection refused');
  });

  test('control characters, bidi overrides, zero-width characters and lone surrogates are removed', () => {
    assert.equal(sanitize('a\u0000b\u202ec\u200bd\ud800e\r\nf'), 'a bcde\nf');
  });

  test('the phase of the error: starting (lifespan, imports, boot) or running (a request, a task), read from frames and log lines up to it', () => {
    const lifespan = [
      'INFO:     Waiting for application startup.',
      'ERROR:    Traceback (most recent call last):',
      '  File "/app/.venv/lib/python3.11/site-packages/starlette/routing.py", line 677, in lifespan',
      '  File "/app/app/main.py", line 21, in lifespan',
      "redis.exceptions.ConnectionError: Error 111 connecting to redis:6379. Connection refused.",
    ];
    const request = [
      'ERROR:    Exception in ASGI application',
      'Traceback (most recent call last):',
      '  File "/app/.venv/lib/python3.11/site-packages/fastapi/routing.py", line 278, in app',
      '  File "/app/app/api/tasks.py", line 40, in list_tasks',
      "redis.exceptions.ConnectionError: Error 111 connecting to redis:6379. Connection refused.",
    ];
    assert.equal(phaseOf(lifespan), 'startup');
    assert.equal(phaseOf(request), 'running');
    assert.equal(phaseOf(["[2024-05-01 10:00:00,000: ERROR/ForkPoolWorker-2] Task app.tasks.render[8d0c] raised unexpected: ConnectionError('Error 111')"]), 'running');
    assert.equal(phaseOf(['KeyError: x']), undefined);
    // A worker taking a task, or a frame of a worker module past its import, is a running application.
    assert.equal(phaseOf(['2024-03-04 11:20:03,118 INFO  [task_processor] picked task 7f3c2a10 (type=video_generation)']), 'running');
    assert.equal(phaseOf(['02:13:40,001 INFO  task_processor  task t_5c0e picked up (type=video)']), 'running');
    assert.equal(phaseOf(['  File "/app/app/workers/task_processor.py", line 142, in run_step']), 'running');
    assert.equal(phaseOf(['  File "/app/app/workers/__init__.py", line 3, in <module>']), undefined);
    // The last evidence wins: a restart's traceback after old request lines is a startup error.
    assert.equal(phaseOf(['INFO:     127.0.0.1:5000 - "GET /api/v1/tasks HTTP/1.1" 200 OK', ...lifespan]), 'startup');
    // A startup that completed says nothing about what follows it.
    assert.equal(phaseOf(['INFO:     Waiting for application startup.', 'INFO:     Application startup complete.', 'redis ping failed']), undefined);
    // prepareQuery reads the lines up to its focus (the error), not lines logged after it.
    assert.equal(prepareQuery([...lifespan, 'INFO:     127.0.0.1:5000 - "GET /health HTTP/1.1" 200 OK'].join('\n')).phase, 'startup');
    assert.equal(prepareQuery(request.join('\n')).phase, 'running');
    assert.equal(prepareQuery('redis connection refused at startup').phase, undefined);
  });

  test('a megabyte of log is cut to the budget, keeping the end where the error is', () => {
    const log = `${'INFO ok\n'.repeat(150_000)}redis.exceptions.OutOfMemoryError: OOM command not allowed when used memory > 'maxmemory'.`;
    const q = prepareQuery(log);
    assert.ok(q.truncated);
    assert.ok(q.text.length <= MAX_INPUT);
    assert.match(q.focus, /^redis\.exceptions\.OutOfMemoryError/);
  });
});

describe('tokens', () => {
  test('the lexicon lists each form once per concept (a form added twice is a sign of an edit that lost track)', () => {
    const twice = Object.entries(CONCEPTS).flatMap(([concept, forms]) => forms.filter((f, i) => forms.indexOf(f) !== i).map((f) => `${concept}: ${f}`));
    assert.deepEqual(twice, []);
  });

  test("the lexicon names what readers say for a problem's telltale, not only its name", () => {
    for (const [text, concept] of [
      ['echo shows the same SELECT 200 times for one page', '~nplusone'],
      ['a few huge keys take half the memory', '~redis'],
      ['my laptop gets super hot whenever the backend is up', '~cpu'],
      ['worker 进程一直百分之百', '~cpu'],
      ['the task and agent objects reference each other', '~gc'],
      ['the api starts before postgres and dies', '~health'],
      ['api 比 postgres 先起来，连不上库', '~health'],
      ['机器重启后 redis 没跟着起来', '~down'],
      ["redis server isn't running, every cache read errors out", '~down'],
      ['httpx pool timeouts at high concurrency', '~external'],
      ['出站请求全部超时', '~external'],
      ['model call times out a lot', '~external'],
      ['the async route throws a greenlet error on a relationship', '~greenlet'],
      ['AsyncSession 下访问关联属性报懒加载错误', '~greenlet'],
      ['box swapping hard, api process at 12GB and rising', '~process'],
      ['worker 进程内存一直涨', '~process'],
      ['the cache is full and new writes fail', '~exhaust'],
      ['the connection pool filled up at noon', '~exhaust'],
      ['the box keeps swapping by evening', '~memory'],
      ['stdout is block-buffered under docker', '~buffer'],
      ['the app is still initializing when the probe fires', '~startup'],
      ['the cache ran outta memory overnight', '~exhaust'],
      ['the cache ran outta memory overnight', '~oom'],
      ['load avg through the roof on the worker node', '~cpu'],
      ['memory_profiler shows growth in a request handler', '~memory'],
      ['each instance needs a minute until it listens on the port', '~startup'],
    ] as const) {
      assert.ok(concepts(text).includes(concept), `${text}: ${concept}`);
    }
  });

  test('"no route to host" is the network, not an API route', () => {
    assert.ok(!concepts('no route to host when the app hits redis').includes('~api'));
    assert.ok(concepts('no route to host when the app hits redis').includes('~network'));
  });

  test('a buffer of data is no log buffering: frame buffers that are never released name memory growth, not ~buffer', () => {
    assert.ok(!concepts('big video buffers not released after processing').includes('~buffer'));
    assert.ok(concepts('big video buffers not released after processing').includes('~grow'));
    for (const text of ['logs only show up when the process exits', 'output is buffered', 'set PYTHONUNBUFFERED=1']) assert.ok(concepts(text).includes('~buffer'), text);
  });

  test('"start" that means "begin" names no startup; the app starting still does', () => {
    const names = (text: string) => concepts(text).includes('~startup');
    for (const begin of ['requests start hanging under load', 'it started to time out yesterday', 'workers started failing at noon']) assert.ok(!names(begin), begin);
    for (const boot of ['the app takes a minute to start', 'starting up takes forever', 'it started up fine', 'slow start after deploy', 'it takes 45 seconds before it starts answering requests']) assert.ok(names(boot), boot);
  });

  test('a duration is slowness; a period, a bound or a time ago is not', () => {
    const slow = (text: string) => concepts(text).includes('~slow');
    for (const text of ['history lookups take 5+ seconds', 'the api takes 45s to answer', 'times out after 30 seconds', '接口要好几秒']) assert.ok(slow(text), text);
    for (const text of ['the unit fails within 2 seconds of every start', 'Loki shows nothing for 6 hours', 'it dies every 5 minutes', 'Exited (1) 3 seconds ago']) assert.ok(!slow(text), text);
  });

  test('a conjunction says when or why, not what: whenever, because and their like are stop words', () => {
    assert.deepEqual(tokenize('the pool runs dry whenever traffic spikes'), ['pool', 'run', 'dry', 'traffic', 'spike']);
    assert.deepEqual(tokenize('it quits because redis is down, although pg is up'), ['quit', 'redis', 'down', 'pg', 'up']);
  });

  test("an acronym's plural is one word: `SELECTs` is select, not `selec` and `ts`", () => {
    assert.deepEqual(tokenize('hundreds of SELECTs, thousands of PIDs'), ['hundred', 'select', 'thousand', 'pid']);
    assert.deepEqual(tokenize('HTTPServer'), ['httpserver', 'http', 'server']);
  });

  test('an HTTP version is no word: `1.1` of HTTP/1.1 does not meet a section number', () => {
    assert.deepEqual(tokenize('"POST /api/v1/tasks HTTP/1.1" 201'), ['post', 'api', 'v1', 'task', 'http']);
    assert.ok(tokenize('see section 1.1').includes('1.1'));
  });

  test('dotted and CamelCase names give their parts; placeholders and stop words are dropped; -ing is stemmed', () => {
    assert.deepEqual(tokenize('redis.exceptions.ConnectionError: Error <n> connecting to <host>'), [
      'redis.exceptions.connectionerror',
      'redis',
      'exception',
      'connectionerror',
      'connection',
      'error',
      'error',
      'connect',
    ]);
  });

  test('plurals in -es after sh, ss and x lose the -es ("crashes" meets "crash"); others lose the -s ("caches": "cache")', () => {
    assert.deepEqual(tokenize('crashes processes fixes flushes caches timeouts queries'), ['crash', 'process', 'fix', 'flush', 'cache', 'timeout', 'query']);
  });

  test('a snake_case name gives its parts too, as people write them apart ("evicted keys", "mean exec time")', () => {
    assert.deepEqual(tokenize('evicted_keys mean_exec_time __init__'), ['evicted_key', 'evict', 'key', 'mean_exec_time', 'mean', 'exec', 'time', '__init__']);
  });

  test('Chinese text becomes overlapping character pairs, split from Latin words', () => {
    assert.deepEqual(tokenize('Redis内存满了'), ['redis', '内存', '存满', '满了']);
  });
});

describe('slips of fast typing', () => {
  test('a dropped letter or two swapped letters in a lexicon word is mended to that word', () => {
    assert.deepEqual(['conection', 'memroy', 'redsi', 'contianer', 'timout', 'databse'].map(slipFor), ['connection', 'memory', 'redis', 'container', 'timeout', 'database']);
    assert.equal(mendSlips('sporadic redsi disconnects, conection refused'), 'sporadic redis disconnects, connection refused');
  });

  test('a known word, a short word, a real word one slip away and a word two concepts could be stay as typed', () => {
    for (const word of ['connection', 'redis', 'redi', 'deleted', 'stats', 'reused', 'lunch']) assert.equal(slipFor(word), undefined, word);
  });

  test('no word the guides or the trees use is taken for a slip (a real word to add to NOT_SLIPS)', () => {
    const files = [
      ...['zh', 'en'].flatMap((lang) => readdirSync(`src/content/guides/${lang}`).filter((f) => f.endsWith('.mdx')).map((f) => `src/content/guides/${lang}/${f}`)),
      ...readdirSync('src/content/trees').map((f) => `src/content/trees/${f}`),
    ];
    const mended = new Set(files.flatMap((f) => (readFileSync(f, 'utf8').match(/[A-Za-z]+/g) ?? []).filter((w) => slipFor(w) !== undefined).map((w) => w.toLowerCase())));
    assert.deepEqual([...mended], []);
    assert.ok(NOT_SLIPS.size > 0);
  });

  test('a description is read with its slips mended; a paste is read as the software printed it', () => {
    assert.ok(queryTokens(prepareQuery('conection refused to redis on boot')).includes('connection'));
    assert.ok(!queryTokens(prepareQuery('Traceback (most recent call last):\nconection refused')).includes('connection'));
  });
});

describe('excerpts', () => {
  test('only <mark> survives; any other markup in an excerpt stays text', () => {
    assert.deepEqual(excerptSegments('run &lt;script&gt;alert(1)&lt;/script&gt; <mark>redis</mark>-cli <img src=x onerror=alert(1)>ping'), [
      { text: 'run <script>alert(1)</script> ', mark: false },
      { text: 'redis', mark: true },
      { text: '-cli ping', mark: false },
    ]);
  });
});
