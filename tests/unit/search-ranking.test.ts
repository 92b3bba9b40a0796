/**
 * Ranking without a browser, through the function the browser runs (src/lib/search/query.ts),
 * over the index files the build writes, compiled here from the guide files and loaded from
 * memory. The browser test measures the same sets through the results pages, Pagefind added.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { packBags } from '../../src/lib/search/bm25.ts';
import { matchSignatures, matchText, postingsOf, rankSections, termWeight } from '../../src/lib/search/model.ts';
import { normalizeLine, prepareQuery } from '../../src/lib/search/normalize.ts';
import { tokenize } from '../../src/lib/search/tokens.ts';
import { rankQuery } from '../../src/lib/search/query.ts';
import { indexFiles, modelFromShards, shardIndex, shardsFor } from '../../src/lib/search/shards.ts';
import { queryTokens } from '../../src/lib/search/model.ts';
import { loadQueries, signatureIndexFromGuides } from '../support/signature-index.ts';
import { modelFromIndex } from '../support/whole-index-model.ts';

const index = signatureIndexFromGuides();
const files = indexFiles(index);
/** The whole index as one model (no shards), for the specs that look inside ranking. */
const model = modelFromIndex(index);
/** A section's index by its slug. */
const at = (slug: string) => index.sections.findIndex((x) => x.slug === slug);
const loaded: string[] = [];
const load = (name: string) => {
  loaded.push(name);
  const file = files.get(name);
  return file === undefined ? Promise.reject(new Error(`no index file ${name}`)) : Promise.resolve(file);
};
const ranked = async (q: string, lang: 'zh' | 'en' = 'en') => (await rankQuery(q, lang, load)).sections;
const corpus = loadQueries('tests/fixtures/search-corpus.json');
const pick = (hit: { slug: string; known: boolean; code?: string } | undefined) => ({ slug: hit?.slug, known: hit?.known, code: hit?.code });

