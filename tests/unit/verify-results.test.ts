import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchingSignatures, signaturePattern } from '../../src/lib/search/template.ts';
import { badgeText, serializeVerified, serverVersion, VerifiedSchema, type Verified } from '../../src/lib/guides/verified.ts';

describe('matching real output against signatures', () => {
  test('a literal signature matches inside a line, special characters and all', () => {
    assert.ok(signaturePattern("(error) OOM command not allowed when used memory > 'maxmemory'.").test("(error) OOM command not allowed when used memory > 'maxmemory'."));
    assert.ok(!signaturePattern('maxmemory_policy:noeviction').test('maxmemory_policy:allkeys-lru'));
  });

  test('template slots stand for the parts that vary', () => {
    const re = signaturePattern('Error <int> connecting to <host>:<port>. Connection refused.');
    assert.ok(re.test('redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.'));
    assert.ok(!re.test('Error 111 connecting to localhost:6379. Connection reset.'));
  });

  test('the signatures that some line of the output matches come back in their given order', () => {
    const output = 'psql: error: connection to server at "localhost" (127.0.0.1), port 5432 failed: FATAL:  sorry, too many clients already\n';
    const signatures = [{ text: 'FATAL:  sorry, too many clients already' }, { text: 'idle in transaction' }, { text: 'port <port> failed' }];
    assert.deepEqual(matchingSignatures(signatures, output), ['FATAL:  sorry, too many clients already', 'port <port> failed']);
  });
});

const sample: Verified = {
  servers: { redis: '7.0.15', postgresql: '15.18' },
  guides: {
    'slow-queries': { commands: { postgresql: ['psql -c "EXPLAIN"'] }, reproduced: [] },
    'redis-out-of-memory': { commands: { redis: ['redis-cli INFO memory', 'redis-cli DBSIZE', 'redis-cli INFO memory'] }, reproduced: ['maxmemory_policy:noeviction'] },
    'high-cpu': { commands: {}, reproduced: [] },
  },
};

describe('verified.json', () => {
  test('server versions are read from the servers’ own --version output', () => {
    assert.equal(serverVersion('redis', 'Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64'), '7.0.15');
    assert.equal(serverVersion('postgresql', 'postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)'), '15.18');
    assert.equal(serverVersion('postgresql', 'nothing here'), undefined);
  });

  test('the file is stable: slugs sorted, commands in guide order without repeats, no dates', () => {
    const text = serializeVerified(sample);
    assert.deepEqual(Object.keys((JSON.parse(text) as Verified).guides), ['high-cpu', 'redis-out-of-memory', 'slow-queries']);
    assert.deepEqual((JSON.parse(text) as Verified).guides['redis-out-of-memory']?.commands.redis, ['redis-cli INFO memory', 'redis-cli DBSIZE']);
    assert.equal(serializeVerified(VerifiedSchema.parse(JSON.parse(text))), text);
    assert.ok(text.endsWith('}\n'));
  });

  test('the committed file matches its schema', async () => {
    const { readFileSync } = await import('node:fs');
    assert.doesNotThrow(() => VerifiedSchema.parse(JSON.parse(readFileSync('src/data/verified.json', 'utf8'))));
  });
});

describe('the verified badge text', () => {
  test('English names the count of distinct commands and the server versions they ran against', () => {
    const b = badgeText(sample, 'redis-out-of-memory', 'en');
    assert.equal(b.summary, 'Verified: 2 commands against Redis 7.0.15');
    assert.deepEqual(b.reproduced, ['maxmemory_policy:noeviction']);
  });

  test('Chinese says the same in Chinese', () => {
    assert.equal(badgeText(sample, 'slow-queries', 'zh').summary, '已验证：1 条命令在 PostgreSQL 15.18 上实际运行');
  });

  test('one command is singular in English', () => {
    assert.equal(badgeText(sample, 'slow-queries', 'en').summary, 'Verified: 1 command against PostgreSQL 15.18');
  });

  test('a guide with no verified command, or none in the file, has no badge', () => {
    assert.equal(badgeText(sample, 'high-cpu', 'en').summary, undefined);
    assert.equal(badgeText(sample, 'no-such-guide', 'zh').summary, undefined);
  });
});

describe('verified.json agrees with the guides (so the badge cannot drift when the verify suite did not run)', () => {
  test('every command it lists for a guide is still a line of that guide’s code', async () => {
    const { readFileSync } = await import('node:fs');
    const { guideCode } = await import('../support/site-code.ts');
    const data = VerifiedSchema.parse(JSON.parse(readFileSync('src/data/verified.json', 'utf8')));
    const lines = new Map<string, Set<string>>();
    for (const b of guideCode()) {
      const set = lines.get(b.slug ?? '') ?? new Set<string>();
      for (const line of b.code.split('\n')) set.add(line.trim());
      lines.set(b.slug ?? '', set);
    }
    const gone: string[] = [];
    for (const [slug, g] of Object.entries(data.guides)) {
      for (const list of Object.values(g.commands)) for (const c of list) if (!lines.get(slug)?.has(c)) gone.push(`${slug}: ${c}`);
    }
    assert.deepEqual(gone, [], 'listed as verified but no longer in the guide: run npm run test:verify and commit src/data/verified.json');
  });

  test('every redis-cli, psql and python-redis line of a guide is listed as verified for that guide', async () => {
    const { readFileSync } = await import('node:fs');
    const { guideCode, serverCommands } = await import('../support/site-code.ts');
    const data = VerifiedSchema.parse(JSON.parse(readFileSync('src/data/verified.json', 'utf8')));
    const missing: string[] = [];
    for (const c of serverCommands(guideCode()).values()) {
      for (const slug of c.guides.keys()) if (!data.guides[slug]?.commands[c.server]?.includes(c.text)) missing.push(`${slug}: ${c.text}`);
    }
    assert.deepEqual(missing, [], 'in the guide but not verified: run npm run test:verify and commit src/data/verified.json');
  });

  test('every error it lists as reproduced is still one of that guide’s signatures', async () => {
    const { readFileSync } = await import('node:fs');
    const { readGuides } = await import('../support/guide-files.ts');
    const data = VerifiedSchema.parse(JSON.parse(readFileSync('src/data/verified.json', 'utf8')));
    const { guides: entries } = readGuides();
    const stale: string[] = [];
    for (const [slug, g] of Object.entries(data.guides)) {
      const texts = new Set(entries.filter((e) => e.slug === slug).flatMap((e) => e.data.signatures.map((s) => s.text)));
      for (const r of g.reproduced) if (!texts.has(r)) stale.push(`${slug}: ${r}`);
    }
    assert.deepEqual(stale, []);
  });
});
