/** The decision trees as the build reads them (src/content/trees/*.yaml, validated), for Node tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TreeSchema, type Tree } from '../../src/lib/decision-tree/schema.ts';

/** Every tree of the folder, by file name without `.yaml`, in file-name order. */
export function readTrees(folder = 'src/content/trees'): Array<{ id: string; tree: Tree }> {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ id: f.replace(/\.yaml$/, ''), tree: TreeSchema.parse(parse(readFileSync(join(folder, f), 'utf8'))) }));
}
