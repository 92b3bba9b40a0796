/**
 * The guide's Redis and PostgreSQL commands, run the way they are deployed: two hosts, made on this
 * machine. servers.test.ts runs them where everything is on 127.0.0.1 with trust authentication and
 * the `postgres` superuser; here the reader's shell has no database and no Redis on localhost.
 *
 * The topology, inside a network namespace of our own (tests/support/namespaces.ts), so that its
 * 127.0.0.1 is empty whatever this machine runs, and the guide's default ports are used as written:
 * - "postgres": PostgreSQL on 127.0.0.2:5432 only, initialised as the postgres image does with
 *   POSTGRES_USER=arya, POSTGRES_DB=arya_video_agent and a password: the superuser is `arya`, there
 *   is no `postgres` role, TCP needs the password (scram-sha-256), the Unix socket in the container
 *   is trusted.
 * - "redis": Redis on 127.0.0.3:6379 only, with `requirepass`, started with the guide's redis.conf.
 *
 * What runs there:
 * - Host forms: the guide's `psql -h localhost -p 5432 -U postgres -d arya_video_agent …`,
 *   `redis-cli -u redis://localhost:6379 …` and `python -c "…redis://localhost:6379…"`, with the
 *   reader's values filled in as the page fills them (findPlaceholders + encodeFor, the page's own
 *   code), passwords where the guide puts them: ~/.pgpass or psql's prompt, REDISCLI_AUTH or
 *   --askpass, never the command line. Each must print what the guide says to look for (EXPECT).
 * - The same lines as written, unfilled (localhost, `postgres`, no password), must fail there,
 *   with the failure the guide names.
 * - Compose forms: `docker compose exec|run …` and `docker exec <container_id> …` through a
 *   stand-in `docker` (below), in the environment each service has in the guide's compose file.
 * - The guide's compose health checks against servers that are still starting (Redis loading a
 *   large RDB, PostgreSQL before TCP is open), next to the old checks they replaced.
 *
 * Needs root (namespaces), redis-server, postgresql and python3-redis, like servers.test.ts: it
 * skips locally and fails under CI=true when it cannot run.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { findPlaceholders } from '../../src/lib/variables/context.ts';
import { VARIABLES, variableNamed } from '../../src/lib/variables/definitions.ts';
import { encodeFor } from '../../src/lib/variables/quote.ts';
import { validateValue } from '../../src/lib/variables/values.ts';
import { matchingSignatures } from '../../src/lib/search/template.ts';
import { readGuides } from '../support/guide-files.ts';
import { mountNamespace, namespacesMissing, networkNamespace, runIn, runInAsync, type Namespace } from '../support/namespaces.ts';
import { ensurePostgres, ensureRedis } from '../support/servers.ts';
import { guideCode, serverCommands, treeCode, type SiteCode } from '../support/site-code.ts';
import { ensurePackage, failIfMissing, postgresBinDir, skipUnlessCI } from '../support/system-packages.ts';
import { DB, EXPECT, MAX_CONNECTIONS } from '../support/verify/server-expectations.ts';

/** For root's tools (runuser, pg_ctl through it). */
const ROOT_PATH = '/usr/sbin:/usr/bin:/sbin:/bin';
const PG_HOST = '127.0.0.2';
const REDIS_HOST = '127.0.0.3';
/** A throwaway Redis that writes the large RDB for the loading test. */
const RDB_WRITER_HOST = '127.0.0.5';
/** Keys in that RDB: enough for LOADING to last about a second here. */
const RDB_KEYS = 20_000;
const DB_USER = 'arya';
/** Commands run side by side within a group: most of their time is waiting on processes starting. */
const CONCURRENCY = 4;
const DB_PASSWORD = randomBytes(12).toString('hex');
const REDIS_PASSWORD = randomBytes(12).toString('hex');
/** What a reader of this deployment types into the page's variables. */
const READER: Record<string, string> = {
  db_host: PG_HOST,
  db_port: '5432',
  db_user: DB_USER,
  db_name: DB,
  redis_url: `redis://${REDIS_HOST}:6379/0`,
  container_id: 'arya-api-1',
};

// ------------------------------------------------------------------ the site's commands

const blocks = [...guideCode(), ...treeCode()];
const bash = blocks.filter((b) => b.lang === 'bash');
const commands = serverCommands(blocks);
const pgHostForms = [...commands.values()].filter((c) => c.server === 'postgresql').map((c) => c.text);
const redisUrlForms = [...commands.values()].filter((c) => c.text.startsWith('redis-cli') && c.text.includes(variableNamed('redis_url')?.written ?? '?')).map((c) => c.text);
const pythonHostForms = [...commands.values()].filter((c) => c.server === 'redis' && c.text.startsWith('python')).map((c) => c.text);
/** `redis-cli …` with no address: on a containerised Redis the guide prefixes them with `docker compose exec redis`. */
const plainRedisForms = [...commands.values()]
  .filter((c) => c.text.startsWith('redis-cli') && !redisUrlForms.includes(c.text))
  .map((c) => c.text)
  .sort((a, b) => (EXPECT[a]?.phase ?? 0) - (EXPECT[b]?.phase ?? 0));

