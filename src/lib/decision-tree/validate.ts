/**
 * Checks a triage tree before anything is built from it: the schema, then the graph. Every
 * problem names the tree file and the node path (`nodes[3] (check-logs).options[1].next`).
 * Pure: the guide sections and their anchors come in as data.
 */
import { problemsFromZod, type Problem } from '../errors/problems.ts';
import { LANGS, type Lang } from '../i18n/langs.ts';
import { MAX_ANSWERS, MAX_OPTIONS } from './engine.ts';
import { hasOptions, isOutcome } from './kinds.ts';
import { compileTemplate } from '../search/template.ts';
import { TreeSchema, type GuideLink, type Tree, type TreeNode } from './schema.ts';

/** A tree's all-steps page lives at …/<tree>/all/, so no node may be called that. */
export const ALL_STEPS = 'all';

/** For each guide slug, the anchors (ids) that exist on its page in each language. */
export type GuideTargets = ReadonlyMap<string, Readonly<Record<Lang, ReadonlySet<string>>>>;

/**
 * @param targets guide anchors to check `fix.guide` links against; leave out to check the tree on
 * its own (the content loader does, before the guides are rendered).
 */
export function validateTree(file: string, raw: unknown, targets?: GuideTargets): { tree?: Tree; problems: Problem[] } {
  const parsed = TreeSchema.safeParse(raw);
  if (!parsed.success) return { problems: problemsFromZod(file, parsed.error, raw) };
  const tree = parsed.data;
  const problems: Problem[] = [];
  const at = (i: number, rest = '') => `nodes[${String(i)}] (${tree.nodes[i]?.id ?? '?'})${rest}`;

  const index = new Map<string, number>();
  tree.nodes.forEach((node, i) => {
    if (node.id === ALL_STEPS) {
      problems.push({ file, path: `${at(i)}.id`, found: `"${ALL_STEPS}"`, expected: `another id: "${ALL_STEPS}" names the page with every step` });
    }
    const first = index.get(node.id);
    if (first !== undefined) {
      problems.push({ file, path: `${at(i)}.id`, found: `"${node.id}", already the id of nodes[${String(first)}]`, expected: 'an id used by one node only' });
    } else {
      index.set(node.id, i);
    }
  });
  const ids = [...index.keys()];
  const known = (id: string) => index.has(id);

  if (!known(tree.start)) {
    problems.push({ file, path: 'start', found: `"${tree.start}"`, expected: `the id of a node: ${ids.join(', ')}` });
  }

  tree.nodes.forEach((node, i) => {
    if (hasOptions(node)) {
      if (node.options.length === 0) {
        problems.push({ file, path: `${at(i)}.options`, found: 'an empty list', expected: `at least one answer: a ${node.kind} must lead somewhere` });
      }
      if (node.options.length > MAX_OPTIONS) {
        problems.push({
          file,
          path: `${at(i)}.options`,
          found: `${String(node.options.length)} answers`,
          expected: `at most ${String(MAX_OPTIONS)}: the URL of a step numbers each answer with at most 3 digits (?a=0.2.1)`,
        });
      }
      node.options.forEach((option, j) => {
        if (!known(option.next)) {
          problems.push({ file, path: `${at(i)}.options[${String(j)}].next`, found: `"${option.next}", which is no node's id`, expected: `one of ${ids.join(', ')}` });
        }
      });
      problems.push(...matchProblems(file, at(i), node));
    } else {
      if (!node.fix && !node.escalate) {
        problems.push({ file, path: at(i), found: 'an outcome with neither `fix` nor `escalate`', expected: 'a fix (steps and a guide link) or an escalation (what to attach)' });
      }
      for (const [key, list] of [['fix.steps', node.fix?.steps], ['escalate.attach', node.escalate?.attach]] as const) {
        if (list && list.zh.length !== list.en.length) {
          problems.push({ file, path: `${at(i)}.${key}`, found: `${String(list.zh.length)} zh item(s) and ${String(list.en.length)} en item(s)`, expected: 'the same number of items in both languages' });
        }
      }
      if (node.fix && targets) problems.push(...checkGuideLink(file, `${at(i)}.fix.guide`, node.fix.guide, targets));
    }
  });

  if (problems.length === 0) {
    problems.push(...checkReachability(file, tree, index), ...checkCycles(file, tree, index));
  }
  if (problems.length === 0) problems.push(...checkDepth(file, tree, index));
  return problems.length === 0 ? { tree, problems } : { problems };
}

