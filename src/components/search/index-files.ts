/**
 * The search index files of this build (see src/lib/search/shards.ts), computed once per build and
 * read by the file route (src/pages/search/index/[file].json.ts) and by every page (which names
 * the manifest in `<html data-search-index>`).
 *
 * Every file is named by its content: `meta.<hash>.json`, `s-<n>.<hash>.json`, `m-<n>.<hash>.json`,
 * and `manifest.<hash>.json` maps the plain names (`meta`, `s-3`) to them. Pages of one build can
 * only ask for that build's files, so no HTTP cache or service worker can hand a page a new
 * `meta` with old shards, and an old tab still finds its own files in the old build's cache.
 */
import { createHash } from 'node:crypto';
import { errorAnswers, indexRecord, treeOutcomes } from '../../lib/search/index-record.ts';
import { slotsIn } from '../../lib/variables/context.ts';
import { VARIABLES } from '../../lib/variables/definitions.ts';
import { loadErrors } from '../errors/load.ts';
import { indexFiles } from '../../lib/search/shards.ts';
import { compileSignatureIndex } from '../../lib/search/signatures.ts';
import { loadGuides } from '../guide/load.ts';
import { loadTrees } from '../triage/load.ts';

export interface SearchIndexFiles {
  /** File name without `.json` → its JSON text. */
  files: Map<string, string>;
  /** Name (without `.json`) of the manifest that maps plain names to hashed ones. */
  manifest: string;
}

const hashed = (name: string, json: string) => `${name}.${createHash('sha256').update(json).digest('hex').slice(0, 12)}`;

let built: Promise<SearchIndexFiles> | undefined;

export function searchIndexFiles(): Promise<SearchIndexFiles> {
  built ??= (async () => {
    const trees = await loadTrees();
    const outcomes = treeOutcomes(trees.map((t) => t.tree));
    const answers = errorAnswers(await loadErrors(), trees, (code, lang) => slotsIn(code, lang, VARIABLES));
    const index = compileSignatureIndex((await loadGuides()).map((g) => indexRecord(g, outcomes)), answers);
    const plain = indexFiles(index);
    const files = new Map<string, string>();
    const names: Record<string, string> = {};
    for (const [name, body] of plain) {
      const json = JSON.stringify(body);
      names[name] = hashed(name, json);
      files.set(names[name], json);
    }
    const manifestJson = JSON.stringify(names);
    const manifest = hashed('manifest', manifestJson);
    files.set(manifest, manifestJson);
    return { files, manifest };
  })();
  return built;
}