describe('section ranking over the corpus', () => {
  test('the corpus has at least 60 queries and covers all 13 sections', () => {
    assert.ok(corpus.length >= 60);
    assert.equal(new Set(corpus.flatMap((q) => q.expect.slice(0, 1))).size, 13);
  });

  test('puts the right section first for 97% of errors and 93% of described symptoms, and in the top 3 for 99% of all', async () => {
    const by = new Map<string, { n: number; first: number }>();
    let top3 = 0;
    const outside: string[] = [];
    for (const q of corpus) {
      const slugs = (await ranked(q.query, q.kind === 'symptom-zh' ? 'zh' : 'en')).map((h) => h.slug);
      const rank = slugs.findIndex((s) => q.expect.includes(s));
      const kind = q.kind === 'error' || q.kind === 'paste' ? 'errors' : 'described';
      const k = by.get(kind) ?? { n: 0, first: 0 };
      k.n++;
      if (rank === 0) k.first++;
      by.set(kind, k);
      if (rank >= 0 && rank < 3) top3++;
      else outside.push(`${q.id}: ${slugs.slice(0, 3).join(', ')}`);
    }
    const share = (kind: string) => (by.get(kind)?.first ?? 0) / (by.get(kind)?.n ?? 1);
    console.log(`rankQuery: errors rank 1 ${(100 * share('errors')).toFixed(1)}%, described ${(100 * share('described')).toFixed(1)}%, top 3 ${String(top3)}/${String(corpus.length)}`);
    assert.ok(share('errors') >= 0.97, `errors first for ${(100 * share('errors')).toFixed(1)}%`);
    assert.ok(share('described') >= 0.93, `described symptoms first for ${(100 * share('described')).toFixed(1)}%`);
    assert.ok(top3 / corpus.length >= 0.99, `top 3 for ${String(top3)} of ${String(corpus.length)}; outside: ${outside.join('; ')}`);
  });

  test('an English error finds the same section as on the other language (signatures are shared)', async () => {
    const [hit] = await ranked("redis.exceptions.OutOfMemoryError: OOM command not allowed when used memory > 'maxmemory'.", 'zh');
    assert.equal(hit?.slug, 'redis-out-of-memory');
    assert.equal(hit?.known, true);
    assert.equal(hit?.title, 'Redis内存不足', 'titled in the page language');
  });

  test('a known error with a code comes with its likely cause and fix, in the page language', async () => {
    const [hit] = await ranked('FATAL:  sorry, too many clients already', 'zh');
    assert.equal(hit?.slug, 'db-pool-exhausted');
    assert.equal(hit?.code, 'postgres-too-many-clients');
    assert.match(hit?.answer?.cause.zh ?? '', /连接池/);
    assert.equal(hit?.answer?.fix.en, 'problem-2-pool-too-small');
    const [described] = await ranked('连接池满了');
    assert.equal(described?.answer, undefined, 'a described symptom is no known error');
  });

  test('a signature of one or two words counts only as written: its words in a row, its numbers included', async () => {
    // `-- No entries --` (journalctl) must not match "top entry"; `Exited (137)` must not match `Exited (1)`.
    const described = await ranked('pg_stat_statements top entry mean_exec_time 1800ms');
    assert.ok(!described.some((h) => h.matched === '-- No entries --'), described.map((h) => h.matched ?? h.slug).join(', '));
    const [exited] = await ranked('a1b2c3d4e5f6   arya-api:latest   "uvicorn app.main:app"   Exited (1) 3 seconds ago');
    assert.equal(exited?.slug, 'container-exits-on-start');
    assert.equal(exited?.matched, 'Exited (<int>)');
    // `exited with code <int>`: the placeholder stands for any one word, and only that phrase counts.
    const [compose] = await ranked('api-1 exited with code 1');
    assert.equal(compose?.matched, 'exited with code <int>');
    const systemd = await ranked('arya-worker.service: Main process exited, code=killed, status=9/KILL');
    assert.ok(!systemd.some((h) => h.matched === 'exited with code <int>'), systemd.map((h) => h.matched ?? h.slug).join(', '));
    // `<int>` stands for a number, not any word: a worker's "ffmpeg exited with status 1" is no container's `Exited (<int>)`.
    const ffmpeg = await ranked('ERROR task 0e6b71d2 failed at stage=compose: ffmpeg exited with status 1');
    assert.ok(!ffmpeg.some((h) => h.matched === 'Exited (<int>)'), ffmpeg.map((h) => h.matched ?? h.slug).join(', '));
  });

  test('a description of a job or a request is the running application: a startup-only error stands aside', async () => {
    assert.equal((await ranked('some video jobs fail with KeyError on the input json'))[0]?.slug, 'task-processing-failed');
    assert.equal((await ranked('the app dies at startup with KeyError DATABASE_URL'))[0]?.slug, 'app-fails-to-start');
  });

  test("SQLAlchemy's pool timeout is known from the tail of its message, and another tool's 'Connection timed out' is not it", async () => {
    assert.deepEqual(pick((await ranked('requests under load fail with connection timed out, timeout 30.00'))[0]), { slug: 'db-pool-exhausted', known: true, code: 'db-pool-timeout' });
    for (const line of ['httpx.ConnectTimeout: [Errno 110] Connection timed out', 'upstream timed out (110: Connection timed out) while reading response header from upstream']) {
      assert.ok(!(await ranked(line)).some((h) => h.code === 'db-pool-timeout'), line);
    }
  });

  test("Docker's exec error is known from its own words, without the OCI runtime prefix a newer daemon or `docker logs` leaves out", async () => {
    for (const line of ['exec: "uvicorn": executable file not found in $PATH', 'docker logs: exec: "uvicorn": executable file not found in $PATH: unknown']) {
      assert.deepEqual(pick((await ranked(line))[0]), { slug: 'container-exits-on-start', known: true, code: 'executable-not-found' }, line);
    }
  });

  test('a description is read before normalising too: a duration, a size or a port says what it is about', async () => {
    // Normalising turns `45s` into a placeholder; "takes 45s" is the startup being slow, not failing.
    assert.equal((await ranked('the api takes 45s to come up'))[0]?.slug, 'slow-startup');
    assert.equal((await ranked('the service needs 2 min to come up'))[0]?.slug, 'slow-startup');
    assert.equal((await ranked('connection refused on port 6379'))[0]?.slug, 'redis-connection-failed');
  });

  test('a Latin word next to Chinese characters is a word of its own for the concept lexicon', async () => {
    assert.equal((await ranked('redis老是连接超时', 'zh'))[0]?.slug, 'redis-connection-failed');
  });

  test('a printed message counts for more than the generic exception class it was raised as', () => {
    // OperationalError wraps every database error (1.1 lists it for a refused connection); the message says which.
    const matches = matchSignatures(prepareQuery('sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "127.0.0.1", port 5432 failed: FATAL:  sorry, too many clients already'), model);
    const [first, second] = matches.map((m) => `${model.section(m.s)?.slug ?? '?'}: ${m.doc.text}`);
    assert.equal(first, 'db-pool-exhausted: FATAL:  sorry, too many clients already');
    assert.equal(second, 'app-fails-to-start: sqlalchemy.exc.OperationalError');
    // Nor does the class alone make 1.1 a known error: a Celery worker's log of the same failure,
    // frames and all, is 2.1's error, even though 1.1's text names OperationalError more often.
    const celery = [
      "[2024-07-03 21:44:09,317: ERROR/ForkPoolWorker-3] Task app.tasks.render.update_progress[5e8a0c7b] raised unexpected: OperationalError('(psycopg2.OperationalError) connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  sorry, too many clients already')",
      'Traceback (most recent call last):',
      '  File "/usr/local/lib/python3.11/site-packages/sqlalchemy/pool/impl.py", line 167, in _do_get',
      '    return self._create_connection()',
      'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "127.0.0.1", port 5432 failed: FATAL:  sorry, too many clients already',
    ].join('\n');
    const byClass = matchSignatures(prepareQuery(celery), model).find((m) => model.section(m.s)?.slug === 'app-fails-to-start');
    assert.equal(byClass?.known, false, 'the exception class beside a printed message is no known error');
    const [top] = rankSections(prepareQuery(celery), model);
    assert.equal(top?.known, true);
    assert.equal(model.section(top?.s ?? -1)?.slug, 'db-pool-exhausted');
  });

  test('a builtin exception class alone is a match, not a known error', async () => {
    // 1.1 lists KeyError for a missing setting; a task that misses a key in its payload raises it too.
    const task = [
      '2024-10-21 12:03:17,551 INFO  [task_processor] picked task 5b1d0e93 (type=video_generation, user=u_42)',
      '2024-10-21 12:03:17,553 INFO  [task_processor] 5b1d0e93 step 1/4 script_generation',
      "2024-10-21 12:03:24,902 ERROR [task_processor] 5b1d0e93 step script_generation failed: 'scenes'",
      'Traceback (most recent call last):',
      '  File "/app/app/agents/script_agent.py", line 52, in run',
      '    scenes = payload["scenes"]',
      "KeyError: 'scenes'",
      '2024-10-21 12:03:24,905 INFO  [task_processor] 5b1d0e93 status RUNNING -> FAILED',
    ].join('\n');
    const hits = await ranked(task);
    assert.ok(!hits.some((h) => h.known && h.matched === 'KeyError'), hits.map((h) => `${h.slug}${h.known ? ' (known)' : ''}`).join(', '));
    // The worker picked a task: a running application, where 1.1's startup-only KeyError counts for half.
    assert.equal(prepareQuery(task).phase, 'running');
    assert.equal(hits[0]?.slug, 'task-processing-failed');
    // The missing setting still finds 1.1 first, through its words.
    assert.equal((await ranked("KeyError: 'DATABASE_URL'"))[0]?.slug, 'app-fails-to-start');
  });

  test('a printed line is found in one line of the query, its words in its order', () => {
    const matched = (q: string) => matchSignatures(prepareQuery(q), model).flatMap((m) => (m.known ? [m.doc.text] : []));
    // wrk's summary holds socket, read and timeout, in another order: not redis-py's read timeout.
    const wrk = ['Requests/sec:     43.63', '  Socket errors: connect 0, read 0, write 0, timeout 417', 'Transfer/sec:     61.64MB'].join('\n');
    assert.ok(!matched(wrk).includes('Timeout reading from socket'), matched(wrk).join(', '));
    assert.ok(matched('ERROR cache read failed: Timeout reading from socket').includes('Timeout reading from socket'));
    // redis-py's traceback of a refused connection: redis-cli's `Could not connect to Redis at …:
    // Connection refused` has its words, but over two lines.
    const traceback = [
      'Traceback (most recent call last):',
      '  File "/usr/local/lib/python3.11/site-packages/redis/connection.py", line 665, in _connect',
      '    sock.connect(socket_address)',
      'ConnectionRefusedError: [Errno 111] Connection refused',
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'redis.exceptions.ConnectionError: Error 111 connecting to 127.0.0.1:6380. Connection refused.',
    ].join('\n');
    assert.ok(!matched(traceback).includes('Could not connect to Redis at <host>:<port>: Connection refused'), matched(traceback).join(', '));
    assert.ok(matched(traceback).includes('Error <int> connecting to <host>:<port>. Connection refused.'), matched(traceback).join(', '));
  });

  test('a printed line of three words or fewer is a known error only with every word', () => {
    const matched = (q: string) => matchSignatures(prepareQuery(q), model).flatMap((m) => (m.known ? [m.doc.text] : []));
    // `agent` (of the database's name, in psql's prompt) and `calls` on one line: two of `Agent
    // call failed: <str>`'s three words, and by idf most of its weight.
    const psql = [
      'arya_video_agent=# SELECT calls, mean_exec_time FROM pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 3;',
      ' calls | mean_exec_time',
      '-------+----------------',
      '   120 |         2210.4',
    ].join('\n');
    assert.ok(!matched(psql).includes('Agent call failed: <str>'), matched(psql).join(', '));
    assert.ok(matched('ERROR [task_processor] Agent call failed: upstream returned 502').includes('Agent call failed: <str>'));
  });

  test('a signature is read as the line it stands for: its slots filled as a tool prints them, then normalised like a query', async () => {
    // `UID:<int>` and `total-vm:<int>kB` are, in a real line, `UID:999` and `total-vm:7913480kB`,
    // which normalising turns into placeholders; read as written, the template kept words no pasted
    // line has left, and the kernel's OOM line alone was not a known error.
    const [hit] = await ranked('Out of memory: Killed process 4242 (gunicorn) total-vm:7913480kB, anon-rss:7602112kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:15148kB oom_score_adj:0');
    assert.deepEqual([hit?.slug, hit?.known, hit?.code], ['memory-leak', true, 'oom-killed']);
    const doc = index.docs.find((d) => d.text.startsWith('Out of memory: Killed process <int> (<str>)'));
    assert.deepEqual(doc?.t, [...new Set(tokenize(normalizeLine('Out of memory: Killed process 4242 (x) total-vm:1kB, anon-rss:1kB, file-rss:1kB, shmem-rss:1kB, UID:1 pgtables:1kB oom_score_adj:1')))]);
    assert.ok(!doc.t.includes('kb') && !doc.t.includes('uid'));
  });

  test('of two signatures matching the same line, the more specific one wins', async () => {
    // 7.1 lists the kernel's OOM kill of any process (`Killed process <int> (<str>)`); 3.2 lists it
    // for redis-server. A dmesg of Redis being killed is Redis's memory first, the app's second.
    const dmesg = [
      '[Sat Feb 10 04:12:55 2024] redis-server invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0',
      '[Sat Feb 10 04:12:55 2024] Out of memory: Killed process 2117 (redis-server) total-vm:7913480kB, anon-rss:7602112kB, file-rss:0kB, shmem-rss:0kB, UID:999 pgtables:15148kB oom_score_adj:0',
    ].join('\n');
    assert.deepEqual((await ranked(dmesg)).slice(0, 2).map((h) => [h.slug, h.code]), [
      ['redis-out-of-memory', 'redis-oom-killed'],
      ['memory-leak', 'oom-killed'],
    ]);
    // By the signatures alone, not only with the text's help: the generic one counts for half.
    const score = (slug: string) => matchSignatures(prepareQuery(dmesg), model).find((m) => model.section(m.s)?.slug === slug)?.score ?? 0;
    assert.ok(score('memory-leak') <= 0.6 * score('redis-out-of-memory'), `${String(score('memory-leak'))} beside ${String(score('redis-out-of-memory'))}`);
    // The same line for the app's own worker stays with 7.1.
    const [worker] = await ranked(dmesg.replaceAll('redis-server', 'gunicorn'));
    assert.equal(worker?.slug, 'memory-leak');
  });

  test('an error a section covers only at startup goes to that section at startup, and to the run-time section in a request or a task', async () => {
    // 1.1 lists Redis refusing connections for a boot (`when: startup`); 3.1 lists it at any time.
    const frames = (...f: string[]) => f.map((x) => `  File "/app/.venv/lib/python3.11/site-packages/${x}`);
    const error = 'redis.exceptions.ConnectionError: Error 111 connecting to redis:6379. Connection refused.';
    const boot = ['INFO:     Waiting for application startup.', 'ERROR:    Traceback (most recent call last):', ...frames('starlette/routing.py", line 677, in lifespan'), '  File "/app/app/main.py", line 21, in lifespan', error, 'ERROR:    Application startup failed. Exiting.'];
    const request = ['ERROR:    Exception in ASGI application', 'Traceback (most recent call last):', ...frames('fastapi/routing.py", line 278, in app', 'redis/asyncio/client.py", line 601, in execute_command'), error];
    const top = async (lines: string[]) => (await ranked(lines.join('\n')))[0];
    assert.deepEqual(Object.values(pick(await top(boot))).slice(0, 2), ['app-fails-to-start', true]);
    assert.deepEqual(Object.values(pick(await top(request))), ['redis-connection-failed', true, 'redis-connection-refused']);
    // A startup-only signature in a running application counts for half and is never the known error.
    const startupOnly = matchSignatures(prepareQuery(request.join('\n')), model).find((m) => model.section(m.s)?.slug === 'app-fails-to-start');
    assert.equal(startupOnly?.known, false);
    // Healthy startup lines (1.2's markers of a slow start) are not the problem of an app that went on serving requests.
    const served = [
      '$ docker compose logs --tail 6 api',
      'api-1  | INFO:     Started server process [1]',
      'api-1  | INFO:     Waiting for application startup.',
      'api-1  | INFO:     Application startup complete.',
      'api-1  | INFO:     127.0.0.1:41220 - "POST /api/v1/tasks HTTP/1.1" 201 Created',
      'api-1  | INFO:     127.0.0.1:41236 - "GET /api/v1/tasks/42 HTTP/1.1" 200 OK',
      "only uvicorn's access lines, none of our logger.info calls show up",
    ].join('\n');
    const slow = matchSignatures(prepareQuery(served), model).find((m) => model.section(m.s)?.slug === 'slow-startup');
    assert.equal(slow?.known, false);
    assert.equal((await top([served]))?.slug, 'no-log-output');
  });

  test('a section that narrows another to a setting (10.1 is 1.1 in a container) weighs less without the setting\'s words, and the other one less with them', async () => {
    assert.ok(index.narrows.some((n) => JSON.stringify(n.slice(0, 3)) === JSON.stringify([at('container-exits-on-start'), at('app-fails-to-start'), '~container'])), JSON.stringify(index.narrows));
    const ratio = (q: string, m: typeof model) => {
      const hits = rankSections(prepareQuery(q), m, 13);
      const score = (slug: string) => hits.find((h) => h.s === at(slug))?.score ?? 0;
      return score('container-exits-on-start') / score('app-fails-to-start');
    };
    const without = { ...model, narrows: [] };
    const plain = '一启动就退出，什么都没干';
    const inContainer = '容器一启动就退出，什么都没干';
    assert.ok(ratio(plain, model) < ratio(plain, without), 'no container word: 10.1 weighs less against 1.1');
    assert.ok(ratio(inContainer, model) > ratio(inContainer, without), 'a container word: 1.1 weighs less against 10.1');
    // A setting the reader denies is not theirs.
    for (const denied of ['the app exits at once (no docker, plain venv)', 'exits at once when run outside of docker', '一启动就退出，没在容器里跑']) {
      assert.ok(ratio(denied, model) < ratio(denied, without), `${denied}: 10.1 weighs less against 1.1`);
    }
    // 3.1 is the Redis page of what 1.1 lists among its causes (Redis refusing connections).
    const redis = 'every call to redis gets connection refused';
    const redisRatio = (m: typeof model) => {
      const hits = rankSections(prepareQuery(redis), m, 13);
      return (hits.find((h) => h.s === at('redis-connection-failed'))?.score ?? 0) / (hits.find((h) => h.s === at('app-fails-to-start'))?.score ?? 1);
    };
    assert.ok(redisRatio(model) > redisRatio(without), 'a Redis word: 1.1 weighs less against 3.1');
    assert.equal((await ranked(plain, 'zh'))[0]?.slug, 'app-fails-to-start');
    assert.equal((await ranked(inContainer, 'zh'))[0]?.slug, 'container-exits-on-start');
  });

  test('a narrowing section\'s phrase that says nothing the other section\'s phrases do not counts for less outside the setting', () => {
    const phrase = (text: string) => index.docs.find((d) => d.s === at('container-exits-on-start') && d.kind === 'symptom' && d.text === text);
    // "Exits seconds after launch" is 1.1's problem as much as 10.1's; a restart loop is a container's.
    assert.equal(phrase('status exited seconds or so after launch')?.wide, 1);
    assert.equal(phrase('docker restart loop')?.wide, undefined);
    assert.ok(index.docs.every((d) => d.wide === undefined || index.narrows.some(([narrow]) => narrow === d.s)), 'only narrowing sections have such phrases');
    const plainModel = modelFromIndex({ ...index, docs: index.docs.map(({ wide: _, ...d }) => d) });
    const ratio = (q: string, m: typeof model) => {
      const hits = rankSections(prepareQuery(q), m, 13);
      const score = (slug: string) => hits.find((h) => h.s === at(slug))?.score ?? 0;
      return score('container-exits-on-start') / score('app-fails-to-start');
    };
    for (const q of ['the service dies right after launch', '服务刚拉起就退出']) assert.ok(ratio(q, model) < ratio(q, plainModel), q);
    for (const q of ['the container dies right after launch', '容器刚拉起就退出']) assert.equal(ratio(q, model), ratio(q, plainModel), q);
  });

  test('a snake_case name names its setting (REDIS_URL: Redis) for a narrowing', () => {
    const ratio = (q: string, m: typeof model) => {
      const hits = rankSections(prepareQuery(q), m, 13);
      return (hits.find((h) => h.s === at('redis-connection-failed'))?.score ?? 0) / (hits.find((h) => h.s === at('app-fails-to-start'))?.score ?? 1);
    };
    const q = 'REDIS_URL points at the wrong host, every call errors';
    assert.ok(ratio(q, model) > ratio(q, { ...model, narrows: [] }), '1.1 weighs less against 3.1');
  });

  test('a line printed after the real error (`wraps`) is the known error only when the paste shows no other', async () => {
    const lifespan = [
      'INFO:     Started server process [7]',
      'INFO:     Waiting for application startup.',
      'ERROR:    Traceback (most recent call last):',
      '  File "/app/app/main.py", line 19, in lifespan',
      '    await init_db()',
      "ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 5432)",
      '',
      'ERROR:    Application startup failed. Exiting.',
    ].join('\n');
    assert.deepEqual(pick((await ranked(lifespan))[0]), { slug: 'app-fails-to-start', known: true, code: 'db-connection-refused' });
    const alone = ['INFO:     Waiting for application startup.', 'ERROR:    Application startup failed. Exiting.'].join('\n');
    assert.deepEqual(pick((await ranked(alone))[0]), { slug: 'app-fails-to-start', known: true, code: 'app-startup-failed' });
  });

  test('an error a narrowing section lists as the same line as the other section is the narrowing section\'s in its setting', async () => {
    // The database refusing connections at startup: in compose, the api started before it (10.1).
    const traceback = [
      'INFO:     Waiting for application startup.',
      'ERROR:    Traceback (most recent call last):',
      '  File "/app/app/main.py", line 22, in lifespan',
      '    await database.connect()',
      'psycopg.OperationalError: connection failed: connection to server at "postgres", port 5432 failed: Connection refused',
      '\tIs the server running on that host and accepting TCP/IP connections?',
      'ERROR:    Application startup failed. Exiting.',
    ];
    const compose = ['$ docker compose up', 'Attaching to api-1, postgres-1', ...traceback.map((l) => `api-1       | ${l}`), 'api-1 exited with code 3', 'postgres-1  | LOG:  database system is ready to accept connections'].join('\n');
    assert.deepEqual(pick((await ranked(compose))[0]), { slug: 'container-exits-on-start', known: true, code: 'postgres-starting-up' });
    assert.deepEqual(pick((await ranked(traceback.join('\n')))[0]), { slug: 'app-fails-to-start', known: true, code: 'db-connection-refused' });
    const line = 'connection to server at "<host>", port <port> failed: Connection refused';
    const docs = index.docs.filter((d) => d.text === line);
    assert.deepEqual(docs.map((d) => [index.sections[d.s]?.slug, d.wide, d.narrowed]).sort(), [
      ['app-fails-to-start', undefined, [at('container-exits-on-start')]],
      ['container-exits-on-start', 1, undefined],
    ]);
  });

  test("in a description that names the setting, the narrowed section's phrases that say nothing the narrowing section's do not count a quarter", () => {
    // 7.1's "内存一直涨" names memory growing; 3.2's phrases name that and Redis.
    const phrase = index.docs.find((d) => d.s === at('memory-leak') && d.text === '内存一直涨');
    assert.deepEqual(phrase?.within, [at('redis-out-of-memory')]);
    const first = (q: string) => index.sections[rankSections(prepareQuery(q), model)[0]?.s ?? -1]?.slug;
    assert.equal(first('redis 内存一直涨到顶'), 'redis-out-of-memory');
    assert.equal(first('服务内存一直涨到顶'), 'memory-leak');
    const without = modelFromIndex({ ...index, docs: index.docs.map(({ within: _, ...d }) => d) });
    assert.equal(index.sections[rankSections(prepareQuery('redis 内存一直涨到顶'), without)[0]?.s ?? -1]?.slug, 'memory-leak');
  });

  test('a narrowing does not apply to a description in its setting that names one of its unless concepts (localhost inside a container is 1.1\'s)', () => {
    assert.deepEqual(index.narrows.find(([n]) => n === at('container-exits-on-start')), [at('container-exits-on-start'), at('app-fails-to-start'), '~container', ['~localhost']]);
    const q = 'under docker compose the api cannot reach postgres at localhost:5432 and exits';
    const first = (m: typeof model) => index.sections[rankSections(prepareQuery(q), m)[0]?.s ?? -1]?.slug;
    assert.equal(first(model), 'app-fails-to-start');
    const without = modelFromIndex({ ...index, narrows: index.narrows.map(([a, b, c]) => [a, b, c]) });
    assert.equal(first(without), 'container-exits-on-start');
  });

  test("gunicorn's SIGKILL line after a WORKER TIMEOUT is the timeout's; the timeout is 1.2's while the app starts and 4.1's while it serves", async () => {
    const ts = (s: number) => `[2024-06-02 14:10:${String(s).padStart(2, '0')} +0000]`;
    const kill = [`${ts(34)} [1] [CRITICAL] WORKER TIMEOUT (pid:8)`, `${ts(35)} [1] [ERROR] Worker (pid:8) was sent SIGKILL! Perhaps out of memory?`];
    const booting = [`${ts(3)} [1] [INFO] Starting gunicorn 22.0.0`, `${ts(3)} [8] [INFO] Booting worker with pid: 8`, `${ts(5)} [8] [INFO] Waiting for application startup.`, ...kill];
    assert.deepEqual(pick((await ranked(booting.join('\n')))[0]), { slug: 'slow-startup', known: true, code: 'gunicorn-boot-timeout' });
    const serving = [`${ts(5)} [8] [INFO] Application startup complete.`, `${ts(9)} [8] [INFO] 127.0.0.1:51234 - "POST /api/v1/tasks HTTP/1.1" 200`, ...kill];
    assert.deepEqual(pick((await ranked(serving.join('\n')))[0]), { slug: 'slow-api-responses', known: true, code: 'gunicorn-worker-timeout' });
    // gunicorn boots a replacement after each kill: a worker booting is no sign the application is starting.
    const loop = [...serving, `${ts(36)} [1] [INFO] Booting worker with pid: 19`, `${ts(59)} [1] [CRITICAL] WORKER TIMEOUT (pid:19)`];
    assert.deepEqual(pick((await ranked(loop.join('\n')))[0]), { slug: 'slow-api-responses', known: true, code: 'gunicorn-worker-timeout' });
    // Alone, the SIGKILL line is the kernel's OOM kill the guide of 7.1 explains.
    assert.deepEqual(pick((await ranked(kill[1] ?? ''))[0]), { slug: 'memory-leak', known: true, code: 'gunicorn-worker-sigkill' });
  });

  test("asyncio's ResourceWarning for an unclosed transport is 7.1's client created per request", async () => {
    const warning = [
      '/usr/local/lib/python3.11/asyncio/selector_events.py:864: ResourceWarning: unclosed transport <_SelectorSocketTransport fd=17 read=idle write=<idle, bufsize=0>>',
      '  _warn(f"unclosed transport {self!r}", ResourceWarning, source=self)',
    ].join('\n');
    assert.deepEqual(pick((await ranked(warning))[0]), { slug: 'memory-leak', known: true, code: 'unclosed-client' });
  });

  test('a lock timeout is 1.2\'s while the app starts (a migration waits) and 2.2\'s in a running service', async () => {
    const error = 'asyncpg.exceptions.LockNotAvailableError: canceling statement due to lock timeout';
    const migrating = ['INFO:     Waiting for application startup.', 'INFO  [alembic.runtime.migration] Running upgrade 3f1a -> 9c2e, add priority', error];
    assert.deepEqual(pick((await ranked(migrating.join('\n')))[0]), { slug: 'slow-startup', known: true, code: 'migration-lock-timeout' });
    const serving = ['INFO:     127.0.0.1:51234 - "POST /api/v1/tasks/5b0e/render HTTP/1.1" 500', 'Traceback (most recent call last):', '  File "/app/app/services/task_service.py", line 142, in mark_rendering', error];
    assert.deepEqual(pick((await ranked(serving.join('\n')))[0]), { slug: 'slow-queries', known: true, code: 'lock-timeout' });
  });

  test('an import error is 10.1\'s in a container (a bind mount can hide the image\'s packages) and 1.1\'s elsewhere', async () => {
    const traceback = ['Traceback (most recent call last):', '  File "/app/app/main.py", line 3, in <module>', '    from tenacity import retry', "ModuleNotFoundError: No module named 'tenacity'"];
    const compose = ['$ docker compose up api', ...traceback.map((l) => `api-1  | ${l}`)];
    assert.deepEqual(pick((await ranked(compose.join('\n')))[0]), { slug: 'container-exits-on-start', known: true, code: 'container-module-not-found' });
    // With compose's exit line the card is the exit's (both errors are whole); the section stays 10.1.
    assert.equal((await ranked([...compose, 'api-1 exited with code 1'].join('\n')))[0]?.slug, 'container-exits-on-start');
    assert.deepEqual(pick((await ranked(traceback.join('\n')))[0]), { slug: 'app-fails-to-start', known: true, code: 'python-import-error' });
    // A class named in a description is no whole error (no card), but it finds the section.
    assert.equal((await ranked('container exits at once with ModuleNotFoundError, the same image runs fine with docker run'))[0]?.slug, 'container-exits-on-start');
  });

  test('a title names its section by its concepts, even by one ("High CPU usage": cpu)', () => {
    const title = index.docs.find((d) => d.s === at('high-cpu') && d.kind === 'concept' && d.text === 'High CPU usage');
    assert.deepEqual(title?.t, ['~cpu']);
    const q = 'cpu 告警一下午没停';
    assert.ok(matchSignatures(prepareQuery(q), model).some((m) => m.s === at('high-cpu') && m.doc.kind === 'concept'));
    const withoutLone = modelFromIndex({ ...index, docs: index.docs.filter((d) => !(d.kind === 'concept' && d.t.length === 1)) });
    const rankOf = (m: typeof model) => rankSections(prepareQuery(q), m, 13).findIndex((h) => h.s === at('high-cpu'));
    assert.ok(rankOf(model) < rankOf(withoutLone), `${String(rankOf(model))} < ${String(rankOf(withoutLone))}`);
    // One common concept is little evidence: as the only signature match of a description it adds
    // less than a full match's share (0.7 of the best text score) to its section.
    const prepared = prepareQuery(q);
    assert.deepEqual([...new Set(matchSignatures(prepared, model).map((m) => m.s))], [at('high-cpu')]);
    const text = matchText(prepared, model);
    const fromText = (text.find((h) => h.s === at('high-cpu'))?.score ?? 0) / (text[0]?.score ?? 1);
    const fused = rankSections(prepared, model, 13).find((h) => h.s === at('high-cpu'))?.score ?? 0;
    assert.ok(fused - fromText > 0 && fused - fromText < 0.7 - 1e-9, String(fused - fromText));
  });

  test('a description that names no start, restart or crash weighs the startup chapter\'s sections less', () => {
    assert.deepEqual([...index.startup].sort(), [at('app-fails-to-start'), at('slow-startup')].sort());
    const score = (q: string, m: typeof model, slug: string) => rankSections(prepareQuery(q), m, 13).find((h) => h.s === at(slug))?.score ?? 0;
    const without = { ...model, startup: [] };
    const running = 'the backend cannot reach redis since we changed its port';
    assert.ok(score(running, model, 'app-fails-to-start') < score(running, without, 'app-fails-to-start'));
    assert.equal(score(running, model, 'redis-connection-failed'), score(running, without, 'redis-connection-failed'));
    for (const starting of ['at startup the backend cannot reach redis', 'the backend crashes because it cannot reach redis']) {
      assert.equal(score(starting, model, 'app-fails-to-start'), score(starting, without, 'app-fails-to-start'), starting);
    }
  });

  /** Every section's score for a query, to six places: a query that reads the same ranks the same. */
  const scores = (q: string) => rankSections(prepareQuery(q), model, 13).map((h) => `${String(h.s)}:${h.score.toFixed(6)}`);

  test('a failure or slowness the reader denies (no errors, nothing fails, not slow, 没报错) adds nothing to the query', () => {
    for (const [plain, denied] of [
      ['boot is slow', 'boot is slow, nothing fails'],
      ['boot is slow', 'boot is slow, no errors'],
      ['the app is dead on launch', 'the app is dead on launch, not slow'],
      ['the process terminates on startup', 'the process terminates on startup, not hanging'],
      ['responses take two seconds each', "responses take two seconds each and it doesn't crash"],
      ['启动很慢', '启动很慢，没报错'],
      ['接口要一秒多才返回', '接口要一秒多才返回，没有任何报错'],
    ] as const) {
      assert.deepEqual(scores(denied), scores(plain), denied);
    }
    // A missing message is not a denied failure: the failure itself is still named.
    const named = queryTokens(prepareQuery('the render task failed, no useful error message'));
    assert.ok(named.includes('~fail') && named.includes('fail'), named.join(' '));
  });

  test('a part of the system the reader rules out (cpu is normal, db and redis look fine, 数据库没问题) adds nothing to the query', () => {
    for (const [plain, ruledOut] of [
      ['responses are slow', 'responses are slow, cpu is normal'],
      ['responses are slow', 'cpu normal, memory normal, responses are slow'],
      ['memory keeps growing', 'memory keeps growing, our postgres and redis look fine'],
      ['memory keeps growing', 'memory keeps growing, redis memory is stable'],
      ['接口很慢', '接口很慢，CPU 正常'],
      ['任务一直失败', '任务一直失败，数据库和 redis 都没问题'],
      ['worker 进程一直百分之百', 'worker 进程一直百分之百，队列其实是空的'],
      ['worker CPU 一直 100%', 'worker CPU 一直 100%，队列明明是空的'],
      ['the worker sits at 100% cpu', 'the worker sits at 100% cpu and the queue is empty'],
      ['the liveness probe fails under load', "the liveness probe fails under load, but cpu isn't maxed"],
      ['存活探针超时被重启', '存活探针超时被重启，CPU 也没打满'],
      ['the api is slow, where does the time go?', 'the api is slow but db queries look fast, where does the time go?'],
    ] as const) {
      assert.deepEqual(scores(ruledOut), scores(plain), ruledOut);
    }
    // A state that is no verdict stays a word: "before postgres (is) healthy" in compose names the database.
    assert.ok(queryTokens(prepareQuery('api boots before postgres healthy in compose, crashes')).includes('~db'));
  });

  test('in a multi-line paste, a weak match of a reader\'s phrase does not outweigh the text', async () => {
    // Timings of our own API. The concepts they name (a duration: slow; `connect`) half-match
    // phrases of 2.1 and 8.1 (出站请求很慢或连不上), which used to count as much as a whole error.
    const paste = [
      "$ for i in 1 2 3; do curl -s -o /dev/null -w 'code=%{http_code} connect=%{time_connect}s total=%{time_total}s\\n' http://127.0.0.1:8000/api/v1/tasks; done",
      'code=200 connect=0.000192s total=5.104417s',
      'code=200 connect=0.000177s total=4.977302s',
    ].join('\n');
    assert.equal((await ranked(paste))[0]?.slug, 'slow-api-responses');
  });

  test('a known error is named by the signature it matches most wholly, even when a phrase quoting it scores higher', async () => {
    // 3.1's one-line symptom quotes this error; the error itself is `Error <int> connecting to …`, not
    // `redis.exceptions.ConnectionError: Too many connections`, which shares the long class name.
    const [hit] = await ranked('redis.exceptions.ConnectionError: Error 111 connecting to redis.prod:6380. Connection refused.');
    assert.equal(hit?.slug, 'redis-connection-failed');
    assert.equal(hit?.known, true);
    assert.equal(hit?.code, 'redis-connection-refused');
  });

  test('Chinese symptom words find the section through its Chinese text', async () => {
    const [hit] = await ranked('容器一启动就退出');
    assert.equal(hit?.slug, 'container-exits-on-start');
  });

  test('a query loads the meta file, the shards of its tokens and the chunks of its best sections, nothing else', async () => {
    loaded.length = 0;
    const { query } = await rankQuery('redis.exceptions.ConnectionError: Error 111 connecting to redis:6379. Connection refused.', 'en', load);
    const meta = files.get('meta') as Parameters<typeof shardsFor>[1];
    const shards = shardsFor(queryTokens(query), meta).map((n) => `s-${String(n)}`);
    assert.deepEqual(loaded.filter((n) => n.startsWith('s-')).sort(), shards.sort());
    assert.ok(loaded.every((n) => n === 'meta' || n.startsWith('s-') || n.startsWith('m-')));
    assert.ok(shards.length < (meta.shards), 'fewer shards than the index has');
  });
});

