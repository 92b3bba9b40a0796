/** The search index compiled from the guide files as the build compiles it, and the query sets (for Node tests). */
import { readFileSync } from 'node:fs';
import { indexRecord } from '../../src/lib/search/index-record.ts';
import { compileSignatureIndex, type SignatureIndex } from '../../src/lib/search/signatures.ts';
import { readGuides } from './guide-files.ts';

export function signatureIndexFromGuides(folder = 'src/content/guides'): SignatureIndex {
  return compileSignatureIndex(readGuides(folder).guides.map(indexRecord));
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
