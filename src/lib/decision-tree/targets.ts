/** Guide anchors per slug and language, from guide files read outside Astro (tests, scripts). */
import { guideAnchors } from '../guides/anchors.ts';
import type { GuideFile } from '../guides/read-folder.ts';
import type { GuideTargets } from './validate.ts';

export function targetsFromGuideFiles(files: ReadonlyArray<GuideFile>): GuideTargets {
  const map = new Map<string, { zh: Set<string>; en: Set<string> }>();
  for (const f of files) {
    const m = /\/(zh|en)\/([^/]+)\.mdx$/.exec(f.file);
    if (!m) continue;
    const lang = m[1] as 'zh' | 'en';
    const slug = m[2] ?? '';
    const entry = map.get(slug) ?? { zh: new Set<string>(), en: new Set<string>() };
    entry[lang] = guideAnchors(f.body);
    map.set(slug, entry);
  }
  return map;
}
