/** Where a tree's `fix.guide` links may point: for each guide slug, the anchors of its page per language. */
import type { Lang } from '../i18n/langs.ts';
import type { GuideTargets } from './validate.ts';

/** From the guides' outlines (`outline.anchors`: block anchors, `signatures`, heading ids). */
export function targetsFrom(guides: Iterable<{ lang: Lang; slug: string; outline: { anchors: Iterable<string> } }>): GuideTargets {
  const map = new Map<string, Record<Lang, Set<string>>>();
  for (const g of guides) {
    const entry = map.get(g.slug) ?? { zh: new Set<string>(), en: new Set<string>() };
    entry[g.lang] = new Set(g.outline.anchors);
    map.set(g.slug, entry);
  }
  return map;
}
