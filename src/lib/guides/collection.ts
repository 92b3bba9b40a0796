/**
 * Validation of the guide collection as a whole: each entry against `GuideSchema`, then the rules
 * that span entries (section numbers unique per language, a twin in the other language with the
 * same slug, twins that agree on section, chapter and components).
 *
 * Pure: it takes the raw frontmatter of every entry and returns the problems, all at once.
 */
import { chapterNumber, CHAPTERS } from '../schemas/chapters.ts';
import { GuideSchema, type Guide } from '../schemas/guide.ts';
import { LANGS, type Lang } from '../i18n/langs.ts';
import { problemsFromZod, type Problem } from '../errors/problems.ts';

export interface RawGuideEntry {
  /** Path of the MDX file relative to the project root. */
  file: string;
  /** Frontmatter as parsed from YAML, not yet validated. */
  data: unknown;
}

export interface GuideEntryRef {
  file: string;
  lang: Lang;
  slug: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `src/content/guides/zh/db-pool.mdx` → `{ lang: 'zh', slug: 'db-pool' }`, or a problem. */
export function locateEntry(file: string): GuideEntryRef | Problem {
  const match = /(?:^|\/)([^/]+)\/([^/]+)\.mdx?$/.exec(file);
  const lang = match?.[1];
  const slug = match?.[2];
  if (!match || lang === undefined || slug === undefined || !(LANGS as readonly string[]).includes(lang)) {
    return {
      file,
      path: '(file)',
      found: `the file at ${JSON.stringify(file)}`,
      expected: `a file in a language folder: guides/${LANGS.join('|')}/<slug>.mdx`,
    };
  }
  if (!SLUG.test(slug)) {
    return {
      file,
      path: '(file name)',
      found: JSON.stringify(slug),
      expected: 'a slug of lower-case letters, digits and single hyphens (it becomes the URL)',
    };
  }
  return { file, lang: lang as Lang, slug };
}

/** Problems of one entry on its own: the schema, then rules between its fields. */
export function checkEntry(raw: RawGuideEntry): { guide?: Guide; problems: Problem[] } {
  const result = GuideSchema.safeParse(raw.data ?? {});
  if (!result.success) return { problems: problemsFromZod(raw.file, result.error, raw.data ?? {}) };
  const guide = result.data;
  const problems: Problem[] = [];
  const major = Number(guide.section.split('.')[0]);
  if (major !== chapterNumber(guide.chapter)) {
    const expected = CHAPTERS[major - 1];
    problems.push({
      file: raw.file,
      path: 'chapter',
      found: JSON.stringify(guide.chapter),
      expected:
        expected === undefined
          ? `a section number within chapters 1–${String(CHAPTERS.length)} (section "${guide.section}" has none)`
          : `${JSON.stringify(expected)}, chapter ${String(major)}, which section "${guide.section}" belongs to`,
    });
  }
  return { guide, problems };
}

export interface ValidGuideEntry extends GuideEntryRef {
  data: Guide;
}

/** Validates every entry and the rules between them; returns the valid entries and every problem. */
export function validateGuideEntries(raws: ReadonlyArray<RawGuideEntry>): {
  entries: ValidGuideEntry[];
  problems: Problem[];
} {
  const problems: Problem[] = [];
  const entries: ValidGuideEntry[] = [];
  const located: GuideEntryRef[] = [];

  for (const raw of raws) {
    const ref = locateEntry(raw.file);
    if ('path' in ref) {
      problems.push(ref);
      continue;
    }
    located.push(ref);
    const { guide, problems: own } = checkEntry(raw);
    problems.push(...own);
    if (guide && own.length === 0) entries.push({ ...ref, data: guide });
  }

  // Section numbers are unique within a language.
  for (const lang of LANGS) {
    const bySection = new Map<string, ValidGuideEntry[]>();
    for (const e of entries.filter((x) => x.lang === lang)) {
      bySection.set(e.data.section, [...(bySection.get(e.data.section) ?? []), e]);
    }
    for (const [section, group] of bySection) {
      if (group.length < 2) continue;
      for (const e of group) {
        const others = group.filter((o) => o !== e).map((o) => o.file);
        problems.push({
          file: e.file,
          path: 'section',
          found: `"${section}", also used by ${others.join(', ')}`,
          expected: `a section number used by one ${lang} entry only`,
        });
      }
    }
  }

  // Every entry has a twin with the same slug in every other language.
  const key = (lang: string, slug: string) => `${lang}/${slug}`;
  const present = new Set(located.map((r) => key(r.lang, r.slug)));
  for (const ref of located) {
    for (const other of LANGS) {
      if (other === ref.lang || present.has(key(other, ref.slug))) continue;
      problems.push({
        file: ref.file,
        path: '(file)',
        found: `no ${other} twin (${ref.file.replace(`/${ref.lang}/`, `/${other}/`)} does not exist)`,
        expected: `the same slug in ${LANGS.join(' and ')}`,
        hint: `Add the ${other} translation under the same file name, or rename one of the two so the slugs match.`,
      });
    }
  }

  // Twins describe the same section.
  const valid = new Map(entries.map((e) => [key(e.lang, e.slug), e]));
  for (const e of entries) {
    if (e.lang === LANGS[0]) continue;
    const twin = valid.get(key(LANGS[0], e.slug));
    if (!twin) continue;
    for (const field of ['section', 'chapter'] as const) {
      if (twin.data[field] !== e.data[field]) {
        problems.push({
          file: e.file,
          path: field,
          found: JSON.stringify(e.data[field]),
          expected: `${JSON.stringify(twin.data[field])}, as in its twin ${twin.file}`,
        });
      }
    }
    const a = [...twin.data.components].sort().join(',');
    const b = [...e.data.components].sort().join(',');
    if (a !== b) {
      problems.push({
        file: e.file,
        path: 'components',
        found: `[${b}]`,
        expected: `[${a}], as in its twin ${twin.file}`,
      });
    }
  }

  return { entries, problems };
}
