/**
 * Properties of the triage tree engine. The wizard's state comes from the URL (`?a=0.2.1`), which
 * anyone can edit: whatever it holds, reading and resolving it never throws and gives either a
 * step of the tree or a typed reason to start again. Walking by valid answers never leaves the
 * tree, always ends at an outcome, and every step round-trips through the URL. Checked on the real
 * trees and on generated ones (random DAGs, long chains, nodes with very many answers) that
 * validateTree accepts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { answer, back, fromQuery, MAX_ANSWERS, MAX_OPTIONS, resolve, start, stateFor, toQuery, type Resolved, type WalkState } from '../../src/lib/decision-tree/engine.ts';
import { formatProblems } from '../../src/lib/errors/problems.ts';
import { isOutcome } from '../../src/lib/decision-tree/kinds.ts';
import type { Tree, TreeNode } from '../../src/lib/decision-tree/schema.ts';
import { validateTree } from '../../src/lib/decision-tree/validate.ts';
import { adversarialText, adversarialUnit, anyShape, fill, long, PROTOTYPE_KEYS, shapesOver } from '../support/adversarial.ts';
import { GROWTH_FACTOR, GROWTH_LIMIT, growth } from '../support/linear-time.ts';

const REAL_TREES: Array<{ name: string; tree: Tree }> = readdirSync('src/content/trees')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((name) => {
    const { tree, problems } = validateTree(name, parse(readFileSync(`src/content/trees/${name}`, 'utf8')));
    assert.ok(tree, `${name}: ${JSON.stringify(problems)}`);
    return { name, tree };
  });

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

/**
 * Graphs validateTree accepts up to the engine's limits, printed as their shape when a property
 * fails: a random DAG (every node reached from an earlier one, extra forward answers), a long chain
 * with a way out at each step, and a node with very many answers.
 */
const randomDag = fc
  .integer({ min: 1, max: 24 })
  .chain((n) => fc.tuple(fc.constant(n), fc.array(fc.nat(), { minLength: n - 1, maxLength: n - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 * n })))
  .map(([n, parents, extra]) => {
    const next: number[][] = Array.from({ length: n }, () => []);
    parents.forEach((p, i) => next[p % (i + 1)]?.push(i + 1));
    for (const [a, b] of extra) {
      const [from, to] = [a % n, b % n];
      if (from < to) next[from]?.push(to);
    }
    return { shape: `a DAG of ${String(n)} nodes: ${JSON.stringify(next)}`, next };
  });
const chain = fc.integer({ min: 1, max: 100 }).map((depth) => ({
  shape: `a chain of ${String(depth)} steps`,
  next: [...Array.from({ length: depth }, (_, i) => [i + 1, depth + 1]), [], []],
}));
const wide = fc.integer({ min: 1, max: 1_100 }).map((k) => ({ shape: `a node with ${String(k)} answers`, next: [Array.from({ length: k }, (_, i) => 1 + (i % 3)), [], [], []] }));
const generated = fc
  .oneof({ weight: 4, arbitrary: randomDag }, { weight: 1, arbitrary: chain }, { weight: 1, arbitrary: wide })
  .map(({ shape, next }) => ({ shape, next, [fc.toStringMethod]: () => shape }));

/** A generated tree validateTree accepts, or undefined (the property then has nothing to check). */
function accepted(next: ReadonlyArray<readonly number[]>): Tree | undefined {
  return validateTree('generated.yaml', rawTree(next)).tree;
}

/**
 * A walk by valid answers from the start (the i-th answer is picks[i] modulo the number of
 * answers), with the state at each step. It stops where a state does not resolve, or after more
 * steps than the tree has nodes (a loop): the property then says which.
 */
function walk(tree: Tree, picks: readonly number[]): WalkState[] {
  const states: WalkState[] = [start()];
  for (let i = 0; i <= tree.nodes.length; i++) {
    const state = states.at(-1) ?? start();
    const r = resolve(tree, state);
    const options = r.ok && r.current.kind !== 'outcome' ? r.current.options : [];
    if (options.length === 0) return states;
    states.push(answer(tree, state, (picks[i % picks.length] ?? 0) % options.length));
  }
  return states;
}

