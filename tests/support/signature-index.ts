/** The search index compiled from the guide files as the build compiles it, and the query sets (for Node tests). */
import { readFileSync } from 'node:fs';
import { ContentError } from '../../src/lib/errors/problems.ts';
import { errorCatalogue } from '../../src/lib/guides/error-codes.ts';
import { errorAnswers, indexRecord, treeOutcomes } from '../../src/lib/search/index-record.ts';
import { slotsIn } from '../../src/lib/variables/context.ts';
import { VARIABLES } from '../../src/lib/variables/definitions.ts';
import { compileSignatureIndex, type SignatureIndex } from '../../src/lib/search/signatures.ts';
import { readGuides } from './guide-files.ts';
import { readTrees } from './tree-files.ts';

export function signatureIndexFromGuides(folder = 'src/content/guides', treesFolder = 'src/content/trees'): SignatureIndex {
  const treeList = readTrees(treesFolder);
  const trees = treeOutcomes(treeList.map((t) => t.tree));
  // A guide the build would reject must not quietly drop out of what ranking specs and tools measure.
  const { guides, files, problems } = readGuides(folder);
  if (problems.length > 0) throw new ContentError('Invalid guides', problems);
  const unreadable = files.filter((f) => f.yamlError).map((f) => f.file);
  if (unreadable.length > 0) throw new Error(`Guides whose frontmatter is not YAML: ${unreadable.join(', ')}`);
  const { families } = errorCatalogue(guides, new Map(treeList.map((t) => [t.id, new Set(t.tree.nodes.map((n) => n.id))])));
  return compileSignatureIndex(guides.map((g) => indexRecord(g, trees)), errorAnswers(families, treeList, (code, lang) => slotsIn(code, lang, VARIABLES)));
}

export interface CorpusQuery {
  id: string;
  query: string;
  expect: string[];
  kind: 'error' | 'symptom-zh' | 'symptom-en' | 'paste';
  source?: string;
}

export function loadQueries(file: 'tests/fixtures/search-corpus.json' | 'tests/fixtures/search-holdout.json' | 'tests/fixtures/search-dev.json'): CorpusQuery[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { queries: CorpusQuery[] }).queries;
}

export async function loadCorpus(): Promise<CorpusQuery[]> {
  return loadQueries('tests/fixtures/search-corpus.json');
}
