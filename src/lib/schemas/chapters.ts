/**
 * The ten chapters of the Arya Video Agent troubleshooting guide, in order.
 * A chapter's number is the first part of every section number in it ("2.1" → 2).
 * Titles live in the i18n dictionaries under `chapter.<id>`.
 */
export const CHAPTERS = [
  'startup',
  'database',
  'redis',
  'api',
  'tasks',
  'performance',
  'memory',
  'network',
  'logging',
  'deployment',
] as const;

export type ChapterId = (typeof CHAPTERS)[number];

/** The chapter's number as printed in the guide: `startup` → 1. */
export function chapterNumber(id: ChapterId): number {
  return CHAPTERS.indexOf(id) + 1;
}

export function isChapterId(value: unknown): value is ChapterId {
  return typeof value === 'string' && (CHAPTERS as readonly string[]).includes(value);
}