/** The state round-trips through the URL and resolves to the same node. */
function roundTrips(tree: Tree, state: WalkState): void {
  const q = toQuery(state);
  const read = fromQuery(q);
  assert.ok(!('error' in read), `${q}: ${'error' in read ? read.error : ''}`);
  assert.equal(toQuery(read), q);
  const [a, b] = [resolve(tree, state), resolve(tree, read)];
  assert.ok(a.ok && b.ok, `${q} does not resolve: ${a.ok ? '' : a.reason}`);
  assert.equal(b.current.id, a.current.id);
}

/** A real tree, printed as its file name when a property fails. */
const realTree = fc.constantFrom(...REAL_TREES).map(({ name, tree }) => ({ name, tree, [fc.toStringMethod]: () => name }));
const anyTree = fc.oneof(
  { weight: 1, arbitrary: realTree },
  { weight: 2, arbitrary: generated.map((g) => ({ name: g.shape, tree: accepted(g.next), [fc.toStringMethod]: () => g.shape })) },
);

/** Numbers an answer index might be, from a tampered page or a bug: fractions, negatives, -0, NaN, huge. */
const anyIndex = fc.oneof(fc.nat({ max: 1_200 }), fc.integer(), fc.double());

/** What `?a=` (or the whole search string) might hold after tampering. */
const searchString = fc.oneof(
  adversarialText(120),
  adversarialText(60).map((s) => `?a=${s}`),
  fc.array(fc.oneof(fc.nat({ max: 1_500 }), fc.constantFrom(-1, 1e21, 0.5, Number.NaN)), { maxLength: 80, size: 'max' }).map((a) => `?a=${a.join('.')}`),
  fc.array(fc.nat({ max: 999 }), { maxLength: 70, size: 'max' }).map((a) => `?x=1&a=${a.join('.')}&a=0`),
  fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS, '0', '00', '%30', '+0', '0x1', '1e2', '١', '０', '0.', '.0', '0..0'), fc.nat({ max: 3 })).map(([s, k]) => `?a=${Array(k + 1).fill(s).join('.')}`),
);
/** A megabyte of it (printed as its recipe when a property fails). */
const hugeSearch = fc
  .tuple(fc.string({ unit: adversarialUnit, minLength: 1, maxLength: 6 }), fc.constantFrom('', '?a=', '?a=0.'))
  .map(([chunk, before]) => long(`${before}${fill(chunk, 1_000_000)}`, `${JSON.stringify(before)} then ${JSON.stringify(chunk)} repeated to 1,000,000 characters`));

describe('reading the state from the URL (properties)', () => {
  const readsSafely = (search: string) => {
    const read = fromQuery(search);
    if ('error' in read) {
      assert.ok(read.error === 'malformed' || read.error === 'too-long');
      return;
    }
    assert.ok(read.answers.length <= MAX_ANSWERS);
    for (const a of read.answers) assert.ok(Number.isInteger(a) && a >= 0 && a <= 999, String(a));
  };

  test('fromQuery never throws, and gives at most 64 answers of 0 to 999, or a typed error', () => {
    fc.assert(fc.property(searchString, readsSafely), { numRuns: 400 });
  });

  test('fromQuery does the same for a megabyte of URL', () => {
    fc.assert(fc.property(hugeSearch, (h) => readsSafely(h.text)), { numRuns: 5 });
  });

  test('whatever the URL holds, resolving it on a tree gives a step of that tree along a consistent path, or a typed reason to start again', () => {
    fc.assert(
      fc.property(realTree, searchString, ({ tree }, search) => {
        const read = fromQuery(search);
        if ('error' in read) return;
        const r = resolve(tree, read);
        if (!r.ok) {
          assert.ok(['malformed', 'too-long', 'unknown-answer', 'broken-tree'].includes(r.reason));
          return;
        }
        assert.equal(r.path.length, read.answers.length);
        r.path.forEach((step, i) => {
          assert.ok(tree.nodes.includes(step.node));
          assert.equal(step.optionIndex, read.answers[i]);
          const option = step.node.kind === 'outcome' ? undefined : step.node.options[step.optionIndex];
          assert.equal(option, step.option);
          assert.equal((r.path[i + 1]?.node ?? r.current).id, option?.next);
        });
        assert.ok(tree.nodes.includes(r.current));
      }),
      { numRuns: 400 },
    );
  });

  test('resolve never throws on any state, however it was made', () => {
    const anyState = fc.array(anyIndex, { maxLength: 100 }).map((answers) => ({ answers }));
    fc.assert(
      fc.property(anyTree, anyState, ({ tree }, state) => {
        if (!tree) return;
        const r = resolve(tree, state);
        assert.ok(r.ok || ['too-long', 'unknown-answer', 'broken-tree'].includes(r.reason));
        if (r.ok) assert.ok(tree.nodes.includes(r.current));
      }),
      { numRuns: 200 },
    );
  });

  test('fromQuery takes time linear in the search string', () => {
    const asA = (make: (n: number) => string) => (n: number) => `?a=${make(n)}`;
    // Any text, and text made of the query's own syntax (digits, dots, separators, escapes).
    const shapes = fc.oneof(anyShape, shapesOver(['0', '1', '9', '.', '&', '=', 'a', '%', '+', '-', 'e', ' ']));
    fc.assert(
      fc.property(shapes, fc.boolean(), (shape, prefixed) => {
        const ratio = growth(fromQuery, prefixed ? asA(shape.make) : shape.make, 1_000);
        assert.ok(ratio < GROWTH_LIMIT, `fromQuery on ${prefixed ? '?a= then ' : ''}${shape.name}: ${GROWTH_FACTOR}× the input took ${ratio.toFixed(1)}× the time`);
      }),
      { numRuns: 100, endOnFailure: true },
    );
  });
});

