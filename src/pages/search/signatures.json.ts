/**
 * The error-signature index (see src/lib/search/signatures.ts), one file for both languages:
 * an English error pasted on the Chinese site matches the same signatures, and a Chinese phrase
 * on the English site matches the Chinese symptom phrases of the same section.
 */
import { getCollection } from 'astro:content';
import type { APIRoute } from 'astro';
import { langOfEntry, slugOfEntry } from '../../lib/content.ts';
import { compileSignatureIndex } from '../../lib/search/signatures.ts';

export const GET: APIRoute = async () => {
  const entries = await getCollection('guides');
  const index = compileSignatureIndex(
    entries.map((e) => ({
      lang: langOfEntry(e.id),
      slug: slugOfEntry(e.id),
      section: e.data.section,
      title: e.data.title,
      symptom: e.data.symptom,
      signatures: e.data.signatures,
      body: e.body ?? '',
    })),
  );
  return new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json' } });
};