/**
 * Whether an answer that quotes output must have patterns. On since every tree's patterns are
 * written (issue 17); tests/unit/output-match.test.ts checks it stays on.
 */
export const OUTPUT_PATTERNS_REQUIRED = true;

/** A label that quotes what a tool prints (a `code` span), in either language. */
const quotesOutput = (label: { zh: string; en: string }) => /`[^`]+`/.test(label.en) || /`[^`]+`/.test(label.zh);

/**
 * Output patterns of a step's answers: only on diagnostic steps; required where a label quotes
 * output; each compiles, finds each of its examples, and finds no example of a sibling answer
 * (the wizard must never point at two answers for one answer's output).
 */
function matchProblems(file: string, at: string, node: TreeNode): Problem[] {
  if (!hasOptions(node)) return [];
  const problems: Problem[] = [];
  node.options.forEach((option, j) => {
    const path = `${at}.options[${String(j)}]`;
    if (node.kind !== 'diagnostic') {
      if (option.match) problems.push({ file, path: `${path}.match`, found: 'output patterns on a question', expected: 'patterns on the answers of diagnostic steps only (a question runs no command)' });
      return;
    }
    if (!option.match) {
      if (OUTPUT_PATTERNS_REQUIRED && quotesOutput(option.label)) {
        problems.push({ file, path: `${path}.match`, found: `nothing, for an answer that quotes output: ${JSON.stringify(option.label.en)}`, expected: 'match: [{ pattern: <the quoted output as a template>, examples: [<real output>] }]', hint: 'The wizard reads what the reader pastes; an answer that quotes output must say how to recognise it.' });
      }
      return;
    }
    option.match.forEach((m, k) => {
      const compiled = compileTemplate(m.pattern);
      if (!compiled.ok) {
        problems.push({ file, path: `${path}.match[${String(k)}].pattern`, found: JSON.stringify(m.pattern), expected: `a template that compiles: ${compiled.reason}` });
        return;
      }
      m.examples.forEach((example, e) => {
        if (!example.split('\n').some((line) => compiled.test(line))) {
          problems.push({ file, path: `${path}.match[${String(k)}].examples[${String(e)}]`, found: `output the pattern ${JSON.stringify(m.pattern)} does not find`, expected: 'an example the pattern finds in one of its lines' });
        }
      });
      node.options.forEach((sibling, s) => {
        if (s === j) return;
        for (const example of sibling.match?.flatMap((x) => x.examples) ?? []) {
          if (example.split('\n').some((line) => compiled.test(line))) {
            problems.push({ file, path: `${path}.match[${String(k)}].pattern`, found: `${JSON.stringify(m.pattern)}, which also finds an example of options[${String(s)}] (${JSON.stringify(example.slice(0, 80))})`, expected: 'a pattern that tells this answer apart from the others' });
            return;
          }
        }
      });
    });
  });
  return problems;
}

function checkGuideLink(file: string, path: string, link: GuideLink, targets: GuideTargets): Problem[] {
  const anchors = targets.get(link.slug);
  if (!anchors) {
    return [{ file, path: `${path}.slug`, found: `"${link.slug}", which is no guide section`, expected: `one of ${[...targets.keys()].sort().join(', ')}` }];
  }
  if (link.anchor === undefined) return [];
  const problems: Problem[] = [];
  for (const lang of LANGS) {
    const id = typeof link.anchor === 'string' ? link.anchor : link.anchor[lang];
    if (!anchors[lang].has(id)) {
      problems.push({
        file,
        path: typeof link.anchor === 'string' ? `${path}.anchor` : `${path}.anchor.${lang}`,
        found: `"${id}", which is no heading id on /${lang}/guides/${link.slug}/`,
        expected: `one of ${[...anchors[lang]].map((a) => JSON.stringify(a)).join(', ')}`,
      });
    }
  }
  return problems;
}

function checkReachability(file: string, tree: Tree, index: Map<string, number>): Problem[] {
  const seen = new Set<string>([tree.start]);
  const queue = [tree.start];
  while (queue.length > 0) {
    const node = tree.nodes[index.get(queue.shift() ?? '') ?? -1];
    if (!node || !hasOptions(node)) continue;
    for (const o of node.options) {
      if (!seen.has(o.next)) {
        seen.add(o.next);
        queue.push(o.next);
      }
    }
  }
  return tree.nodes.flatMap((node, i) =>
    seen.has(node.id)
      ? []
      : [{ file, path: `nodes[${String(i)}] (${node.id})`, found: 'a node no answer leads to', expected: `a node reachable from the start node "${tree.start}" (or remove it)` }],
  );
}

/** Finds every cycle by depth-first search from the start; reports each once, as the loop of ids. */
function checkCycles(file: string, tree: Tree, index: Map<string, number>): Problem[] {
  const problems: Problem[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string) => {
    state.set(id, 'open');
    stack.push(id);
    const i = index.get(id) ?? -1;
    const node = tree.nodes[i];
    if (node && hasOptions(node)) {
      node.options.forEach((o, j) => {
        const s = state.get(o.next);
        if (s === 'open') {
          const loop = [...stack.slice(stack.indexOf(o.next)), o.next];
          const key = [...loop].sort().join(',');
          if (!reported.has(key)) {
            reported.add(key);
            problems.push({ file, path: `nodes[${String(i)}] (${id}).options[${String(j)}].next`, found: `a cycle: ${loop.join(' → ')}`, expected: 'every answer to lead forward, so every path ends at an outcome' });
          }
        } else if (s === undefined) {
          visit(o.next);
        }
      });
    }
    stack.pop();
    state.set(id, 'done');
  };
  visit(tree.start);
  return problems;
}

/**
 * The URL of a step lists every answer from the start (`?a=0.2.1`), at most MAX_ANSWERS of them:
 * no step may be further from the start than that along any path. Runs on a tree without cycles.
 */
function checkDepth(file: string, tree: Tree, index: Map<string, number>): Problem[] {
  const nodeOf = (id: string) => tree.nodes[index.get(id) ?? -1];
  // Nodes in topological order (reverse post-order from the start), then the longest path to each.
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const node = nodeOf(id);
    if (node && hasOptions(node)) for (const o of node.options) visit(o.next);
    order.push(id);
  };
  visit(tree.start);
  const depth = new Map<string, number>([[tree.start, 0]]);
  const via = new Map<string, string>();
  for (const id of order.reverse()) {
    const node = nodeOf(id);
    const d = depth.get(id) ?? 0;
    if (!node || !hasOptions(node)) continue;
    for (const o of node.options) {
      if (d + 1 > (depth.get(o.next) ?? -1)) {
        depth.set(o.next, d + 1);
        via.set(o.next, id);
      }
    }
  }
  let deepest = tree.start;
  for (const { id } of tree.nodes) if ((depth.get(id) ?? 0) > (depth.get(deepest) ?? 0)) deepest = id;
  const answers = depth.get(deepest) ?? 0;
  if (answers <= MAX_ANSWERS) return [];
  const path = [deepest];
  for (let up = via.get(deepest); up !== undefined; up = via.get(up)) path.unshift(up);
  const shown = path.length > 6 ? [...path.slice(0, 3), '…', ...path.slice(-2)] : path;
  return [
    {
      file,
      path: `nodes[${String(index.get(deepest) ?? -1)}] (${deepest})`,
      found: `a step ${String(answers)} answers from the start (${shown.join(' → ')})`,
      expected: `at most ${String(MAX_ANSWERS)} answers from the start to any step: the URL of a step holds at most that many (?a=0.2.1)`,
    },
  ];
}

/** Every root-to-leaf path of a valid tree, as lists of node ids. */
export function allPaths(tree: Tree): string[][] {
  const byId = new Map(tree.nodes.map((n) => [n.id, n]));
  const out: string[][] = [];
  const walk = (id: string, path: string[]) => {
    const node = byId.get(id);
    if (!node) return;
    const next = [...path, id];
    if (isOutcome(node) || !hasOptions(node)) {
      out.push(next);
      return;
    }
    for (const o of node.options) walk(o.next, next);
  };
  walk(tree.start, []);
  return out;
}
