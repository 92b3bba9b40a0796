/**
 * The real triage trees: all valid against the real guides, one per chapter, every root-to-leaf
 * path ending at an outcome that links an existing guide section, every section linked, and at
 * least as many outcomes for a section as the causes it lists.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { formatProblems, type Problem } from '../../src/lib/errors/problems.ts';
import { isOutcome } from '../../src/lib/decision-tree/kinds.ts';
import type { Tree } from '../../src/lib/decision-tree/schema.ts';
import { targetsFrom } from '../../src/lib/decision-tree/targets.ts';
import { allPaths, validateTree } from '../../src/lib/decision-tree/validate.ts';
import { CHAPTERS } from '../../src/lib/schemas/chapters.ts';
import { readGuides } from '../support/guide-files.ts';

const { guides } = readGuides();
const targets = targetsFrom(guides);
const trees: Array<{ file: string; tree: Tree }> = [];
const problems: Problem[] = [];
for (const name of readdirSync('src/content/trees').filter((f) => f.endsWith('.yaml')).sort()) {
  const file = `src/content/trees/${name}`;
  const result = validateTree(file, parse(readFileSync(file, 'utf8')), targets);
  problems.push(...result.problems);
  if (result.tree) trees.push({ file, tree: result.tree });
}

describe('the triage trees', () => {
  test('all validate against the guides', () => {
    assert.equal(problems.length, 0, formatProblems('Invalid triage tree', problems));
  });

  test('every chapter has a tree', () => {
    for (const chapter of CHAPTERS) assert.ok(trees.some((t) => t.tree.chapters.includes(chapter)), `no tree for chapter ${chapter}`);
  });

  test('every root-to-leaf path of every tree ends at an outcome that links an existing guide section or escalates', () => {
    let count = 0;
    for (const { file, tree } of trees) {
      const byId = new Map(tree.nodes.map((n) => [n.id, n]));
      for (const path of allPaths(tree)) {
        count++;
        const leaf = byId.get(path.at(-1) ?? '');
        assert.ok(leaf && isOutcome(leaf), `${file}: ${path.join(' → ')} does not end at an outcome`);
        if (leaf.fix) assert.ok(targets.has(leaf.fix.guide.slug), `${file}: ${leaf.id} links unknown section ${leaf.fix.guide.slug}`);
        else assert.ok(leaf.escalate, `${file}: ${leaf.id} has neither fix nor escalation`);
      }
    }
    const steps = trees.reduce((n, t) => n + t.tree.nodes.length, 0);
    console.log(`${String(trees.length)} trees, ${String(steps)} steps, ${String(count)} root-to-leaf paths`);
    assert.ok(count > 0);
  });

  test('together the outcomes link all 13 sections, each at least once per cause it lists', () => {
    const links = new Map<string, number>();
    for (const { tree } of trees) {
      for (const n of tree.nodes) if (isOutcome(n) && n.fix) links.set(n.fix.guide.slug, (links.get(n.fix.guide.slug) ?? 0) + 1);
    }
    for (const e of guides.filter((x) => x.lang === 'zh')) {
      const listed = e.model.causes.length;
      assert.ok((links.get(e.slug) ?? 0) >= 1, `no outcome links ${e.slug}`);
      assert.ok((links.get(e.slug) ?? 0) >= listed, `${e.slug} lists ${String(listed)} causes but only ${String(links.get(e.slug) ?? 0)} outcomes link it`);
    }
  });

  test('every tree has a way out to the team when nothing matched', () => {
    for (const { file, tree } of trees) assert.ok(tree.nodes.some((n) => isOutcome(n) && n.escalate), `${file} has no escalation`);
  });
});
