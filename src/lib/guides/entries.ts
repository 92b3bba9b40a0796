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
