/**
 * Properties of the triage tree engine. The wizard's state comes from the URL (`?a=0.2.1`), which
 * anyone can edit: whatever it holds, reading and resolving it never throws and gives either a
 * step of the tree or a typed reason to start again. Walking by valid answers never leaves the
 * tree, always ends at an outcome, and every step round-trips through the URL. Checked on the real
 * trees and on generated ones (random DAGs, long chains, nodes with very many answers) that
 * validateTree accepts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_ANSWERS, MAX_OPTIONS } from '../../src/lib/decision-tree/engine.ts';
import { validateTree } from '../../src/lib/decision-tree/validate.ts';
import { formatProblems } from '../../src/lib/errors/problems.ts';

/** A tree for validateTree from a graph: node i's answers lead to the nodes listed; a node without answers is an outcome. */
function rawTree(next: ReadonlyArray<readonly number[]>): unknown {
  const text = { zh: '文字', en: 'Text' };
  return {
    title: text,
    summary: text,
    chapters: ['startup'],
    order: 0,
    start: 'n0',
    nodes: next.map((targets, i) =>
      targets.length === 0
        ? { id: `n${String(i)}`, kind: 'outcome', title: text, escalate: { attach: { zh: ['日志'], en: ['The log'] } } }
        : { id: `n${String(i)}`, kind: 'question', title: text, options: targets.map((t) => ({ label: text, next: `n${String(t)}` })) },
    ),
  };
}

describe('counterexamples the properties found', () => {
  const chainOf = (depth: number) => rawTree([...Array.from({ length: depth }, (_, i) => [i + 1, depth + 1]), [], []]);

  // Shrunk by fast-check to "a chain of 65 steps": validateTree accepted it, but the URL holds at
  // most 64 answers, so the wizard could only show "start again" for its last step.
  test('validateTree refuses a tree with a step more than 64 answers from the start, and says which', () => {
    assert.ok(validateTree('chain.yaml', chainOf(MAX_ANSWERS)).tree);
    const { tree, problems } = validateTree('chain.yaml', chainOf(MAX_ANSWERS + 1));
    assert.equal(tree, undefined);
    assert.equal(
      formatProblems('Invalid triage tree', problems).split('\n').at(-1),
      '  ✖ nodes[65] (n65): found a step 65 answers from the start (n0 → n1 → n2 → … → n64 → n65); expected at most 64 answers from the start to any step: the URL of a step holds at most that many (?a=0.2.1).',
    );
  });

  // Found as "a node with 1083 answers": answer 1000 is `?a=1000`, which fromQuery reads as
  // malformed (an index has at most 3 digits), so that answer's step could not be reached.
  test('validateTree refuses a node with more than 1,000 answers', () => {
    const wideOf = (k: number) => rawTree([Array.from({ length: k }, () => 1), []]);
    assert.ok(validateTree('wide.yaml', wideOf(MAX_OPTIONS)).tree);
    const { tree, problems } = validateTree('wide.yaml', wideOf(MAX_OPTIONS + 1));
    assert.equal(tree, undefined);
    assert.deepEqual(
      problems.map((p) => `${p.path}: ${p.found}`),
      ['nodes[0] (n0).options: 1001 answers'],
    );
  });
});
