/** The search index compiled from the guide files as the build compiles it, and the query sets (for Node tests). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TreeSchema } from '../../src/lib/decision-tree/schema.ts';
import { indexRecord, treeOutcomes } from '../../src/lib/search/index-record.ts';
import { compileSignatureIndex, type SignatureIndex } from '../../src/lib/search/signatures.ts';
import { readGuides } from './guide-files.ts';

export function signatureIndexFromGuides(folder = 'src/content/guides', treesFolder = 'src/content/trees'): SignatureIndex {
  const trees = treeOutcomes(
    readdirSync(treesFolder)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => TreeSchema.parse(parse(readFileSync(join(treesFolder, f), 'utf8')))),
  );
  return compileSignatureIndex(readGuides(folder).guides.map((g) => indexRecord(g, trees)));
}

export interface CorpusQuery {
  id: string;
  query: string;
  expect: string[];
  kind: 'error' | 'symptom-zh' | 'symptom-en' | 'paste';
  source?: string;
}

export function loadQueries(file: 'tests/fixtures/search-corpus.json' | 'tests/fixtures/search-holdout.json'): CorpusQuery[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { queries: CorpusQuery[] }).queries;
}

export async function loadCorpus(): Promise<CorpusQuery[]> {
  return loadQueries('tests/fixtures/search-corpus.json');
}
