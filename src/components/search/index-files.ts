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
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { errorAnswers, indexRecord, treeOutcomes } from '../../lib/search/index-record.ts';
import { slotsIn } from '../../lib/variables/context.ts';
import { VARIABLES } from '../../lib/variables/definitions.ts';
import { loadErrors } from '../errors/load.ts';
import { indexFiles } from '../../lib/search/shards.ts';
import { compileSignatureIndex } from '../../lib/search/signatures.ts';
import { loadGuides, withModels } from '../guide/load.ts';
import { loadTrees } from '../triage/load.ts';

export interface SearchIndexFiles {
  /** File name without `.json` → its JSON text, deflated (`jsonOf` gives it back). */
  files: Map<string, Uint8Array>;
  /** Name (without `.json`) of the manifest that maps plain names to hashed ones. */
  manifest: string;
}

/**
 * The files are kept deflated until their route writes them: the build holds every one from the
 * first page to the last, and as JS strings (two bytes a character once a file holds any Chinese)
 * they were about 60 MB at 3,000 guides per language; deflated, 6 MB.
 */
const pack = (json: string) => deflateRawSync(json, { level: 1 });
/** A file's JSON text, as the route writes it. */
export const jsonOf = (packed: Uint8Array): string => inflateRawSync(packed).toString('utf8');

const hashed = (name: string, json: string) => `${name}.${createHash('sha256').update(json).digest('hex').slice(0, 12)}`;

let built: Promise<SearchIndexFiles> | undefined;

export function searchIndexFiles(): Promise<SearchIndexFiles> {
  built ??= (async () => {
    const trees = await loadTrees();
    const outcomes = treeOutcomes(trees.map((t) => t.tree));
    const answers = errorAnswers(await loadErrors(), trees, (code, lang) => slotsIn(code, lang, VARIABLES));
    const index = compileSignatureIndex(await withModels(await loadGuides(), (g, model) => indexRecord({ ...g, model }, outcomes)), answers);
    const plain = indexFiles(index);
    const files = new Map<string, Uint8Array>();
    const names: Record<string, string> = {};
    for (const [name, body] of plain) {
      const json = JSON.stringify(body);
      names[name] = hashed(name, json);
      files.set(names[name], pack(json));
    }
    const manifestJson = JSON.stringify(names);
    const manifest = hashed('manifest', manifestJson);
    files.set(manifest, pack(manifestJson));
    return { files, manifest };
  })();
  return built;
}
