/** The signature index compiled from the guide files, as the build compiles it (for Node tests). */
import { readGuideFolder } from '../../src/lib/guides/read-folder.ts';
import { validateGuideEntries } from '../../src/lib/guides/validate.ts';
import { compileSignatureIndex, type SignatureIndex } from '../../src/lib/search/signatures.ts';

export function signatureIndexFromGuides(folder = 'src/content/guides'): SignatureIndex {
  const files = readGuideFolder(folder);
  const { entries } = validateGuideEntries(files);
  return compileSignatureIndex(
    entries.map((e) => ({
      lang: e.lang,
      slug: e.slug,
      section: e.data.section,
      title: e.data.title,
      symptom: e.data.symptom,
      signatures: e.data.signatures,
      body: files.find((f) => f.file === e.file)?.body ?? '',
    })),
  );
}

export interface CorpusQuery {
  id: string;
  query: string;
  expect: string[];
  kind: 'error' | 'symptom-zh' | 'symptom-en';
  source?: string;
}

export async function loadCorpus(): Promise<CorpusQuery[]> {
  const { readFileSync } = await import('node:fs');
  return (JSON.parse(readFileSync('tests/fixtures/search-corpus.json', 'utf8')) as { queries: CorpusQuery[] }).queries;
}