/** Every `docker compose exec|run` and `docker exec` line that talks to PostgreSQL or Redis, with its heredoc if it has one. */
function composeForms(): string[] {
  const found = new Set<string>();
  for (const b of bash) {
    const lines = b.code.split('\n');
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (!/^docker (compose (exec|run)|exec) /.test(line)) return;
      const heredoc = /<<-?\s*'?(\w+)'?\s*$/.exec(line);
      const end = heredoc ? lines.findIndex((l, j) => j > i && l.trim() === heredoc[1]) : i;
      assert.ok(end >= i, `${b.where}: the heredoc of ${line} ends`);
      const command = lines.slice(i, end + 1).join('\n').trim();
      if (/psql|redis|REDIS_URL|DATABASE_URL/.test(command)) found.add(command);
    });
  }
  return [...found];
}
const compose = composeForms();

/** The SQL part of a psql line, host form or compose form, so both find the same EXPECT entry. */
function psqlArgs(line: string): string {
  const viaArg = /-c "\$1"' sh "(.*)"$/.exec(line);
  if (viaArg) return `-c "${viaArg[1] ?? ''}"`;
  const inner = /-d "\$POSTGRES_DB" (.*)'$/.exec(line) ?? new RegExp(`-d ${DB} (.*)$`).exec(line);
  assert.ok(inner, `the SQL of ${line}`);
  return inner[1] ?? '';
}
const pgLook = (line: string) => {
  const host = pgHostForms.find((h) => psqlArgs(h) === psqlArgs(line));
  assert.ok(host, `a direct psql form for ${line}`);
  return EXPECT[host]?.look ?? [];
};

/** What the compose-form and container lines must print, beyond the psql ones. */
const COMPOSE_LOOK: Array<[RegExp, RegExp[]]> = [
  [/print\('Redis OK'\)/, [/^Redis OK$/m]],
  [/Redis ping time/, [/^Redis ping time: \d+\.\d{3}s$/m]],
  [/xinfo_groups/, [/^group video-workers pending 1 lag \d+$/m, /^consumer worker-1 pending 1 idle_ms \d+$/m, /^list queue:tasks length 3$/m]],
  [/printenv api DATABASE_URL REDIS_URL/, [/^postgresql\+asyncpg:\/\/arya:\*\*\*@postgres:5432\/arya_video_agent$/m, /^redis:\/\/:\*\*\*@redis:6379\/0$/m]],
];
const composeLook = (line: string): RegExp[] => (/ postgres sh -c 'psql/.test(line) ? pgLook(line) : COMPOSE_LOOK.find(([re]) => re.test(line))?.[1] ?? []);

/** Where a reader's topology gives another answer than one host: the address Redis binds. */
const TOPOLOGY_LOOK: Record<string, RegExp[]> = {
  'redis-cli CONFIG GET bind': [new RegExp(`^bind\\n${REDIS_HOST.replaceAll('.', '\\.')}$`, 'm')],
};
const look = (line: string) => TOPOLOGY_LOOK[line] ?? EXPECT[line]?.look ?? [];

/** The command as the page shows it once the reader has typed `values`: the page's own placeholder finder and encoders. */
function fill(code: string, values: Record<string, string>): string {
  let out = code;
  for (const p of findPlaceholders(code, 'bash', VARIABLES).reverse()) {
    const raw = values[p.name];
    if (p.ctx === 'none' || raw === undefined) continue;
    const v = variableNamed(p.name);
    assert.ok(v);
    const valid = validateValue(v.kind, raw);
    assert.ok(valid.ok, `${p.name}: the page accepts ${raw}`);
    const encoded = encodeFor(p.ctx, valid.value);
    assert.ok(encoded !== null, `${p.name} can be placed in ${p.ctx}`);
    out = out.slice(0, p.start) + encoded + out.slice(p.end);
  }
  return out;
}

// ------------------------------------------------------------------ the guide's compose files

interface ComposeService {
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] };
}
const composeFiles = blocks.filter((b) => b.lang === 'yaml' && b.meta.file === 'docker-compose.yml');
const servicesOf = (b: SiteCode) => ((parse(b.code) as { services?: Record<string, ComposeService | null> } | null)?.services ?? {});

/** A service's setting from the guide's compose files, the same in both languages. */
function composeSetting<T>(what: string, pick: (s: Record<string, ComposeService | null>) => T | undefined): T {
  const found = composeFiles.map((b) => ({ where: b.where, origin: b.origin, value: pick(servicesOf(b)) })).filter((f) => f.value !== undefined);
  const zh = found.filter((f) => f.origin === 'guide-zh');
  const en = found.filter((f) => f.origin === 'guide-en');
  assert.ok(zh.length > 0, `the guide's compose file gives ${what}`);
  assert.deepEqual(en.map((f) => f.value), zh.map((f) => f.value), `${what}: the same in both languages`);
  return zh[0]?.value as T;
}
/** A CMD-SHELL health check as the container's shell runs it: compose turns `$$` into `$`. */
const healthcheck = (service: string) => {
  const t = composeSetting<string[]>(`a ${service} health check`, (s) => s[service]?.healthcheck?.test);
  assert.equal(t[0], 'CMD-SHELL', `${service}: a CMD-SHELL check`);
  return (t[1] ?? '').replaceAll('$$', '$');
};
/** Compose's interpolation of `${VAR}` from .env (a variable missing there becomes empty, as compose does, with a warning). */
const interpolate = (value: string, dotenv: Record<string, string>) => value.replace(/\$\{(\w+)\}/g, (_m, name: string) => dotenv[name] ?? '');

