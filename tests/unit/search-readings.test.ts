/**
 * Reading diagnostic output the way an engineer reads it (src/lib/search/readings.ts): what stands
 * out in a table or a listing becomes a statement in readers' words, and output where nothing
 * stands out says nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { prepareQuery } from '../../src/lib/search/normalize.ts';
import { rankQuery } from '../../src/lib/search/query.ts';
import { readOutputs } from '../../src/lib/search/readings.ts';
import { indexFiles } from '../../src/lib/search/shards.ts';
import { signatureIndexFromGuides } from '../support/signature-index.ts';

const read = (text: string) => readOutputs(text.split('\n'));

describe('reading diagnostic output', () => {
  test('an `ls -l` listing with a 0-byte log file: the log file is empty; a file with content, or an empty file that is no log, says nothing', () => {
    const listing = (size: string, name: string) =>
      ['$ ls -la app/logs/', 'total 8', 'drwxr-xr-x 2 app  app  4096 Mar  1 09:12 .', 'drwxr-xr-x 9 app  app  4096 Mar  1 09:12 ..', `-rw-r--r-- 1 root root ${size} Mar  1 09:12 ${name}`].join('\n');
    assert.deepEqual(read(listing('0', 'app.log')), ['log file is empty']);
    assert.deepEqual(read(listing('0', 'worker.log.1')), ['log file is empty']);
    assert.deepEqual(read(listing('18231', 'app.log')), []);
    assert.deepEqual(read(listing('0', 'celerybeat.pid')), []);
    // GNU ls with --time-style=long-iso, behind a compose prefix.
    assert.deepEqual(read('api-1  | -rw-r--r-- 1 app app 0 2026-03-01 09:12 app.log'), ['log file is empty']);
  });

  test('a tool that cannot find a log path: the log file is missing; another missing path says nothing', () => {
    assert.deepEqual(read("ls: cannot access '/var/log/arya/': No such file or directory"), ['log file missing']);
    assert.deepEqual(read("tail: cannot open 'app/logs/app.log' for reading: No such file or directory"), ['log file missing']);
    assert.deepEqual(read("ls: cannot access '/app/.venv': No such file or directory"), []);
  });

  test('a log line count of 0: no log output', () => {
    assert.deepEqual(read(['$ docker logs --since 3h arya-worker-1 | wc -l', '0'].join('\n')), ['no log output']);
    assert.deepEqual(read(['$ docker logs --since 3h arya-worker-1 | wc -l', '1412'].join('\n')), []);
    assert.deepEqual(read(['$ grep -c ERROR report.txt | wc -l', '0'].join('\n')), []);
  });

  test('top, ps and docker stats: a process or container at 90% of a core or more, or a machine at 90%, is a pegged CPU', () => {
    const top = (cpu: string, summary = '12.1 us,  3.2 sy') =>
      [
        'top - 11:20:41 up 12 days,  3:02,  2 users,  load average: 7.84, 7.61, 6.95',
        `%Cpu(s): ${summary},  0.0 ni, 84.1 id,  0.0 wa,  0.0 hi,  0.6 si,  0.0 st`,
        'MiB Mem :  15987.2 total,   9120.4 free,   3311.8 used,   3555.0 buff/cache',
        '',
        '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
        `  18342 arya      20   0 1873412 402112  31244 R ${cpu}   2.5 612:04.11 python`,
        '    977 redis     20   0   61440  10228   4096 S   0.7   0.1   2:01.90 redis-server',
      ].join('\n');
    assert.deepEqual(read(top('398.7')), ['cpu pegged at 100%']);
    assert.deepEqual(read(top('12.0')), []);
    assert.deepEqual(read(top('12.0', '91.0 us,  3.2 sy')), ['cpu pegged at 100%']);
    // %MEM is not %CPU: a process holding most of the memory is not a pegged CPU.
    const ps = ['USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND', 'arya       18342  3.1 96.0 9873412 7402112 ?   Sl   09:12   1:02 python -m app.worker'].join('\n');
    assert.deepEqual(read(ps), []);
    const stats = (cpu: string) =>
      ['CONTAINER ID   NAME         CPU %     MEM USAGE / LIMIT     MEM %     NET I/O          BLOCK I/O   PIDS', `6be2f10c88a1   arya-api-1   ${cpu}   812MiB / 2GiB         39.65%    1.2MB / 880kB    0B / 0B     23`].join('\n');
    assert.deepEqual(read(stats('199.02%')), ['cpu pegged at 100%']);
    assert.deepEqual(read(stats('4.20%')), []);
  });

  test('py-spy: a process active in nearly every sample, or a thread caught running Python code, is a pegged CPU; waiting threads say nothing', () => {
    const top = (active: string) =>
      [
        "Collecting samples from 'python -m app.worker' (python v3.11.7)",
        `Total Samples 4100`,
        `GIL: 97.00%, Active: ${active}, Threads: 3`,
        '',
        '  %Own   %Time  TotalTime  Function (filename)',
        ' 92.00%  92.00%   37.72s    _check_status (app/workers/poller.py)',
      ].join('\n');
    assert.deepEqual(read(top('99.00%')), ['cpu pegged at 100%']);
    assert.deepEqual(read(top('4.00%')), []);
    const dump = (state: string) =>
      ['Process 3187: /app/.venv/bin/python -m app.workers.poller', 'Python v3.11.7 (/usr/local/bin/python3.11)', '', `Thread 3187 (${state}): "MainThread"`, '    _check_status (app/workers/poller.py:58)'].join('\n');
    assert.deepEqual(read(dump('active+gil')), ['cpu pegged at 100%']);
    assert.deepEqual(read(dump('idle')), []);
  });

  test('tracemalloc: a line of code whose allocations grew by a mebibyte or more between two snapshots is memory that keeps growing', () => {
    const diff = (delta: string) =>
      ['[ Top 2 differences ]', `/app/app/services/render.py:88: size=912 MiB (${delta}), count=412331 (+301224), average=2318 B`, '/usr/local/lib/python3.11/json/decoder.py:353: size=12.1 KiB (+0 B), count=140 (+0), average=88 B'].join('\n');
    assert.deepEqual(read(diff('+611 MiB')), ['memory keeps growing']);
    assert.deepEqual(read(diff('+2048 KiB')), ['memory keeps growing']);
    assert.deepEqual(read(diff('+12 KiB')), []);
  });

  test('the readings join the query: a listing of an empty log and a top of a busy process find their sections', async () => {
    const files = indexFiles(signatureIndexFromGuides());
    const load = (name: string) => Promise.resolve(files.get(name) as never);
    const emptyLog = [
      '$ curl -s localhost:8000/health',
      '{"status":"ok"}',
      '$ ls -la app/logs/',
      'total 8',
      'drwxr-xr-x 2 root root 4096 Mar  1 09:12 .',
      'drwxr-xr-x 9 app  app  4096 Mar  1 09:12 ..',
      '-rw-r--r-- 1 root root    0 Mar  1 09:12 app.log',
    ].join('\n');
    assert.deepEqual(prepareQuery(emptyLog).readings, ['log file is empty']);
    assert.equal((await rankQuery(emptyLog, 'en', load)).sections[0]?.slug, 'no-log-output');
    const busy = [
      'top - 14:02:31 up 12 days,  3:11,  1 user,  load average: 7.91, 7.64, 6.02',
      '%Cpu(s): 97.0 us,  2.1 sy,  0.0 ni,  0.9 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st',
      'MiB Mem :  15987.2 total,   8120.4 free,   4311.8 used,   3555.0 buff/cache',
      '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
      '   4412 arya      20   0 1873412 402112  31244 R 399.0   2.5 612:04.11 python',
      '   1021 postgres  20   0  220312  28120  25016 S   2.0   0.2   4:12.33 postgres',
    ].join('\n');
    assert.equal((await rankQuery(busy, 'en', load)).sections[0]?.slug, 'high-cpu');
  });
});
