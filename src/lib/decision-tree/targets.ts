/** Guide anchors per slug and language, computed from the guides' MDX text (no build needed). */
import { guideAnchors } from '../guides/anchors.ts';
import type { GuideFile } from '../guides/read-folder.ts';
import type { Lang } from '../schemas/guide.ts';
import type { GuideTargets } from './validate.ts';

/** For each slug, the heading ids of its page in each language. */
export function targetsFrom(guides: Iterable<{ lang: Lang; slug: string; body: string }>): GuideTargets {
  const map = new Map<string, { zh: Set<string>; en: Set<string> }>();
  for (const g of guides) {
    const entry = map.get(g.slug) ?? { zh: new Set<string>(), en: new Set<string>() };
    entry[g.lang] = guideAnchors(g.body);
    map.set(g.slug, entry);
  }
  return map;
}

/** The same from guide files read outside Astro (tests, scripts). */
export function targetsFromGuideFiles(files: ReadonlyArray<GuideFile>): GuideTargets {
  return targetsFrom(
    files.flatMap((f) => {
      const m = /\/(zh|en)\/([^/]+)\.mdx$/.exec(f.file);
      return m ? [{ lang: m[1] as Lang, slug: m[2] ?? '', body: f.body }] : [];
    }),
  );
}