/** The checks the guide replaced: redis-cli's exit status alone, and pg_isready over the Unix socket. */
const OLD_REDIS_CHECK = 'redis-cli ping';
const OLD_POSTGRES_CHECK = 'pg_isready -U postgres';

// ------------------------------------------------------------------ running things

interface Run {
  command: string;
  output: string;
  status: number | null;
}
const asRun = (command: string, r: { stdout: string | null; stderr: string | null; status: number | null }): Run => ({ command, output: `${r.stdout ?? ''}${r.stderr ?? ''}`, status: r.status });
function assertLooks(r: Run, patterns: ReadonlyArray<RegExp>): void {
  assert.ok(patterns.length > 0, `something to look for in the output of ${r.command}`);
  for (const re of patterns) assert.match(r.output, re, `${r.command}\nprinted:\n${r.output}`);
}

const { guides: entries } = readGuides();
/** The guide (either language) names this real message among its error signatures. */
function assertNamed(slug: string, message: string, output: string): void {
  assert.ok(output.includes(message), `expected the real output to contain ${JSON.stringify(message)}; it was:\n${output}`);
  const guide = entries.find((e) => e.slug === slug && e.lang === 'en');
  assert.ok(guide, slug);
  const sigs = guide.data.signatures.filter((s) => s.kind !== 'symptom');
  assert.ok(matchingSignatures(sigs, message).length > 0, `${slug}: the real message ${JSON.stringify(message)} is not among the guide's signatures`);
}

const missing = ensureRedis() ?? ensurePostgres() ?? namespacesMissing() ?? (ensurePackage('python3-redis') ? 'python3-redis is missing' : undefined);
const skip = skipUnlessCI(missing);

/** Counts for the closing line: what ran in the topology. */
const counts = { host: 0, compose: 0, localhostFails: 0, health: 0 };
after(() => {
  if (!missing) console.log(`# two-host topology: ${String(counts.host)} host-form and ${String(counts.compose)} compose-form commands verified, ${String(counts.localhostFails)} localhost forms shown to fail, ${String(counts.health)} health-check results while starting`);
});