describe('the sharded index', () => {
  const { meta, shards, chunks } = shardIndex(index);
  const chunkMap = new Map(chunks.map((c, i) => [i, c]));
  const whole = modelFromIndex(index);

  test('scores every corpus query as the whole index does (weights rounded), from only the shards of its tokens', () => {
    let fetched = 0;
    for (const q of corpus) {
      const prepared = prepareQuery(q.query);
      const ids = shardsFor(queryTokens(prepared), meta);
      fetched += ids.length;
      const sharded = modelFromShards(meta, ids.map((i) => shards[i] ?? { p: {}, d: [] }), chunkMap);
      // The same sections, each with the same score up to rounding (weights are rounded to three
      // decimals, which moves a score by up to about 0.05% of the best), and so in the same order
      // but for near ties. A section within that of the cut (30% of the best score) may fall on
      // either side of it by rounding alone: it need not be in the other list.
      const scores = (model: typeof whole) => new Map(rankSections(prepared, model, Infinity).map((h) => [`${model.section(h.s)?.slug ?? '?'}${h.known ? ' (known)' : ''}`, h.score]));
      const [got, want] = [scores(sharded), scores(whole)];
      const best = Math.max(...want.values());
      const tolerance = 1e-3 * best;
      for (const [mine, theirs, name] of [[want, got, 'sharded'], [got, want, 'whole']] as const) {
        for (const [section, score] of mine) {
          if (score - 0.3 * best <= tolerance) continue;
          const other = theirs.get(section);
          assert.ok(other !== undefined && Math.abs(other - score) <= tolerance, `${q.id}: ${section} scores ${String(score)}, ${String(other)} in the ${name} index`);
        }
      }
    }
    console.log(`${String(meta.shards)} shards; a query fetches ${(fetched / corpus.length).toFixed(1)} on average`);
  });
});

