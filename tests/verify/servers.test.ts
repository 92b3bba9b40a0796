/**
 * The guide's Redis and PostgreSQL diagnostics, run for real: a redis-server and a PostgreSQL
 * started here (loopback, free ports, temporary folders, stopped at the end) answer every
 * `redis-cli`, `psql` and Python Redis command of the guides and triage trees, as written but
 * pointed at these servers, and each must print what the guide tells the reader to look for.
 * Then the failures the guide is about are reproduced (OOM under `noeviction`, a refused
 * connection, PostgreSQL out of connection slots), and their real messages must be among the
 * guide's signatures. The result goes to src/data/verified.json for the "verified" badge.
 *
 * Needs the Debian packages redis-server, postgresql and python3-redis: installed when missing
 * and running as root (as CI does). Otherwise the tests skip and say why, except under CI=true,
 * where a check that cannot run fails.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { variableNamed } from '../../src/lib/variables/definitions.ts';
import { shellQuote } from '../../src/lib/variables/quote.ts';
import { matchingSignatures } from '../../src/lib/search/template.ts';
import { serializeVerified, serverVersion, type Verified } from '../../src/lib/guides/verified.ts';
import { freePort, ensurePostgres, ensureRedis, startPostgres, startRedis, type PostgresHandle, type RedisHandle } from '../support/servers.ts';
import { readGuides } from '../support/guide-files.ts';
import { guideCode, serverCommands, treeCode, type ServerCommand } from '../support/site-code.ts';
import { ensurePackage, failIfMissing, skipUnlessCI } from '../support/system-packages.ts';
import { DB, EXPECT, MAX_CONNECTIONS } from '../support/verify/server-expectations.ts';

const VERIFIED_FILE = 'src/data/verified.json';

// ------------------------------------------------------------------ the site's commands

const guideBlocks = guideCode();
const commands = serverCommands([...guideBlocks, ...treeCode()]);

// ------------------------------------------------------------------ running them

const variable = (name: string) => {
  const v = variableNamed(name);
  assert.ok(v, `no variable ${name} in src/lib/variables/definitions.ts`);
  return v;
};

/** The command as the guide writes it, pointed at the test servers through the variables' written forms. */
function pointAt(line: string, redisPort: number | undefined, pgPort: number | undefined): string {
  let out = line;
  if (redisPort !== undefined) {
    const url = variable('redis_url');
    out = out.replaceAll(url.written, url.written.replace(/:\d+$/, `:${String(redisPort)}`));
    out = out.replace(/(^|[|;&]\s*)redis-cli\b/g, `$1redis-cli -p ${String(redisPort)}`);
  }
  if (pgPort !== undefined) {
    const port = variable('db_port');
    out = out.replaceAll(`${port.after ?? ''}${port.written}`, `${port.after ?? ''}${String(pgPort)}`);
  }
  return out;
}

let pythonBin: string | undefined;
let pythonSkip: string | undefined;

