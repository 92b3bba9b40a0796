/**
 * The ids of the headings on a guide page, computed from its MDX the way Astro computes them
 * (github-slugger over the heading text), plus the four block anchors every guide has.
 * Used to check links into guides (triage trees) without building the site.
 */
import GithubSlugger from 'github-slugger';
import { BLOCK_KINDS } from './blocks.ts';

/** Plain text of a Markdown heading: code spans, emphasis and links reduced to their text. */
function headingText(markdown: string): string {
  return markdown
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]*)\*\*|__([^_]*)__/g, '$1$2')
    .replace(/\*([^*]*)\*|_([^_]*)_/g, '$1$2')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim();
}

export function guideAnchors(body: string): Set<string> {
  const slugger = new GithubSlugger();
  const ids = new Set<string>(BLOCK_KINDS);
  ids.add('signatures');
  for (const m of body.matchAll(/^#{2,6} (.+)$/gm)) ids.add(slugger.slug(headingText(m[1] ?? '')));
  return ids;
}