describe('walking a tree (properties)', () => {
  test('for every node of a tree validateTree accepts, stateFor gives answers that round-trip through the URL and lead to it', () => {
    fc.assert(
      fc.property(anyTree, ({ tree }) => {
        if (!tree) return;
        for (const node of tree.nodes) {
          const state = stateFor(tree, node.id);
          assert.ok(state, `no state for ${node.id}`);
          const r: Resolved<TreeNode> = resolve(tree, state);
          assert.ok(r.ok, `${node.id}: ${toQuery(state).slice(0, 60)} does not resolve: ${r.ok ? '' : r.reason}`);
          assert.equal(r.current.id, node.id);
          roundTrips(tree, state);
        }
        assert.equal(stateFor(tree, 'no-such-node'), undefined);
      }),
      { numRuns: 150 },
    );
  });

  test('a walk by random valid answers ends at an outcome, and every step round-trips through the URL and goes back to the one before', () => {
    fc.assert(
      fc.property(anyTree, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), ({ tree }, picks) => {
        if (!tree) return;
        const states = walk(tree, picks);
        const last = states.at(-1) ?? start();
        const end = resolve(tree, last);
        assert.ok(end.ok && isOutcome(end.current), `the walk ended at ${end.ok ? end.current.id : `${toQuery(last).slice(0, 40)}…, which does not resolve (${end.reason})`}, not at an outcome`);
        states.forEach((state, i) => {
          roundTrips(tree, state);
          if (i > 0) assert.deepEqual(back(state), states[i - 1]);
        });
        assert.deepEqual(back(start()), start());
      }),
      { numRuns: 200 },
    );
  });

  test('answer never leaves the tree: from any state, with any number, it gives the same state or one step further along that option', () => {
    // A state on a walk (reachable), or any list of numbers (tampered).
    const someState = (tree: Tree): fc.Arbitrary<WalkState> =>
      fc.oneof(
        fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.nat()).map(([picks, at]) => {
          const states = walk(tree, picks);
          return states[at % states.length] ?? start();
        }),
        fc.array(anyIndex, { maxLength: 8 }).map((answers) => ({ answers })),
      );
    fc.assert(
      fc.property(
        anyTree.chain((t) => fc.tuple(fc.constant(t), t.tree ? someState(t.tree) : fc.constant(start()), anyIndex)),
        ([{ tree }, state, index]) => {
          if (!tree) return;
          const next = answer(tree, state, index);
          if (next === state) return;
          const [before, after] = [resolve(tree, state), resolve(tree, next)];
          assert.ok(before.ok && after.ok, 'answered from a state that does not resolve, or to one');
          assert.equal(next.answers.length, state.answers.length + 1);
          assert.equal(before.current.kind === 'outcome' ? undefined : before.current.options[index]?.next, after.current.id);
        },
      ),
      { numRuns: 300 },
    );
  });
});

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
