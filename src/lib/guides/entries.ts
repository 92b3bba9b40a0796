/**
 * Helpers over collection entry ids (`zh/db-pool-exhausted`): the id's folder is the language,
 * the rest is the slug shared by both languages.
 */
import type { GuideRef } from './order.ts';
import { type Guide } from '../schemas/guide.ts';
import { isLang, LANGS, type Lang } from '../i18n/langs.ts';

export function langOfEntry(id: string): Lang {
  const lang = id.split('/')[0];
  if (!isLang(lang)) throw new Error(`Guide id ${JSON.stringify(id)} is not under ${LANGS.map((l) => `${l}/`).join(' or ')}`);
  return lang;
}

export function slugOfEntry(id: string): string {
  return id.split('/').slice(1).join('/');
}

/** The guides of one language as plain references (for indexes and previous/next). */
export function guideRefs(entries: ReadonlyArray<{ id: string; data: Guide }>, lang: Lang): GuideRef[] {
  return entries
    .filter((e) => langOfEntry(e.id) === lang)
    .map((e) => ({
      slug: slugOfEntry(e.id),
      section: e.data.section,
      chapter: e.data.chapter,
      title: e.data.title,
      symptom: e.data.symptom,
    }));
}

/** Astro's frontmatter fence (@astrojs/internal-helpers/frontmatter): at the start, after blank lines or a BOM. */
const FRONTMATTER = /(?:^\uFEFF?|^\s*\n)---([\s\S]*?\n)---/;

/**
 * A guide file's body as Astro's MDX entry type gives it (`entry.body`): the text after the
 * frontmatter, trimmed. The guides collection does not keep bodies in Astro's data store
 * (content.config.ts, `retainBody: false`): that store is bundled into the server build as one
 * module, and at 1,000 guides per language it was 47 MB of source that the bundler parsed and
 * held. loadGuides() reads each file instead, once.
 */
export function mdxBody(fileText: string): string {
  const m = FRONTMATTER.exec(fileText);
  return (m ? fileText.replace(`---${m[1] ?? ''}---`, '') : fileText).trim();
}
