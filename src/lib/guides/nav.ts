/**
 * What the section navigation of a guide page lists: every chapter, and the sections under them.
 * Its size must not grow with the guide (the HTML and CSS of a page fit one round trip, 14.6 KB
 * gz): while a language has few sections (LIST_ALL or fewer) every chapter lists all of them;
 * past that, only the current chapter lists sections (the current one and those around it, at
 * most AROUND), and every other chapter is a link to its part of the symptom index.
 * Plain data in, plain data out.
 */
import type { ChapterGroup } from './order.ts';

/**
 * The most sections a language may have for the navigation to list them all. Measured (npm run
 * bench): 13 sections listed cost 504 B gz on a page, about 27 B each plus the ten chapters;
 * 24 would cost about 800 B, and a window with links to the other chapters costs 389 B.
 */
export const LIST_ALL = 24;
/** The most sections of the current chapter listed once the whole list is too long. */
export const AROUND = 12;

export interface NavChapter<T> extends ChapterGroup<T> {
  /** This page's chapter. */
  current: boolean;
  /** The sections listed: all of the chapter's, a window around the current one, or none. */
  listed: T[];
  /** How many of the chapter's sections are not listed (reachable from the symptom index). */
  unlisted: number;
  /**
   * A chapter of one section is listed as that section's link alone, not a disclosure around one
   * link: one click instead of two, and its number (`6.1`) names the chapter.
   */
  only: T | undefined;
}

export interface NavLimits {
  listAll: number;
  around: number;
}

/** The navigation of the page `currentSlug`, from the chapters of its language (groupByChapter). */
export function sectionNav<T extends { slug: string }>(
  chapters: ReadonlyArray<ChapterGroup<T>>,
  currentSlug: string,
  { listAll, around }: NavLimits = { listAll: LIST_ALL, around: AROUND },
): NavChapter<T>[] {
  const total = chapters.reduce((sum, c) => sum + c.guides.length, 0);
  return chapters.map((c) => {
    const index = c.guides.findIndex((g) => g.slug === currentSlug);
    const current = index >= 0;
    let listed: T[];
    if (total <= listAll) listed = c.guides;
    else if (!current) listed = [];
    else {
      const from = Math.max(0, Math.min(index - Math.floor(around / 2), c.guides.length - around));
      listed = c.guides.slice(from, from + around);
    }
    const only = c.guides.length === 1 && listed.length === 1 ? listed[0] : undefined;
    return { ...c, current, listed, unlisted: c.guides.length - listed.length, only };
  });
}
