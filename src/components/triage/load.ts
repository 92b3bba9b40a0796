/**
 * Loads the triage trees for the pages and checks their links into the guides against the
 * headings the guides really render, so a link to a missing section or anchor fails the build.
 * Astro-side glue (astro:content); the checks themselves are pure (src/lib/decision-tree).
 */
import { getCollection } from 'astro:content';
import { ContentError } from '../../lib/errors/problems.ts';
import type { Tree } from '../../lib/decision-tree/schema.ts';
import { targetsFrom } from '../../lib/decision-tree/targets.ts';
import { validateTree } from '../../lib/decision-tree/validate.ts';
import { loadGuides } from '../guide/load.ts';

export interface LoadedTree {
  id: string;
  tree: Tree;
}

let cached: Promise<LoadedTree[]> | undefined;


/** Every tree, checked against the guides, in index order. Computed once per build. */
export function loadTrees(): Promise<LoadedTree[]> {
  cached ??= (async () => {
    // The anchors of every guide page, from the guides' outlines: the ids the pages carry.
    const targets = targetsFrom(await loadGuides());
    const entries = await getCollection('trees');
    const problems = entries.flatMap((e) => validateTree(e.filePath ?? e.id, e.data, targets).problems);
    if (problems.length > 0) throw new ContentError('Invalid triage tree', problems);
    return entries
      .map((e) => ({ id: e.id, tree: e.data }))
      .sort((a, b) => a.tree.order - b.tree.order || a.id.localeCompare(b.id));
  })();
  return cached;
}