/** A `python` that has redis-py, first on PATH, so the guide's `python -c` runs as written. */
function preparePython(): void {
  const candidates = ['python3', '/usr/bin/python3'];
  const has = (py: string) => spawnSync(py, ['-c', 'import redis'], { stdio: 'ignore' }).status === 0;
  let py = candidates.find(has);
  if (!py) {
    const failed = ensurePackage('python3-redis');
    py = has('/usr/bin/python3') ? '/usr/bin/python3' : undefined;
    if (!py) {
      pythonSkip = `no python with redis-py (Debian package python3-redis): ${failed ?? 'installed, still not importable'}`;
      return;
    }
  }
  const real = spawnSync(py, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
  pythonBin = mkdtempSync(join(tmpdir(), 'arya-verify-python-'));
  symlinkSync(real, join(pythonBin, 'python'));
  // The `python` the guide's commands will find must be that one: a failed lookup above (an empty
  // path) would leave another python first on PATH, and its missing redis-py would read as the guide's fault.
  const check = spawnSync('bash', ['-c', 'python -c "import redis, sys; print(sys.executable)"'], { encoding: 'utf8', env: { ...process.env, PATH: `${pythonBin}:${process.env['PATH'] ?? ''}` } });
  if (check.status !== 0) throw new Error(`the python prepared for the guide's commands (${real || '(no path)'} from ${py}) cannot import redis: ${check.stderr}`);
}

interface Run {
  command: string;
  output: string;
  status: number | null;
}

function run(command: string, extraEnv: Record<string, string> = {}): Run {
  const env = { ...process.env, ...extraEnv, PATH: `${pythonBin ? `${pythonBin}:` : ''}${process.env['PATH'] ?? ''}` };
  const r = spawnSync('bash', ['-c', command], { encoding: 'utf8', env, timeout: 60_000 });
  return { command, output: `${r.stdout}${r.stderr}`, status: r.status };
}

function assertLooks(r: Run, look: ReadonlyArray<RegExp>): void {
  for (const re of look) assert.match(r.output, re, `${r.command}\nprinted:\n${r.output}`);
}

// ------------------------------------------------------------------ the guides' signatures

const { guides: entries } = readGuides();
function signaturesOf(slug: string): Array<{ text: string }> {
  const both = entries.filter((e) => e.slug === slug);
  assert.equal(both.length, 2, `guide ${slug} in both languages`);
  const [zh, en] = both;
  assert.deepEqual(zh?.data.signatures.filter((s) => s.kind !== 'symptom'), en?.data.signatures.filter((s) => s.kind !== 'symptom'), `${slug}: the same error signatures in both languages`);
  return zh?.data.signatures.filter((s) => s.kind !== 'symptom') ?? [];
}

/** Asserts that `message` (a real line) is one of the guide's signatures; records it as reproduced. */
function assertSignature(slug: string, message: string, output: string): void {
  assert.ok(output.includes(message), `expected the real output to contain ${JSON.stringify(message)}; it was:\n${output}`);
  const matched = matchingSignatures(signaturesOf(slug), message);
  assert.ok(matched.length > 0, `${slug}: the real message ${JSON.stringify(message)} is not among the guide's signatures`);
  reproduced(slug, matched);
}

// ------------------------------------------------------------------ what was verified

const verified: Verified = { servers: {}, guides: {} };
const order = new Map<string, number>();
let failures = 0;

function verifiedCommand(c: ServerCommand): void {
  for (const [slug, position] of c.guides) {
    const g = (verified.guides[slug] ??= { commands: {}, reproduced: [] });
    (g.commands[c.server] ??= []).push(c.text);
    order.set(`${slug}\n${c.text}`, position);
  }
}
function reproduced(slug: string, texts: ReadonlyArray<string>): void {
  const g = (verified.guides[slug] ??= { commands: {}, reproduced: [] });
  g.reproduced.push(...texts);
}

/** Wraps a test body so that a failure keeps verified.json from being written. */
function counted(fn: () => void | Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await fn();
    } catch (error) {
      failures++;
      throw error;
    }
  };
}

const redisSkip = ensureRedis();
const postgresSkip = ensurePostgres();
if (!redisSkip) preparePython();

after(() => {
  if (pythonBin) rmSync(pythonBin, { recursive: true, force: true });
  if (redisSkip || postgresSkip || pythonSkip || failures > 0) {
    console.log(`# ${VERIFIED_FILE} not written: ${[redisSkip, postgresSkip, pythonSkip].filter(Boolean).join('; ') || `${String(failures)} test(s) failed`}`);
    return;
  }
  for (const g of Object.entries(verified.guides)) {
    const [slug, data] = g;
    for (const list of Object.values(data.commands)) list.sort((a, b) => (order.get(`${slug}\n${a}`) ?? 0) - (order.get(`${slug}\n${b}`) ?? 0));
    data.reproduced.sort();
  }
  const text = serializeVerified(verified);
  let before = '';
  try {
    before = readFileSync(VERIFIED_FILE, 'utf8');
  } catch {
    // first run
  }
  if (text !== before) {
    mkdirSync('src/data', { recursive: true });
    writeFileSync(VERIFIED_FILE, text);
    console.log(`# ${VERIFIED_FILE} updated`);
  }
});

