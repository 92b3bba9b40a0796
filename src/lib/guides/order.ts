/**
 * Ordering and grouping of guide entries: the symptom index on the home page, previous/next links,
 * and the language twin of a page. Plain data in, plain data out.
 */
import { CHAPTERS, type ChapterId } from '../schemas/chapters.ts';

export interface GuideRef {
  slug: string;
  section: string;
  chapter: ChapterId;
  title: string;
  symptom: string;
}

/** Orders section numbers numerically: "2.1" < "2.2" < "10.1". */
export function compareSections(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

export function sortGuides<T extends { section: string }>(guides: ReadonlyArray<T>): T[] {
  return [...guides].sort((a, b) => compareSections(a.section, b.section));
}

export interface ChapterGroup<T> {
  chapter: ChapterId;
  number: number;
  guides: T[];
}

/** Chapters in guide order, each with its sections in order; chapters without sections are left out. */
export function groupByChapter<T extends { section: string; chapter: ChapterId }>(
  guides: ReadonlyArray<T>,
): ChapterGroup<T>[] {
  const sorted = sortGuides(guides);
  return CHAPTERS.map((chapter, i) => ({
    chapter,
    number: i + 1,
    guides: sorted.filter((g) => g.chapter === chapter),
  })).filter((group) => group.guides.length > 0);
}

/** Previous and next of every guide, from one sort: slug → { prev, next }. */
export function neighboursOfAll<T extends { slug: string; section: string }>(guides: ReadonlyArray<T>): Map<string, { prev?: T; next?: T }> {
  const sorted = sortGuides(guides);
  return new Map(
    sorted.map((g, i) => {
      const prev = sorted[i - 1];
      const next = sorted[i + 1];
      return [g.slug, { ...(prev ? { prev } : {}), ...(next ? { next } : {}) }];
    }),
  );
}

/** Splits text with `code` spans into parts, so one-line symptoms can show inline code. */
export function splitInlineCode(text: string): Array<{ code: boolean; text: string }> {
  const parts: Array<{ code: boolean; text: string }> = [];
  const re = /`([^`]+)`/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ code: false, text: text.slice(last, m.index) });
    parts.push({ code: true, text: m[1] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ code: false, text: text.slice(last) });
  return parts;
}

/** Plain text of a symptom: backticks removed. */
export function plainText(text: string): string {
  return splitInlineCode(text)
    .map((p) => p.text)
    .join('');
}
