/**
 * Triage trees: the build-time checks (each with a fixture and its pinned message), the engine
 * that walks a tree, its URL state, and the summary.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { formatProblems } from '../../src/lib/errors/problems.ts';
import { answer, back, fromQuery, resolve, restart, start, stateFor, toQuery } from '../../src/lib/decision-tree/engine.ts';
import { layoutTree } from '../../src/lib/decision-tree/layout.ts';
import { issueUrl, summarize, SUMMARY_KEYS, type SummaryWords } from '../../src/lib/decision-tree/summary.ts';
import { treeView } from '../../src/lib/decision-tree/view.ts';
import { t } from '../../src/lib/i18n/index.ts';
import { findPlaceholders } from '../../src/lib/variables/context.ts';
import { VARIABLES } from '../../src/lib/variables/definitions.ts';
import { fillSlots } from '../../src/lib/variables/values.ts';
import { allPaths, validateTree, type GuideTargets } from '../../src/lib/decision-tree/validate.ts';
import type { Tree } from '../../src/lib/decision-tree/schema.ts';

const targets: GuideTargets = new Map([
  ['app-fails-to-start', { zh: new Set(['solutions', '问题1依赖包缺失']), en: new Set(['solutions', 'problem-1-missing-dependencies']) }],
]);

function check(name: string) {
  const file = `tests/fixtures/trees/${name}.yaml`;
  return validateTree(file, parse(readFileSync(file, 'utf8')), targets);
}
function message(name: string): string {
  return formatProblems('Invalid triage tree', check(name).problems);
}
function validTree(): Tree {
  const { tree } = check('valid');
  assert.ok(tree);
  return tree;
}

describe('triage tree checks', () => {
  test('a valid tree has no problems and three root-to-leaf paths', () => {
    const { tree, problems } = check('valid');
    assert.deepEqual(problems, []);
    assert.ok(tree);
    assert.deepEqual(allPaths(tree), [
      ['what-happens', 'read-log', 'missing-deps'],
      ['what-happens', 'read-log', 'ask-support'],
      ['what-happens', 'ask-support'],
    ]);
  });

  test('an answer leading to an unknown id names the node path and the ids that exist', () => {
    assert.match(
      message('unknown-target'),
      /unknown-target\.yaml\n {2}✖ nodes\[1\] \(read-log\)\.options\[0\]\.next: found "missing-dep", which is no node's id; expected one of what-happens, read-log, missing-deps, ask-support\./,
    );
  });

  test('a duplicate id names both nodes', () => {
    assert.match(message('duplicate-id'), /✖ nodes\[3\] \(read-log\)\.id: found "read-log", already the id of nodes\[1\]; expected an id used by one node only\./);
  });

  test('a cycle is printed as the loop of ids', () => {
    assert.match(
      message('cycle'),
      /✖ nodes\[1\] \(read-log\)\.options\[1\]\.next: found a cycle: what-happens → read-log → what-happens; expected every answer to lead forward, so every path ends at an outcome\./,
    );
  });

  test('a node nothing leads to is unreachable', () => {
    assert.match(message('unreachable'), /✖ nodes\[3\] \(ask-support\): found a node no answer leads to; expected a node reachable from the start node "what-happens" \(or remove it\)\./);
  });

  test('a diagnostic without answers is rejected', () => {
    assert.match(message('no-options'), /✖ nodes\[1\] \(read-log\)\.options: found an empty list; expected at least one answer: a diagnostic must lead somewhere\./);
  });

  test('an outcome without a fix or an escalation is rejected', () => {
    assert.match(message('outcome-without-fix'), /✖ nodes\[3\] \(ask-support\): found an outcome with neither `fix` nor `escalate`; expected a fix \(steps and a guide link\) or an escalation \(what to attach\)\./);
  });

  test('a link to a heading that does not exist lists the headings that do', () => {
    assert.match(
      message('bad-guide-link'),
      /✖ nodes\[2\] \(missing-deps\)\.fix\.guide\.anchor\.en: found "problem-1-missing-deps", which is no heading id on \/en\/guides\/app-fails-to-start\/; expected one of "solutions", "problem-1-missing-dependencies"\./,
    );
  });

  test('a missing translation names the field in the language that lacks it', () => {
    assert.match(message('missing-translation'), /✖ nodes\[1\]\.title\.en: found nothing \(the field is missing\); expected a string\./);
  });
});

describe('walking a tree', () => {
  test('start, answer, back and restart move through the nodes', () => {
    const tree = validTree();
    let s = start();
    const first = resolve(tree, s);
    assert.ok(first.ok);
    assert.equal(first.current.id, 'what-happens');
    s = answer(tree, s, 0);
    s = answer(tree, s, 0);
    const r = resolve(tree, s);
    assert.ok(r.ok);
    assert.equal(r.current.id, 'missing-deps');
    assert.deepEqual(r.path.map((p) => `${p.node.id}:${String(p.optionIndex)}`), ['what-happens:0', 'read-log:0']);
    const b = resolve(tree, back(s));
    assert.ok(b.ok);
    assert.equal(b.current.id, 'read-log');
    assert.deepEqual(restart(), start());
  });

  test('answering with an option that does not exist, or at an outcome, changes nothing', () => {
    const tree = validTree();
    const s = answer(tree, start(), 7);
    assert.deepEqual(s, start());
    const atOutcome = answer(tree, answer(tree, answer(tree, start(), 0), 0), 0);
    assert.equal(atOutcome.answers.length, 2);
  });

  test('the state round-trips through the URL', () => {
    const s = { answers: [0, 1] };
    assert.equal(toQuery(s), '?a=0.1');
    assert.deepEqual(fromQuery('?a=0.1'), s);
    assert.deepEqual(fromQuery(''), start());
  });

  test('tampered URLs are refused, never guessed at', () => {
    const tree = validTree();
    assert.deepEqual(fromQuery('?a=__proto__'), { error: 'malformed' });
    assert.deepEqual(fromQuery('?a=constructor.0'), { error: 'malformed' });
    assert.deepEqual(fromQuery(`?a=${Array(10_000).fill('0').join('.')}`), { error: 'too-long' });
    assert.deepEqual(fromQuery('?a=1e3'), { error: 'malformed' });
    assert.deepEqual(resolve(tree, { answers: [0, 9] }), { ok: false, reason: 'unknown-answer' });
    assert.deepEqual(resolve(tree, { answers: [0, 0, 0] }), { ok: false, reason: 'unknown-answer' });
  });

  test('stateFor finds the answers that reach a node', () => {
    assert.deepEqual(stateFor(validTree(), 'missing-deps'), { answers: [0, 0] });
    assert.equal(stateFor(validTree(), 'nowhere'), undefined);
  });
});

describe('triage summary and overview', () => {
  const words = (lang: 'zh' | 'en') => Object.fromEntries(Object.entries(SUMMARY_KEYS).map(([k, key]) => [k, t(lang, key)])) as unknown as SummaryWords;

  test('the summary lists the tree, the answers, the commands, the outcome, the link and the time', () => {
    // As the wizard does it: the tree's view (the data the build writes), walked by the engine.
    const view = treeView('t', validTree(), 'en');
    const r = resolve(view, { answers: [0, 0] });
    assert.ok(r.ok);
    const md = summarize({
      treeTitle: view.title,
      path: r.path.map((p) => ({ step: p.node, answer: p.option.label })),
      current: r.current,
      words: words('en'),
      url: 'https://x/en/triage/t/missing-deps/?a=0.0',
      time: new Date('2026-11-28T03:00:00Z'),
    });
    assert.equal(
      md,
      [
        '## Triage: The application does not start',
        '',
        '### Answers',
        '',
        '1. What happens? → **It prints a traceback**',
        '2. Read the log → **ModuleNotFoundError**',
        '',
        '### Commands run',
        '',
        '```bash',
        'tail -100 app/logs/app.log',
        '```',
        '',
        '### Outcome: Missing dependencies',
        '',
        '- Install the dependencies',
        '',
        'Link: https://x/en/triage/t/missing-deps/?a=0.0',
        'Time: 2026-11-28T03:00:00.000Z',
      ].join('\n'),
    );
  });

  test('the summary shows each command as the reader sees it, their values in place, safely quoted', () => {
    const tree = validTree();
    const node = tree.nodes.find((n) => n.kind === 'diagnostic');
    assert.ok(node && node.kind === 'diagnostic');
    node.commands = [{ lang: 'bash', code: 'docker logs <container_id> --tail 100' }];
    const slotsOf = (code: string, lang: string) =>
      findPlaceholders(code, lang, VARIABLES).flatMap((p) => (p.ctx === 'none' ? [] : [{ ...p, kind: VARIABLES.find((v) => v.name === p.name)?.kind ?? 'identifier' }]));
    const view = treeView('t', tree, 'zh', slotsOf);
    const r = resolve(view, { answers: [0] });
    assert.ok(r.ok);
    const summary = (values: Record<string, string>) =>
      summarize({ treeTitle: view.title, path: r.path.map((p) => ({ step: p.node, answer: p.option.label })), current: r.current, words: words('zh'), url: 'u', time: new Date(0), shown: (c) => fillSlots(c.code, c.slots, values) });
    assert.match(summary({ container_id: 'arya-api-1' }), /^docker logs arya-api-1 --tail 100$/m);
    assert.match(summary({}), /^docker logs <container_id> --tail 100$/m);
    assert.match(summary({ container_id: "x'; rm -rf ~" }), /^docker logs <container_id> --tail 100$/m, 'an invalid value never reaches the command');
    assert.match(summary({}), /^## 排查流程: /);
  });

  test('the issue link carries the title and body, URL-encoded and bounded', () => {
    const url = issueUrl('https://github.com/o/r/issues/new', 'Triage: a & b', 'x'.repeat(10_000));
    const parsed = new URL(url);
    assert.equal(parsed.searchParams.get('title'), 'Triage: a & b');
    assert.equal(parsed.searchParams.get('body')?.length, 6002);
  });

  test('the overview puts every node below its parents', () => {
    const layout = layoutTree(validTree());
    assert.equal(layout.nodes.length, 4);
    for (const e of layout.edges) assert.ok((e.points.at(-1)?.y ?? 0) > (e.points[0]?.y ?? 0), `${e.from} → ${e.to} points down`);
  });
});