describe('the site’s commands', () => {
  test('every redis-cli, psql and Python Redis command on the site has an expectation here', () => {
    assert.deepEqual([...commands.keys()].filter((c) => !(c in EXPECT)), []);
    assert.deepEqual(Object.keys(EXPECT).filter((c) => !commands.has(c)), [], 'expectations for commands no longer on the site');
  });
});

// ------------------------------------------------------------------ Redis

const redisConfBlocks = guideBlocks.filter((b) => b.meta.file === 'redis.conf');

describe('Redis, for real', { skip: skipUnlessCI(redisSkip) }, () => {
  let redis: RedisHandle;
  const port = () => redis.port;

  before(async () => {
    failIfMissing(redisSkip);
    const zh = redisConfBlocks.find((b) => b.origin === 'guide-zh');
    assert.ok(zh, 'the redis.conf excerpt of the guide');
    redis = await startRedis(`${zh.code}\n`);
    const version = serverVersion('redis', redis.version);
    assert.ok(version, redis.version);
    verified.servers.redis = version;
    // Data shaped like the app's cache: task entries with a TTL, cached API responses, a hash, a list.
    const seed = [
      ...Array.from({ length: 60 }, (_, i) => `SET tasks:${String(i)} "${'x'.repeat(20 * (i + 1))}" EX 3600`),
      ...Array.from({ length: 5 }, (_, i) => `SET "api:response:/api/v1/tasks?user_id=user_${String(i)}" "[]"`),
      'HSET task:meta:1 status pending priority 1',
      'RPUSH queue:tasks a b c',
    ];
    const r = spawnSync('redis-cli', ['-p', String(port())], { input: seed.join('\n'), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => redis?.stop());

  test('redis-server starts with the guide’s redis.conf excerpt, in both languages, and applies it', counted(async () => {
    assert.equal(redisConfBlocks.length, 2);
    for (const block of redisConfBlocks) {
      const r = await startRedis(`${block.code}\n`);
      try {
        const out = run(`redis-cli -p ${String(r.port)} CONFIG GET maxmemory maxmemory-policy`).output;
        assert.match(out, /^maxmemory\n2147483648$/m, block.where);
        assert.match(out, /^maxmemory-policy\nallkeys-lru$/m, block.where);
      } finally {
        r.stop();
      }
    }
  }));

  const redisCommands = [...commands.values()].filter((c) => c.server === 'redis').sort((a, b) => (EXPECT[a.text]?.phase ?? 0) - (EXPECT[b.text]?.phase ?? 0));
  for (const c of redisCommands) {
    const missing = c.text.startsWith('python') ? pythonSkip : undefined;
    test(`${c.text} prints what the guide says to look for`, { skip: skipUnlessCI(missing) }, counted(() => {
      failIfMissing(missing);
      const r = run(pointAt(c.text, port(), undefined));
      assert.equal(r.status, 0, `${r.command}\n${r.output}`);
      assertLooks(r, EXPECT[c.text]?.look ?? []);
      if (c.text === 'redis-cli CONFIG SET maxmemory 2gb') assert.match(run(`redis-cli -p ${String(port())} INFO memory`).output, /^maxmemory_human:2\.00G$/m);
      if (c.text === 'redis-cli CONFIG REWRITE') {
        const conf = readFileSync(redis.configFile ?? '', 'utf8');
        assert.match(conf, /^maxmemory 2gb$/m);
        assert.match(conf, /^maxmemory-policy allkeys-lru$/m);
      }
      verifiedCommand(c);
    }));
  }
});

describe('Redis failures the guide is about, reproduced', { skip: skipUnlessCI(redisSkip) }, () => {
  let bare: RedisHandle;
  before(async () => {
    failIfMissing(redisSkip);
    // As the redis:7-alpine container of section 3.1 runs it: no configuration file, defaults.
    bare = await startRedis(undefined);
    spawnSync('redis-cli', ['-p', String(bare.port)], { input: 'SET tasks:1 cached\nSET tasks:2 cached\n' });
  });
  after(() => bare?.stop());

  test('without a configuration file, CONFIG REWRITE fails as the guide warns', counted(() => {
    const r = run(`redis-cli --no-raw -p ${String(bare.port)} CONFIG REWRITE`);
    assertSignature('redis-out-of-memory', "(error) ERR The server is running without a config file", r.output);
  }));

  test('the default eviction policy is noeviction, as INFO memory shows', counted(() => {
    const r = run(`redis-cli -p ${String(bare.port)} INFO memory`);
    assertSignature('redis-out-of-memory', 'maxmemory_policy:noeviction', r.output);
  }));

  test('past maxmemory with noeviction, redis-cli writes fail with the OOM error and reads still work', counted(() => {
    // Any limit below what the server already uses: every write is then refused.
    assert.match(run(`redis-cli -p ${String(bare.port)} CONFIG SET maxmemory 1`).output, /^OK$/m);
    const write = run(`redis-cli --no-raw -p ${String(bare.port)} SET tasks:3 cached`);
    assertSignature('redis-out-of-memory', "(error) OOM command not allowed when used memory > 'maxmemory'.", write.output);
    assertSignature('redis-out-of-memory', "OOM command not allowed when used memory > 'maxmemory'.", write.output);
    assert.match(run(`redis-cli -p ${String(bare.port)} GET tasks:1`).output, /^cached$/m, 'reads keep working');
  }));

  test('past maxmemory with noeviction, redis-py raises a ResponseError (OutOfMemoryError in newer redis-py) with the same message', { skip: skipUnlessCI(pythonSkip) }, counted(() => {
    failIfMissing(pythonSkip);
    const r = run(`python -c "import redis; redis.from_url('redis://localhost:${String(bare.port)}').set('tasks:3', 'cached')"`);
    assert.notEqual(r.status, 0);
    const last = r.output.trim().split('\n').at(-1) ?? '';
    const m = /^(redis\.exceptions\.(?:OutOfMemoryError|ResponseError)): (.*)$/.exec(last);
    assert.ok(m, `the traceback ends with the redis-py exception:\n${r.output}`);
    assertSignature('redis-out-of-memory', m[1] ?? '', last);
    assertSignature('redis-out-of-memory', m[2] ?? '', last);
  }));

  test('on a closed port, redis-cli ping prints Connection refused', counted(async () => {
    const closed = await freePort();
    const r = run(`redis-cli -p ${String(closed)} ping`);
    assertSignature('redis-connection-failed', `Could not connect to Redis at 127.0.0.1:${String(closed)}: Connection refused`, r.output);
  }));

  test('on a closed port, the guide’s Python check raises redis.exceptions.ConnectionError: Connection refused', { skip: skipUnlessCI(pythonSkip) }, counted(async () => {
    failIfMissing(pythonSkip);
    const closed = await freePort();
    const check = [...commands.keys()].find((c) => c.includes('socket_connect_timeout=5'));
    assert.ok(check);
    const r = run(pointAt(check, closed, undefined));
    assert.notEqual(r.status, 0);
    const last = r.output.trim().split('\n').at(-1) ?? '';
    assert.equal(last, `redis.exceptions.ConnectionError: Error 111 connecting to localhost:${String(closed)}. Connection refused.`);
    assertSignature('redis-connection-failed', 'redis.exceptions.ConnectionError', last);
    assertSignature('redis-connection-failed', `Error 111 connecting to localhost:${String(closed)}. Connection refused.`, last);
    assertSignature('app-fails-to-start', 'redis.exceptions.ConnectionError', last);
  }));
});

// ------------------------------------------------------------------ PostgreSQL

/** The environment without libpq's PG* variables, so a command connects where it says. */
function withoutPgEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => !e[0].startsWith('PG') && e[1] !== undefined));
}

