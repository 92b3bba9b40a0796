import type { Lang } from './langs.ts';

/** The site language for a browser's preference list: the first zh-* or en-* wins; English otherwise. */
export function preferredLang(languages: ReadonlyArray<string>): Lang {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'zh') return 'zh';
    if (primary === 'en') return 'en';
  }
  return 'en';
}