describe('BM25 postings from packed bags', () => {
  // Three sections; `pool` in all three, with equal weight in sections 0 and 2.
  const bags = [{ pool: 2, redis: 1 }, { pool: 1, queue: 3 }, { pool: 2, redis: 1 }];
  const packed = packBags(bags);
  const avg = (3 + 4 + 3) / 3;

  test('numbers each token once, in order of first appearance, and keeps each bag as written', () => {
    assert.deepEqual(packed.tokens, ['pool', 'redis', 'queue']);
    assert.deepEqual(packed.ids.map((ids) => [...ids]), [[0, 1], [0, 2], [0, 1]]);
    assert.deepEqual(packed.tf.map((tf) => [...tf]), [[2, 1], [1, 3], [2, 1]]);
    assert.deepEqual(packed.lengths, [3, 4, 3]);
  });

  test('gives every section of a token, best first, equal weights in section order, and its df before the cap', () => {
    const postings = postingsOf(packed);
    assert.deepEqual([...postings.keys()], ['pool', 'redis', 'queue']);
    const pool = postings.get('pool');
    assert.equal(pool?.df, 3);
    assert.deepEqual(pool?.p.map(([s]) => s), [0, 2, 1]);
    assert.equal(pool?.p[0]?.[1], termWeight(2, 3, avg));
    const capped = postingsOf(packed, (w) => Math.round(w * 1000) / 1000, 2).get('pool');
    assert.equal(capped?.df, 3);
    assert.deepEqual(capped?.p.map(([s]) => s), [0, 2]);
    assert.equal(capped?.p[0]?.[1], Math.round(termWeight(2, 3, avg) * 1000) / 1000);
  });
});
