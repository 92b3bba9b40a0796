/**
 * The languages the site is written in, and text that exists in each of them. The folder of a
 * guide entry names its language; a triage tree holds both languages in one structure.
 */
import { z } from 'zod';

export const LANGS = ['zh', 'en'] as const;
export const LangSchema = z.enum(LANGS);
export type Lang = z.output<typeof LangSchema>;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The other language of the two. */
export function otherLang(lang: Lang): Lang {
  return lang === 'zh' ? 'en' : 'zh';
}

const text = z.string().trim().min(1);

/** A string in both languages. Both are required: a missing one is a missing translation. */
export const LocalizedSchema = z.strictObject({
  /** Chinese text. */
  zh: text,
  /** English text. */
  en: text,
});
export type Localized = z.output<typeof LocalizedSchema>;

/** A list of strings in both languages (fix steps, what to attach). */
export const LocalizedListSchema = z.strictObject({
  zh: z.array(text).min(1),
  en: z.array(text).min(1),
});
export type LocalizedList = z.output<typeof LocalizedListSchema>;
