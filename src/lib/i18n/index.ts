/**
 * UI strings by language. Content (the guides) is translated file by file; everything the layout
 * and components print comes from here (what the browser's scripts print, from scripts/: fill.ts says why).
 */
import type { Lang } from './langs.ts';
import { en, type UiKey } from './en.ts';
import { zh } from './zh.ts';
import { fill } from './fill.ts';

export type { UiKey };
export const dictionaries: Record<Lang, Record<UiKey, string>> = { en, zh };

/** The string for `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function t(lang: Lang, key: UiKey, vars: Record<string, string | number> = {}): string {
  return fill(dictionaries[lang][key], vars);
}

/** `<html lang>` for a site language: Pagefind picks its index by this exact code. */
export function htmlLang(lang: Lang): string {
  return dictionaries[lang]['lang.htmlLang'];
}

export { otherLang } from './langs.ts';
