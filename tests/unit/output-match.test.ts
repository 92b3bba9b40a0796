/**
 * The wizard reads what a command printed: output patterns in the trees, checked when a tree is
 * built (they compile, find their examples, tell answers apart, are there where a label quotes
 * output), and the matcher that marks the answers a paste matches.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { matchOutput } from '../../src/lib/decision-tree/output-match.ts';
import { OUTPUT_PATTERNS_REQUIRED, validateTree } from '../../src/lib/decision-tree/validate.ts';
import { compileTemplate } from '../../src/lib/search/template.ts';

describe('output templates', () => {
  test('slots stand for what varies; everything else is literal', () => {
    const c = compileTemplate('Could not connect to Redis at <host>:<port>: Connection refused');
    assert.ok(c.ok);
    assert.ok(c.test('Could not connect to Redis at 10.0.3.7:6379: Connection refused'));
    assert.ok(c.test('Could not connect to Redis at redis:6380: Connection refused'));
    assert.ok(!c.test('Could not connect to Redis at redis:6380: Connection reset by peer'));
    assert.ok(compileTemplate('(error) OOM command not allowed when used memory > \'maxmemory\'.').ok);
  });

  test('an unknown slot or a template with nothing literal does not compile, and says why', () => {
    assert.deepEqual(compileTemplate('Error <code> at <host>'), { ok: false, reason: 'unknown slot <code> (slots: <int>, <num>, <host>, <port>, <str>, <path>)' });
    assert.equal(compileTemplate('<int> <str>').ok, false);
  });
});

const step = (options: unknown[]) => ({
  title: { zh: 't', en: 't' },
  summary: { zh: 's', en: 's' },
  chapters: ['redis'],
  order: 1,
  start: 'ping',
  nodes: [
    { id: 'ping', kind: 'diagnostic', title: { zh: '检查', en: 'Check' }, commands: [{ lang: 'bash', code: 'redis-cli ping' }], lookFor: { zh: '输出', en: 'Output' }, options },
    { id: 'ok', kind: 'outcome', title: { zh: '好', en: 'Fine' }, escalate: { attach: { zh: ['日志'], en: ['logs'] } } },
    { id: 'down', kind: 'outcome', title: { zh: '坏', en: 'Down' }, escalate: { attach: { zh: ['日志'], en: ['logs'] } } },
  ],
});
const problemsOf = (options: unknown[]) => validateTree('src/content/trees/t.yaml', step(options)).problems.map((p) => `${p.path}: found ${p.found}; expected ${p.expected}`);
const pong = { label: { zh: '`PONG`', en: '`PONG`' }, next: 'ok', match: [{ pattern: 'PONG', examples: ['PONG'] }] };
const refused = { label: { zh: '`Connection refused`', en: '`Connection refused`' }, next: 'down', match: [{ pattern: 'Could not connect to Redis at <host>:<port>: Connection refused', examples: ['Could not connect to Redis at 127.0.0.1:6379: Connection refused'] }] };

describe('output patterns in a tree', () => {
  test('answers told apart by their patterns, each finding its examples, are accepted', () => {
    assert.deepEqual(problemsOf([pong, refused]), []);
  });

  test('a pattern that does not compile fails with the node, the answer, what and why', () => {
    assert.deepEqual(problemsOf([pong, { ...refused, match: [{ pattern: 'Error <errno>', examples: ['Error 111'] }] }]), [
      'nodes[0] (ping).options[1].match[0].pattern: found "Error <errno>"; expected a template that compiles: unknown slot <errno> (slots: <int>, <num>, <host>, <port>, <str>, <path>)',
    ]);
  });

  test('a pattern that misses its own example fails', () => {
    assert.deepEqual(problemsOf([pong, { ...refused, match: [{ pattern: 'Connection refused', examples: ['Connection timed out'] }] }]), [
      'nodes[0] (ping).options[1].match[0].examples[0]: found output the pattern "Connection refused" does not find; expected an example the pattern finds in one of its lines',
    ]);
  });

  test('a pattern that also finds a sibling answer’s example fails: a paste must never point at two answers', () => {
    const broad = { ...pong, match: [{ pattern: 'Redis', examples: ['Redis ok'] }] };
    assert.deepEqual(problemsOf([broad, refused]), [
      'nodes[0] (ping).options[0].match[0].pattern: found "Redis", which also finds an example of options[1] ("Could not connect to Redis at 127.0.0.1:6379: Connection refused"); expected a pattern that tells this answer apart from the others',
    ]);
  });

  test('an answer that quotes output without patterns fails (the check is on)', () => {
    assert.equal(OUTPUT_PATTERNS_REQUIRED, true, 'OUTPUT_PATTERNS_REQUIRED in src/lib/decision-tree/validate.ts');
    const { match: _unused, ...bare } = refused;
    assert.deepEqual(problemsOf([pong, bare]), [
      'nodes[0] (ping).options[1].match: found nothing, for an answer that quotes output: "`Connection refused`"; expected match: [{ pattern: <the quoted output as a template>, examples: [<real output>] }]',
    ]);
  });
});

describe('reading a paste', () => {
  const options = [pong, refused];

  test('marks the answer whose pattern a line matches, with that line', () => {
    const pasted = '$ redis-cli -h cache.internal ping\nCould not connect to Redis at 10.1.2.3:6379: Connection refused\n';
    assert.deepEqual(matchOutput(pasted, options), [{ option: 1, lines: ['Could not connect to Redis at 10.1.2.3:6379: Connection refused'] }]);
  });

  test('marks nothing when nothing matches, and every answer that matches', () => {
    assert.deepEqual(matchOutput('NOAUTH Authentication required.', options), []);
    assert.deepEqual(matchOutput('PONG\nCould not connect to Redis at a:1: Connection refused', options).map((m) => m.option), [0, 1]);
  });

  test('control characters, bidi overrides and Windows line ends do not hide a match', () => {
    assert.deepEqual(matchOutput('\u202eP\u200bONG\r\n\u001b[0m', options).map((m) => m.option), [0]);
  });

  test('a megabyte of paste is read from its tail, in bounded time', () => {
    const big = `${'noise line\n'.repeat(100_000)}PONG`;
    assert.deepEqual(matchOutput(big, options).map((m) => m.option), [0]);
  });
});

describe('the real trees', () => {
  const files = readdirSync('src/content/trees').filter((f) => f.endsWith('.yaml')).sort();

  test('every example of every answer is matched by the matcher to its own answer, and to no other', () => {
    let examples = 0;
    const wrong: string[] = [];
    for (const name of files) {
      const tree = parse(readFileSync(`src/content/trees/${name}`, 'utf8')) as { nodes: Array<{ id: string; options?: Array<{ match?: Array<{ pattern: string; examples: string[] }> }> }> };
      for (const node of tree.nodes) {
        const options = node.options ?? [];
        options.forEach((option, i) => {
          for (const example of option.match?.flatMap((m) => m.examples) ?? []) {
            examples++;
            const found = matchOutput(example, options).map((m) => m.option);
            if (found.length !== 1 || found[0] !== i) wrong.push(`${name} ${node.id} options[${String(i)}]: matched ${JSON.stringify(found)} for ${JSON.stringify(example.slice(0, 60))}`);
          }
        });
      }
    }
    console.log(`${String(examples)} examples in ${String(files.length)} trees`);
    assert.deepEqual(wrong, []);
    assert.ok(examples >= 150, `only ${String(examples)} examples`);
  });
});