interface Session {
  ok: boolean;
  output: string;
  close(): void;
}

/** A psql session that stays connected (idle, or in an open transaction) until closed. */
function openSession(pgPort: number, user: string, firstSql = "SELECT 'ready';"): Promise<Session> {
  return new Promise((resolve) => {
    const child = spawn('psql', ['-h', 'localhost', '-p', String(pgPort), '-U', user, '-d', DB, '-At'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let done = false;
    const close = () => {
      child.stdin.end();
      child.kill();
    };
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      resolve({ ok, output, close });
    };
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('ready')) finish(true);
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    // 'close', not 'exit': the refusal message may still be in the pipe when the process exits.
    child.on('close', () => finish(false));
    child.stdin.write(`${firstSql}\nSELECT 'ready';\n`);
  });
}

describe('PostgreSQL, for real', { skip: skipUnlessCI(postgresSkip) }, () => {
  let pg: PostgresHandle;
  const psql = (sql: string, user = 'postgres', db = DB) => run(`psql -h localhost -p ${String(pg.port)} -U ${user} -d ${db} -c ${shellQuote(sql)}`);
  const guideCommand = (needle: string) => {
    const c = [...commands.values()].find((x) => x.server === 'postgresql' && x.text.includes(needle));
    assert.ok(c, `a psql command with ${needle}`);
    return c;
  };
  const runGuide = (c: ServerCommand) => run(pointAt(c.text, undefined, pg.port));
  const held: Session[] = [];

  before(async () => {
    failIfMissing(postgresSkip);
    pg = await startPostgres({ max_connections: String(MAX_CONNECTIONS) });
    const version = serverVersion('postgresql', pg.version);
    assert.ok(version, pg.version);
    verified.servers.postgresql = version;
    const setup = [
      `CREATE DATABASE ${DB};`,
      'CREATE ROLE arya LOGIN;',
    ];
    for (const sql of setup) assert.equal(run(`psql -h localhost -p ${String(pg.port)} -U postgres -d postgres -c ${shellQuote(sql)}`).status, 0);
    // The tasks table as the guide's queries and indexes imply: 50 000 tasks of 1 000 users.
    const table = [
      'CREATE TABLE tasks (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id text NOT NULL, status text NOT NULL,',
      '  priority integer NOT NULL DEFAULT 0, title text, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());',
      "INSERT INTO tasks (user_id, status, priority, title, created_at) SELECT 'user_' || (i % 1000), (ARRAY['pending','processing','completed','failed'])[1 + i % 4],",
      "  i % 3, 'task ' || i, now() - i * interval '1 minute' FROM generate_series(1, 50000) AS i;",
      'GRANT SELECT ON tasks TO arya;',
      'ANALYZE tasks;',
    ].join('\n');
    const r = spawnSync('psql', ['-h', 'localhost', '-p', String(pg.port), '-U', 'postgres', '-d', DB, '-v', 'ON_ERROR_STOP=1', '-q'], { input: table, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => {
    for (const s of held) s.close();
    pg?.stop();
  });

  test('before pg_stat_statements is set up, the guide’s query fails with the error the guide names', counted(() => {
    const r = runGuide(guideCommand('SELECT * FROM pg_stat_statements'));
    assertSignature('db-pool-exhausted', 'ERROR:  relation "pg_stat_statements" does not exist', r.output);
  }));

  test('CREATE EXTENSION alone is not enough: the view refuses to work until the library is preloaded', counted(() => {
    assert.equal(psql('CREATE EXTENSION IF NOT EXISTS pg_stat_statements;').status, 0);
    const r = runGuide(guideCommand('SELECT * FROM pg_stat_statements'));
    assertSignature('db-pool-exhausted', 'ERROR:  pg_stat_statements must be loaded via shared_preload_libraries', r.output);
  }));

  test('set up as the guide explains (shared_preload_libraries, restart, CREATE EXTENSION), pg_stat_statements answers', counted(() => {
    appendFileSync(join(pg.dataDir, 'postgresql.conf'), "\nshared_preload_libraries = 'pg_stat_statements'\n");
    pg.restart();
    assert.equal(psql('CREATE EXTENSION IF NOT EXISTS pg_stat_statements;').status, 0);
    assert.match(psql('SHOW shared_preload_libraries;').output, /pg_stat_statements/);
    // Some statements for it to have seen.
    for (let i = 0; i < 3; i++) psql(`SELECT count(*) FROM tasks WHERE status = 'failed' AND priority = ${String(i)};`);
  }));

  test('the database has an idle-in-transaction session for the guide’s state count to show', counted(async () => {
    const s = await openSession(pg.port, 'postgres', 'BEGIN; SELECT 1;');
    held.push(s);
    assert.ok(s.ok, s.output);
  }));

  const pgCommands = [...commands.values()].filter((c) => c.server === 'postgresql');
  for (const c of pgCommands) {
    test(`${c.text} prints what the guide says to look for`, counted(() => {
      const r = runGuide(c);
      assert.equal(r.status, 0, `${r.command}\n${r.output}`);
      assertLooks(r, EXPECT[c.text]?.look ?? []);
      if (c.text.includes('EXPLAIN ANALYZE')) {
        const lines = r.output.split('\n').map((l) => l.trim().replace(/^->\s+/, ''));
        for (const line of lines.filter((l) => /^(Seq Scan on|Rows Removed by Filter|Execution Time)/.test(l))) {
          assert.ok(matchingSignatures(signaturesOf('slow-queries'), line).length > 0, `slow-queries has a signature for ${line}`);
          reproduced('slow-queries', matchingSignatures(signaturesOf('slow-queries'), line));
        }
      }
      verifiedCommand(c);
    }));
  }

  const sqlBlocks = [...guideBlocks, ...treeCode()].filter((b) => b.lang === 'sql');
  test('every sql block of the site runs in PostgreSQL, each in a fresh copy of the guide’s database', counted(() => {
    assert.ok(sqlBlocks.length > 0, 'the site has sql blocks');
    // No connection may hold the template while it is copied.
    for (const s of held.splice(0)) s.close();
    const explain = guideCommand('EXPLAIN ANALYZE');
    for (const [i, block] of sqlBlocks.entries()) {
      const db = `verify_block_${String(i)}`;
      const copy = psql(`CREATE DATABASE ${db} TEMPLATE ${DB};`, 'postgres', 'postgres');
      assert.equal(copy.status, 0, `copy of ${DB} for ${block.where}: ${copy.output}`);
      try {
        const file = join(pg.dir, 'block.sql');
        writeFileSync(file, `${block.code}\n`);
        // -f runs each statement on its own (autocommit), as pasting the lines at the psql prompt does.
        const r = run(`psql -h localhost -p ${String(pg.port)} -U postgres -d ${db} -v ON_ERROR_STOP=1 -f ${file}`);
        assert.equal(r.status, 0, `${block.where}\n${r.output}`);
        const indexes = (r.output.match(/^CREATE INDEX$/gm) ?? []).length;
        if (indexes > 0) {
          // The guide's indexes are there to stop the scan its EXPLAIN ANALYZE shows.
          const plan = run(pointAt(explain.text, undefined, pg.port).replace(`-d ${DB}`, `-d ${db}`)).output;
          assert.doesNotMatch(plan, /Seq Scan on tasks/, `${block.where}: the query still scans the table:\n${plan}`);
          assert.match(plan, /Index (Only )?Scan (on|using) idx_tasks_/, plan);
          for (const line of block.code.split('\n').map((l) => l.trim()).filter((l) => /^CREATE INDEX/.test(l))) {
            if (!block.slug) continue;
            const g = (verified.guides[block.slug] ??= { commands: {}, reproduced: [] });
            (g.commands.postgresql ??= []).push(line);
            order.set(`${block.slug}\n${line}`, 1_000_000 + (block.code.includes('CONCURRENTLY') ? 10 : 0) + (line.includes('priority') ? 1 : 0));
          }
        }
      } finally {
        assert.equal(psql(`DROP DATABASE ${db};`, 'postgres', 'postgres').status, 0);
      }
    }
    console.log(`# sql: ${String(sqlBlocks.length)} blocks run by PostgreSQL ${pg.version}`);
  }));

  test('CREATE INDEX CONCURRENTLY fails when both statements go in one psql -c, as one transaction', counted(() => {
    const block = sqlBlocks.find((b) => b.code.includes('CONCURRENTLY'));
    assert.ok(block);
    const r = psql(block.code);
    assert.notEqual(r.status, 0);
    assertSignature('slow-queries', 'ERROR:  CREATE INDEX CONCURRENTLY cannot run inside a transaction block', r.output);
  }));

  test('without -h, psql tries the local socket and fails as the guide’s correction says', counted(async () => {
    const zh = entries.find((g) => g.lang === 'zh' && g.slug === 'db-pool-exhausted');
    const original = zh?.model.corrections.map((c) => c.original).find((o) => o.startsWith('psql -U postgres'));
    assert.ok(original, 'the correction keeps the original psql command');
    // A port nothing listens on, so the socket path is one no server has, whatever runs on this machine.
    const closed = await freePort();
    const env: Record<string, string> = { PGPORT: String(closed) };
    const r = spawnSync('bash', ['-c', original.split('\n')[0] ?? ''], { encoding: 'utf8', env: { ...withoutPgEnv(), ...env }, timeout: 30_000 });
    const line = `${r.stdout}${r.stderr}`.trim().split('\n')[0] ?? '';
    assert.match(line, /^psql: error: connection to server on socket "[^"]+" failed: No such file or directory$/);
    assertSignature('db-pool-exhausted', line, line);
  }));

  test('past max_connections, PostgreSQL refuses ordinary users first, then everyone, with the messages the guide lists', counted(async () => {
    for (const s of held.splice(0)) s.close();
    // Wait until no other client holds a slot, so the counts below are the limits themselves.
    const others = "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid();";
    for (let i = 0; i < 50 && !/^\s+0$/m.test(psql(others).output); i++) await new Promise((r) => setTimeout(r, 100));
    const sessions: Session[] = [];
    try {
      let refused: Session | undefined;
      for (let i = 0; i < MAX_CONNECTIONS && !refused; i++) {
        const s = await openSession(pg.port, 'arya');
        if (s.ok) sessions.push(s);
        else refused = s;
      }
      assert.ok(refused, 'an ordinary user is refused before max_connections is reached');
      assertSignature('db-pool-exhausted', 'FATAL:  remaining connection slots are reserved for non-replication superuser connections', refused.output);
      refused = undefined;
      for (let i = 0; i < MAX_CONNECTIONS && !refused; i++) {
        const s = await openSession(pg.port, 'postgres');
        if (s.ok) sessions.push(s);
        else refused = s;
      }
      assert.ok(refused, 'a superuser is refused at max_connections');
      assert.equal(sessions.length, MAX_CONNECTIONS);
      assertSignature('db-pool-exhausted', 'FATAL:  sorry, too many clients already', refused.output);
    } finally {
      for (const s of sessions) s.close();
    }
  }));
});
