/**
 * The one mapping from a guide (its frontmatter and its parsed model) to what the search index
 * takes of it. The index endpoint (src/pages/search/index/[file].json.ts) and the tests build the
 * index through this function, so they rank over the same index.
 */
import type { GuideModel } from '../guides/parse.ts';
import type { Lang } from '../i18n/langs.ts';
import type { Guide } from '../schemas/guide.ts';
import type { GuideForIndex } from './signatures.ts';

export interface IndexableGuide {
  lang: Lang;
  slug: string;
  data: Guide;
  model: GuideModel;
}

export function indexRecord({ lang, slug, data, model }: IndexableGuide): GuideForIndex {
  return {
    lang,
    slug,
    section: data.section,
    title: data.title,
    symptom: data.symptom,
    signatures: data.signatures,
    text: {
      headings: model.headings.map((h) => h.text).join('\n'),
      causes: model.blocks.find((b) => b.kind === 'causes')?.text ?? '',
      // Prose and code: full-text search (Pagefind) leaves code out, this index covers it.
      body: [...model.blocks.map((b) => b.text), ...model.code.map((c) => c.text)].join('\n'),
    },
  };
}
