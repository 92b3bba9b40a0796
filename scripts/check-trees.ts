/**
 * Validates every triage tree (schema and graph, links into the guides) without building, and
 * prints each tree's size. Usage: node scripts/check-trees.ts [trees-folder]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatProblems, type Problem } from '../src/lib/errors/problems.ts';
import { targetsFrom } from '../src/lib/decision-tree/targets.ts';
import { allPaths, validateTree } from '../src/lib/decision-tree/validate.ts';
import { readGuides } from '../tests/support/guide-files.ts';

const folder = process.argv[2] ?? 'src/content/trees';
const targets = targetsFrom(readGuides().guides);
const problems: Problem[] = [];
for (const name of readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()) {
  const file = join(folder, name);
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push({ file, path: '(file)', found: `invalid YAML: ${error instanceof Error ? error.message : String(error)}`, expected: 'valid YAML' });
    continue;
  }
  const { tree, problems: own } = validateTree(file, raw, targets);
  problems.push(...own);
  if (tree) console.log(`${file}: ${String(tree.nodes.length)} nodes, ${String(allPaths(tree).length)} paths`);
}
if (problems.length > 0) {
  console.error(formatProblems('Invalid triage tree', problems));
  process.exit(1);
}