describe('the guide’s commands in a two-host topology', { skip }, () => {
  let dir: string;
  let topo: Namespace;
  let pgContainer: Namespace;
  let apiContainer: Namespace;
  let redis: ChildProcess | undefined;
  let pgRunning = false;
  const held: ChildProcess[] = [];
  let bin: string;
  let pgData: string;
  let readerHome: string;
  let python: string;
  let redisConf: string;

  const pgCtl = (ns: Namespace, args: string[]) => {
    const r = runIn(ns, ['runuser', '-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', pgData, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', ...args], { PATH: ROOT_PATH });
    assert.equal(r.status, 0, `pg_ctl ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  };
  /** PostgreSQL as the postgres image runs it: `listen` is listen_addresses, the socket in /var/run/postgresql of the container. */
  const pgOptions = (listen: string) =>
    ['-o', [`-c listen_addresses='${listen}'`, '-c port=5432', '-c unix_socket_directories=/var/run/postgresql', `-c max_connections=${String(MAX_CONNECTIONS)}`, "-c shared_preload_libraries='pg_stat_statements'"].join(' ')];

  /** A line typed in the reader's shell on the topology's "host" (no database, no Redis on it). */
  const readerEnv = () => ({ PATH: `${join(dir, 'bin')}:${join(dir, 'py-bin')}:/usr/bin:/bin`, HOME: readerHome, LANG: 'C.UTF-8' });
  const onHost = async (command: string, env: Record<string, string> = {}, input?: string): Promise<Run> => asRun(command, await runInAsync(topo, ['bash', '-c', command], { ...readerEnv(), ...env }, input));

  before(async () => {
    failIfMissing(missing);
    const postgresBin = postgresBinDir();
    assert.ok(postgresBin);
    bin = postgresBin;
    dir = mkdtempSync(join(tmpdir(), 'arya-verify-topology-'));
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
    const py = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import redis'], { stdio: 'ignore' }).status === 0);
    assert.ok(py, 'a python with redis-py');
    python = spawnSync(py, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();

    // The machine: a network namespace; the postgres container's own /var/run/postgresql; the api
    // container's /etc/hosts, where compose's DNS would answer for the service names.
    topo = await networkNamespace();
    pgContainer = await mountNamespace(topo, `mount -t tmpfs -o mode=2775,uid=${String(uid)},gid=${String(gid)} tmpfs /var/run/postgresql`);
    writeFileSync(join(dir, 'hosts'), `127.0.0.1 localhost\n${PG_HOST} postgres\n${REDIS_HOST} redis\n`);
    apiContainer = await mountNamespace(topo, `mount --bind ${join(dir, 'hosts')} /etc/hosts`);

    // PostgreSQL, initialised as the postgres image does with POSTGRES_USER, POSTGRES_PASSWORD and
    // POSTGRES_DB. The image's pg_hba.conf trusts the container's socket and asks every other host
    // for the password; the image also trusts 127.0.0.1 inside the container, which here would be
    // the reader's own address, so that one line is left out.
    pgData = join(dir, 'data');
    writeFileSync(join(dir, 'pwfile'), `${DB_PASSWORD}\n`);
    chownSync(join(dir, 'pwfile'), uid, gid);
    const init = runIn(topo, ['runuser', '-u', 'postgres', '--', join(bin, 'initdb'), '-D', pgData, '-U', DB_USER, `--pwfile=${join(dir, 'pwfile')}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], { PATH: ROOT_PATH });
    assert.equal(init.status, 0, init.stderr);
    writeFileSync(join(pgData, 'pg_hba.conf'), 'local all all trust\nhost all all all scram-sha-256\n');
    pgCtl(pgContainer, [...pgOptions(PG_HOST), 'start']);
    pgRunning = true;
    const inPg = (sql: string, db = DB) => {
      const r = runIn(pgContainer, ['psql', '-U', DB_USER, '-d', db, '-v', 'ON_ERROR_STOP=1', '-q'], { PATH: '/usr/bin:/bin' }, sql);
      assert.equal(r.status, 0, `${sql}\n${r.stdout}${r.stderr}`);
    };
    inPg(`CREATE DATABASE ${DB};`, 'postgres');
    inPg(
      [
        'CREATE EXTENSION pg_stat_statements;',
        'CREATE TABLE tasks (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id text NOT NULL, status text NOT NULL,',
        '  priority integer NOT NULL DEFAULT 0, title text, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());',
        "INSERT INTO tasks (user_id, status, priority, title, created_at) SELECT 'user_' || (i % 1000), (ARRAY['pending','processing','completed','failed'])[1 + i % 4],",
        "  i % 3, 'task ' || i, now() - i * interval '1 minute' FROM generate_series(1, 10000) AS i;",
        'ANALYZE tasks;',
        "SELECT count(*) FROM tasks WHERE status = 'failed';",
      ].join('\n'),
    );

    // Redis with the guide's redis.conf and a password, on its own address only.
    const conf = blocks.find((b) => b.meta.file === 'redis.conf' && b.origin === 'guide-zh');
    assert.ok(conf, 'the guide’s redis.conf excerpt');
    redisConf = join(dir, 'redis.conf');
    writeFileSync(redisConf, `${conf.code}\n`);
    const redisArgs = [redisConf, '--bind', REDIS_HOST, '--port', '6379', '--requirepass', REDIS_PASSWORD, '--dir', dir, '--save', '', '--appendonly', 'no', '--logfile', join(dir, 'redis.log')];
    redis = spawn('nsenter', [...topo.enter, '--', 'redis-server', ...redisArgs], { stdio: 'ignore' });
    const auth = { PATH: '/usr/bin:/bin', REDISCLI_AUTH: REDIS_PASSWORD };
    for (let i = 0; i < 100 && runIn(topo, ['redis-cli', '-h', REDIS_HOST, 'ping'], auth).stdout.trim() !== 'PONG'; i++) await new Promise((r) => setTimeout(r, 100));
    const seed = [
      ...Array.from({ length: 60 }, (_, i) => `SET tasks:${String(i)} "${'x'.repeat(20 * (i + 1))}" EX 3600`),
      ...Array.from({ length: 5 }, (_, i) => `SET "api:response:/api/v1/tasks?user_id=user_${String(i)}" "[]"`),
      'HSET task:meta:1 status pending priority 1',
      'RPUSH queue:tasks a b c',
      'XGROUP CREATE tasks:stream video-workers $ MKSTREAM',
      'XADD tasks:stream * task 1',
      'XREADGROUP GROUP video-workers worker-1 COUNT 1 STREAMS tasks:stream >',
    ];
    const seeded = runIn(topo, ['redis-cli', '-h', REDIS_HOST], auth, seed.join('\n'));
    assert.equal(seeded.status, 0, seeded.stderr);
    assert.doesNotMatch(seeded.stdout, /ERR|NOAUTH/, seeded.stdout);

    // The reader's home: psql reads the password from ~/.pgpass (0600), as libpq does.
    readerHome = join(dir, 'home');
    mkdirSync(readerHome);
    writeFileSync(join(readerHome, '.pgpass'), `${PG_HOST}:5432:${DB}:${DB_USER}:${DB_PASSWORD}\n`, { mode: 0o600 });

    // The stand-in docker CLI and the containers' environments, from the guide's compose files.
    const dotenv = { POSTGRES_PASSWORD: DB_PASSWORD, REDIS_PASSWORD };
    const apiEnv = composeSetting<{ DATABASE_URL: string; REDIS_URL: string }>('the api service’s DATABASE_URL and REDIS_URL', (s) => {
      const e = s['api']?.environment;
      return e?.['DATABASE_URL'] && e['REDIS_URL'] ? { DATABASE_URL: e['DATABASE_URL'], REDIS_URL: e['REDIS_URL'] } : undefined;
    });
    const redisAuth = composeFiles.map((b) => /^\s*#\s+REDISCLI_AUTH: (\S+)$/m.exec(b.code)?.[1]).find(Boolean);
    assert.ok(redisAuth, 'the guide tells how the redis service gets REDISCLI_AUTH');
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'redis-bin'));
    mkdirSync(join(dir, 'py-bin'));
    symlinkSync(python, join(dir, 'py-bin', 'python'));
    writeFileSync(join(dir, 'bin', 'docker'), DOCKER_SHIM, { mode: 0o755 });
    writeFileSync(join(dir, 'redis-bin', 'redis-cli'), `#!/bin/sh\n${REDIS_CONTAINER_NOTE}exec /usr/bin/redis-cli -h ${REDIS_HOST} "$@"\n`, { mode: 0o755 });
    mkdirSync(join(dir, 'services'));
    const service = (name: string, ns: Namespace, env: Record<string, string>) => {
      writeFileSync(join(dir, 'services', `${name}.ns`), `${ns.enter.join(' ')}\n`);
      writeFileSync(join(dir, 'services', `${name}.env`), `${Object.entries({ HOME: '/root', ...env }).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
    };
    // The postgres image's environment: the three variables of the compose file.
    service('postgres', pgContainer, { PATH: '/usr/bin:/bin', POSTGRES_USER: DB_USER, POSTGRES_DB: DB, POSTGRES_PASSWORD: DB_PASSWORD });
    service('redis', topo, { PATH: `${join(dir, 'redis-bin')}:/usr/bin:/bin`, REDISCLI_AUTH: interpolate(redisAuth, dotenv) });
    service('api', apiContainer, { PATH: `${join(dir, 'py-bin')}:/usr/bin:/bin`, DATABASE_URL: interpolate(apiEnv.DATABASE_URL, dotenv), REDIS_URL: interpolate(apiEnv.REDIS_URL, dotenv) });
    writeFileSync(join(dir, 'containers'), `${READER['container_id'] ?? ''} api\npostgres postgres\nredis redis\n`);

    // The application: a session that stays idle in a transaction, from the api container, over TCP.
    const app = spawn('nsenter', [...apiContainer.enter, '--', 'env', '-i', 'PATH=/usr/bin:/bin', `PGPASSWORD=${DB_PASSWORD}`, 'psql', `postgresql://${DB_USER}@postgres:5432/${DB}`, '-At'], { stdio: ['pipe', 'pipe', 'pipe'] });
    held.push(app);
    const ready = await new Promise<string>((resolve) => {
      let out = '';
      app.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready')) resolve(out);
      });
      app.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      app.once('close', () => resolve(out));
      app.stdin?.write("BEGIN;\nSELECT count(*) FROM tasks WHERE user_id = 'user_7';\nSELECT 'ready';\n");
    });
    assert.match(ready, /ready/, ready);
  });

  after(() => {
    for (const s of held) s.kill();
    if (redis) redis.kill('SIGKILL');
    if (pgRunning) {
      try {
        pgCtl(pgContainer, ['-m', 'immediate', 'stop']);
      } catch {
        // already stopped
      }
    }
    for (const ns of [apiContainer, pgContainer, topo]) ns?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the page fills the reader’s values into the guide’s direct forms', async () => {
    assert.ok(pgHostForms.length > 0 && redisUrlForms.length > 0 && pythonHostForms.length > 0 && plainRedisForms.length > 0 && compose.length > 0);
    assert.equal(
      fill(`psql -h localhost -p 5432 -U postgres -d ${DB} -c "SHOW max_connections;"`, READER),
      `psql -h ${PG_HOST} -p 5432 -U ${DB_USER} -d ${DB} -c "SHOW max_connections;"`,
    );
    assert.equal(fill('redis-cli -u redis://localhost:6379 ping', READER), `redis-cli -u ${READER['redis_url'] ?? ''} ping`);
  });

  describe('PostgreSQL on another host, as the app’s role with a password', { concurrency: CONCURRENCY }, () => {
    for (const line of pgHostForms) {
      test(`direct form works with the reader’s values: ${line}`, async () => {
        const r = await onHost(fill(line, READER));
        assert.equal(r.status, 0, `${r.command}\n${r.output}`);
        assertLooks(r, look(line));
        counts.host++;
      });
      test(`as written, it fails there: ${line}`, async () => {
        // Nothing listens on the reader's localhost.
        const local = await onHost(line);
        assert.notEqual(local.status, 0);
        assert.match(local.output, /connection to server at "localhost" \(127\.0\.0\.1\), port 5432 failed: Connection refused/);
        counts.localhostFails++;
      });
    }

    test('the password typed at psql’s prompt works too (no .pgpass)', async () => {
      const line = pgHostForms.find((l) => l.includes('SHOW max_connections'));
      assert.ok(line);
      // setsid: no terminal, so psql reads the password from stdin, as it reads it from the keyboard.
      const r = await onHost(`setsid ${fill(line, READER)}`, { HOME: dir }, `${DB_PASSWORD}\n`);
      assert.equal(r.status, 0, r.output);
      assert.match(r.output, /^Password for user arya: /m);
      assertLooks(r, look(line));
    });

    test('at the right host, the default user `postgres` fails: the server asks for a password before it looks at the role', async () => {
      const line = pgHostForms.find((l) => l.includes('SHOW max_connections'));
      assert.ok(line);
      const asPostgres = fill(line, { ...READER, db_user: 'postgres' });
      // .pgpass has no line for postgres: psql asks, and without an answer gives up.
      const unanswered = await onHost(asPostgres);
      assert.notEqual(unanswered.status, 0);
      assertNamed('db-pool-exhausted', 'fe_sendauth: no password supplied', unanswered.output);
      // Answered with the only password there is: refused as a wrong password, not as a missing role.
      const typed = await onHost(`setsid ${asPostgres}`, {}, `${DB_PASSWORD}\n`);
      assert.notEqual(typed.status, 0);
      assertNamed('db-pool-exhausted', 'FATAL:  password authentication failed for user "postgres"', typed.output);
      counts.localhostFails++;
    });

    test('in the postgres container, where the socket is trusted, `-U postgres` fails with the missing role', async () => {
      const r = await onHost(`docker compose exec postgres psql -U postgres -d ${DB} -c "SELECT 1;"`);
      assert.notEqual(r.status, 0);
      assertNamed('db-pool-exhausted', 'FATAL:  role "postgres" does not exist', r.output);
    });

    test('without -h, psql on the reader’s host looks for a Unix socket that is not there', async () => {
      const r = await onHost(`psql -U postgres -d ${DB} -c "SELECT 1;"`);
      assert.notEqual(r.status, 0);
      assertNamed('db-pool-exhausted', 'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory', r.output);
      counts.localhostFails++;
    });
  });

  describe('Redis on another host, with a password', { concurrency: CONCURRENCY }, () => {
    for (const line of redisUrlForms) {
      test(`direct form works with the reader’s URL and the password from REDISCLI_AUTH or --askpass: ${line}`, async () => {
        const filled = fill(line, READER);
        const r = line.includes('--askpass') ? await onHost(filled, {}, `${REDIS_PASSWORD}\n`) : await onHost(filled, { REDISCLI_AUTH: REDIS_PASSWORD });
        assert.equal(r.status, 0, r.output);
        assertLooks(r, look(line));
        assert.ok(!r.output.includes('Warning: Using a password'), 'the password never was on the command line');
        counts.host++;
      });
      test(`as written, it fails there: ${line}`, async () => {
        const r = await onHost(line, { REDISCLI_AUTH: REDIS_PASSWORD });
        assertNamed('redis-connection-failed', 'Could not connect to Redis at localhost:6379: Connection refused', r.output);
        counts.localhostFails++;
      });
    }

    test('with the reader’s URL but no password, redis-cli gets NOAUTH, as the tree says', async () => {
      const line = redisUrlForms.find((l) => !l.includes('--askpass'));
      assert.ok(line);
      const r = await onHost(fill(line, READER));
      assertNamed('redis-connection-failed', 'NOAUTH Authentication required.', r.output);
    });

    for (const line of pythonHostForms) {
      test(`direct Python form works with the reader’s URL: ${line}`, async () => {
        const r = await onHost(fill(line, READER), { REDISCLI_AUTH: REDIS_PASSWORD });
        assert.equal(r.status, 0, `${r.command}\n${r.output}`);
        assertLooks(r, look(line));
        counts.host++;
      });
      test(`as written, it fails there: ${line}`, async () => {
        const r = await onHost(line, { REDISCLI_AUTH: REDIS_PASSWORD });
        assert.notEqual(r.status, 0);
        assertNamed('redis-connection-failed', 'Error 111 connecting to localhost:6379. Connection refused.', r.output);
        counts.localhostFails++;
      });
    }

    for (const line of plainRedisForms.filter((l) => (EXPECT[l]?.phase ?? 1) === 1)) redisViaCompose(line);
  });

  describe('Redis settings changed through `docker compose exec redis`, in order', () => {
    for (const line of plainRedisForms.filter((l) => (EXPECT[l]?.phase ?? 1) > 1)) redisViaCompose(line);
  });

  function redisViaCompose(line: string): void {
    {
      test(`as written on the reader’s host it fails; with \`docker compose exec redis\` in front it works: ${line}`, async () => {
        const local = await onHost(line, { REDISCLI_AUTH: REDIS_PASSWORD });
        assert.match(local.output, /Could not connect to Redis at 127\.0\.0\.1:6379: Connection refused/, local.output);
        counts.localhostFails++;
        const r = await onHost(`docker compose exec redis ${line}`);
        assert.equal(r.status, 0, `${r.command}\n${r.output}`);
        assertLooks(r, look(line));
        if (line === 'redis-cli CONFIG REWRITE') assert.match(readFileSync(redisConf, 'utf8'), /^maxmemory-policy allkeys-lru$/m);
        counts.compose++;
      });
    }
  }

  describe('Docker Compose forms, through the stand-in docker', { concurrency: CONCURRENCY }, () => {
    for (const line of compose) {
      test(`compose form: ${line.split('\n')[0] ?? ''}`, async () => {
        const r = await onHost(fill(line, READER));
        assert.equal(r.status, 0, `${r.command}\n${r.output}`);
        assertLooks(r, composeLook(line));
        assert.ok(!r.output.includes(DB_PASSWORD) && !r.output.includes(REDIS_PASSWORD), 'no password in the output');
        counts.compose++;
      });
    }

    test('in the api container, localhost is the container itself: the direct Python form fails there whatever REDIS_URL says', async () => {
      const line = pythonHostForms[0];
      assert.ok(line);
      const r = await onHost(`docker compose exec api ${line}`);
      assert.notEqual(r.status, 0);
      assertNamed('redis-connection-failed', 'Error 111 connecting to localhost:6379. Connection refused.', r.output);
      counts.localhostFails++;
    });

    test('docker exec with a container that does not exist fails as the guide names', async () => {
      const r = await onHost('docker exec redis-1 redis-cli ping');
      assertNamed('redis-connection-failed', 'Error response from daemon: No such container: redis-1', r.output);
    });

    test('the redis service’s health check passes on the running Redis', async () => {
      const r = await onHost(`docker compose exec redis sh -c ${shq(healthcheck('redis'))}`);
      assert.equal(r.status, 0, r.output);
    });
  });

  describe('health checks while the server is still starting', () => {
    test('Redis loading a large RDB: the guide’s check says unhealthy until PONG; the old check said healthy', async () => {
      // Write the RDB with a throwaway Redis (DEBUG POPULATE), then start the container's Redis on it.
      const rdb = join(dir, 'rdb');
      mkdirSync(rdb);
      const writer = spawn('nsenter', [...topo.enter, '--', 'redis-server', '--bind', RDB_WRITER_HOST, '--port', '6379', '--dir', rdb, '--save', '', '--appendonly', 'no', '--enable-debug-command', 'yes', '--logfile', join(rdb, 'writer.log')], { stdio: 'ignore' });
      const cli = (args: string[]) => runIn(topo, ['redis-cli', '-h', RDB_WRITER_HOST, ...args], { PATH: '/usr/bin:/bin' });
      try {
        for (let i = 0; i < 100 && cli(['ping']).stdout.trim() !== 'PONG'; i++) await new Promise((r) => setTimeout(r, 50));
        // The one passwordless Redis here: an empty password in the URL means none to redis-py.
        assert.match(runIn(topo, ['python3', '-c', `import redis; print(redis.from_url('redis://:@${RDB_WRITER_HOST}:6379/0').ping())`], { PATH: `${join(dir, 'py-bin')}:/usr/bin:/bin` }).stdout, /^True$/m);
        assert.match(cli(['DEBUG', 'POPULATE', String(RDB_KEYS), 'tasks:', '100']).stdout, /OK/);
        assert.match(cli(['SAVE']).stdout, /OK/);
      } finally {
        cli(['SHUTDOWN', 'NOSAVE']);
        writer.kill('SIGKILL');
      }
      // The redis container: a network namespace of its own, its Redis on 127.0.0.1:6379 as in the image.
      const container = await networkNamespace();
      // key-load-delay (µs per key, a setting Redis keeps for its own tests) stretches the load to
      // seconds, as a dataset of gigabytes would: on a fast machine 400,000 keys load in a blink,
      // and the probes below could miss the loading phase altogether.
      const server = spawn('nsenter', [...container.enter, '--', 'redis-server', '--port', '6379', '--requirepass', REDIS_PASSWORD, '--dir', rdb, '--save', '', '--appendonly', 'no', '--key-load-delay', '50', '--loading-process-events-interval-bytes', '1024', '--logfile', join(rdb, 'server.log')], { stdio: 'ignore' });
      const env = { PATH: '/usr/bin:/bin', REDISCLI_AUTH: REDIS_PASSWORD };
      const check = healthcheck('redis');
      const LOADING = 'LOADING Redis is loading the dataset in memory';
      const seen: Array<{ reply: string; old: number | null; guide: number | null; after: string }> = [];
      const ping = () => {
        const r = runIn(container, ['redis-cli', 'ping'], env);
        return r.stdout.trim() || r.stderr.trim();
      };
      try {
        for (let i = 0; i < 400; i++) {
          const old = runIn(container, ['sh', '-c', OLD_REDIS_CHECK], env);
          const guide = runIn(container, ['sh', '-c', check], env);
          // Loading only ever ends: when the reply after the guide's check still says LOADING, the
          // guide's check ran while Redis was loading too. Otherwise the load may have ended between
          // the two checks, and the probe says nothing about the guide's check while loading.
          const after = ping();
          const reply = old.stdout.trim() || old.stderr.trim();
          if (!/Could not connect/.test(reply)) seen.push({ reply, old: old.status, guide: guide.status, after });
          if (reply === 'PONG' && guide.status === 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        const loading = seen.filter((s) => s.reply === LOADING && s.after === LOADING);
        assert.ok(loading.length > 0, `the checks ran while Redis was loading (${String(RDB_KEYS)} keys); replies: ${JSON.stringify(seen.slice(0, 3))}`);
        for (const s of loading) {
          assert.equal(s.old, 0, 'the old check, redis-cli’s exit status, says healthy while loading');
          assert.notEqual(s.guide, 0, 'the guide’s check says unhealthy while loading');
        }
        assert.deepEqual(seen.at(-1), { reply: 'PONG', old: 0, guide: 0, after: 'PONG' }, 'once loaded, both say healthy');
        // A Redis with a password and no REDISCLI_AUTH in the container: NOAUTH, which the old check took for healthy too.
        const old = runIn(container, ['sh', '-c', OLD_REDIS_CHECK], { PATH: '/usr/bin:/bin' });
        assert.equal(old.status, 0);
        assert.match(old.stdout, /^NOAUTH Authentication required\.$/m);
        assert.notEqual(runIn(container, ['sh', '-c', check], { PATH: '/usr/bin:/bin' }).status, 0);
        console.log(`# redis loading ${String(RDB_KEYS)} keys: ${String(loading.length)} probe(s) while loading: old check exit 0 (healthy), guide’s check exit ${String(loading[0]?.guide)} (unhealthy); after: both 0`);
        counts.health += loading.length * 2 + 2;
      } finally {
        runIn(container, ['redis-cli', 'SHUTDOWN', 'NOSAVE'], env);
        server.kill('SIGKILL');
        container.stop();
      }
    });

    test('PostgreSQL before TCP is open (the image’s init phase): the guide’s check says unhealthy; the old check said healthy', async () => {
      for (const s of held.splice(0)) s.kill();
      pgCtl(pgContainer, ['-m', 'fast', 'stop']);
      pgRunning = false;
      // The postgres container: its own network namespace (127.0.0.1 is the container) and /var/run/postgresql.
      const net = await networkNamespace();
      const container = await mountNamespace(net, `mount -t tmpfs -o mode=2775,uid=${spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()} tmpfs /var/run/postgresql`);
      const env = { PATH: '/usr/bin:/bin', POSTGRES_USER: DB_USER, POSTGRES_DB: DB };
      const check = healthcheck('postgres');
      try {
        // As docker-entrypoint.sh runs its temporary server while it initialises: the socket only.
        pgCtl(container, [...pgOptions(''), 'start']);
        const guide = runIn(container, ['sh', '-c', check], env);
        const old = runIn(container, ['sh', '-c', OLD_POSTGRES_CHECK], env);
        assert.notEqual(guide.status, 0, `${check}: ${guide.stdout}`);
        assert.match(guide.stdout, /^127\.0\.0\.1:5432 - no response$/m);
        assert.equal(old.status, 0, `${OLD_POSTGRES_CHECK}: ${old.stdout}${old.stderr}`);
        assert.match(old.stdout, /^\/var\/run\/postgresql:5432 - accepting connections$/m);
        pgCtl(container, ['-m', 'fast', 'stop']);
        // The real server after initialisation: listen_addresses='*'.
        pgCtl(container, [...pgOptions('*'), 'start']);
        const ready = runIn(container, ['sh', '-c', check], env);
        assert.equal(ready.status, 0, ready.stdout);
        assert.match(ready.stdout, /^127\.0\.0\.1:5432 - accepting connections$/m);
        console.log(`# postgres socket only: guide’s check exit ${String(guide.status)} (${guide.stdout.trim()}), old check exit ${String(old.status)} (${old.stdout.trim()}); TCP open: guide’s check exit 0`);
        counts.health += 3;
      } finally {
        try {
          pgCtl(container, ['-m', 'immediate', 'stop']);
        } catch {
          // not running
        }
        container.stop();
        net.stop();
      }
    });
  });
});

/** POSIX single quotes, for the health check passed to `sh -c` through the stand-in docker. */
function shq(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

const REDIS_CONTAINER_NOTE = `# The redis container's redis-cli: inside that container its default server, 127.0.0.1:6379, is
# the container's own Redis. This test's redis "container" shares the topology's loopback, where
# that Redis is ${REDIS_HOST}:6379, so its redis-cli names that host first (a later -h still wins).
`;

/**
 * A stand-in for the docker CLI, for this test only: `docker compose exec|run [options] SERVICE
 * CMD…` and `docker exec CONTAINER CMD…` run CMD in that service's "container": its namespaces
 * (services/NAME.ns: the nsenter arguments) and exactly the environment its compose file gives it
 * (services/NAME.env), nothing of the caller's. No TTY is allocated (as with -T); `run` starts no
 * new container and applies no image ENTRYPOINT. Unknown options fail loudly.
 */
const DOCKER_SHIM = `#!/bin/bash
set -euo pipefail
dir=$(cd "$(dirname "$0")/.." && pwd)
unsupported() { echo "docker stand-in: unsupported: docker $*" >&2; exit 125; }
entrypoint=
case "\${1:-}" in
  compose)
    shift
    sub=\${1:-}
    shift || true
    [ "$sub" = exec ] || [ "$sub" = run ] || unsupported compose "$sub" "$@"
    while [ $# -gt 0 ]; do
      case "$1" in
        -T | -i | --rm | --no-deps) shift ;;
        --entrypoint) entrypoint=$2; shift 2 ;;
        -*) unsupported compose "$sub" "$@" ;;
        *) break ;;
      esac
    done
    service=$1
    shift ;;
  exec)
    shift
    while [ $# -gt 0 ]; do case "$1" in -i | -t | -it) shift ;; -*) unsupported exec "$@" ;; *) break ;; esac; done
    service=$(awk -v c="$1" '$1 == c { print $2 }' "$dir/containers")
    [ -n "$service" ] || { echo "Error response from daemon: No such container: $1" >&2; exit 1; }
    shift ;;
  *) unsupported "$@" ;;
esac
[ -f "$dir/services/$service.env" ] || { echo "no such service: $service" >&2; exit 1; }
[ -z "$entrypoint" ] || set -- "$entrypoint" "$@"
mapfile -t env < "$dir/services/$service.env"
read -r -a enter < "$dir/services/$service.ns"
exec nsenter "\${enter[@]}" -- env -i "\${env[@]}" "$@"
`;
