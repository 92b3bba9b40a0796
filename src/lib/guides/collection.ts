/**
 * Validation of the guide collection as a whole: each entry against `GuideSchema`, then the rules
 * that span entries (section numbers unique per language, a twin in the other language with the
 * same slug, twins that agree on section, chapter, components and what they narrow, and a section
 * that narrows another one that exists).
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

/** Problems of one entry on its own, without the rules between entries: where it is, then checkEntry. */
export function entryProblems(raw: RawGuideEntry): Problem[] {
  const ref = locateEntry(raw.file);
  return 'path' in ref ? [ref] : checkEntry(raw).problems;
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
  problems.push(...errorCodeProblems(raw.file, guide));
  return { guide, problems };
}

/** Error codes on one entry: on error signatures only, each described under `errors`, and each described one used. */
function errorCodeProblems(file: string, guide: Guide): Problem[] {
  const problems: Problem[] = [];
  const used = new Set<string>();
  guide.signatures.forEach((s, i) => {
    if (s.when !== undefined && s.kind === 'symptom') problems.push({ file, path: `signatures[${String(i)}].when`, found: `"${s.when}" on a symptom phrase`, expected: 'when on exception, message and output signatures only (a phrase has no phase of the application)' });
    if (s.wraps !== undefined && s.kind === 'symptom') problems.push({ file, path: `signatures[${String(i)}].wraps`, found: 'true on a symptom phrase', expected: 'wraps on exception, message and output signatures only (a phrase wraps no error)' });
    if (s.code === undefined) return;
    if (s.kind === 'symptom') problems.push({ file, path: `signatures[${String(i)}].code`, found: `"${s.code}" on a symptom phrase`, expected: 'codes on exception, message and output signatures only (a code names an error the software prints)' });
    else used.add(s.code);
  });
  for (const code of used) {
    if (!Object.hasOwn(guide.errors, code)) problems.push({ file, path: `errors.${code}`, found: 'nothing (the field is missing)', expected: `an entry for the code "${code}" its signatures carry: errors: { ${code}: { fix: <heading id>, step: <tree>/<node> } }` });
  }
  for (const code of Object.keys(guide.errors)) {
    if (!used.has(code)) problems.push({ file, path: `errors.${code}`, found: `"${code}", which no error signature of this entry carries`, expected: 'a code given to at least one exception, message or output signature' });
  }
  return problems;
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

  // A code names one error family, of one section.
  const codeOwner = new Map<string, ValidGuideEntry>();
  for (const e of entries) {
    for (const code of Object.keys(e.data.errors)) {
      const owner = codeOwner.get(code);
      if (!owner) codeOwner.set(code, e);
      else if (owner.slug !== e.slug) {
        problems.push({ file: e.file, path: `errors.${code}`, found: `"${code}", also the code of an error in ${owner.file}`, expected: 'a code used by one section only' });
      }
    }
  }

  // A section narrows another section of its language, not itself.
  const valid = new Map(entries.map((e) => [key(e.lang, e.slug), e]));
  for (const e of entries) {
    const other = e.data.narrows?.guide;
    if (other === undefined) continue;
    if (other === e.slug) problems.push({ file: e.file, path: 'narrows.guide', found: `"${other}", this section itself`, expected: 'the slug of the other section whose problem this one is in a setting' });
    else if (!valid.has(key(e.lang, other))) {
      const slugs = entries.filter((x) => x.lang === e.lang && x.slug !== e.slug).map((x) => x.slug);
      problems.push({ file: e.file, path: 'narrows.guide', found: `"${other}", which is no ${e.lang} guide`, expected: `one of ${slugs.map((s) => `"${s}"`).join(', ')}` });
    }
  }

  // Twins describe the same section.
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
    const codes = (g: ValidGuideEntry) => Object.entries(g.data.errors).map(([code, where]) => `${code}${where.step ? `→${where.step}` : ''}`).sort().join(', ');
    if (codes(twin) !== codes(e)) {
      problems.push({ file: e.file, path: 'errors', found: `[${codes(e)}]`, expected: `[${codes(twin)}], the same codes and steps as its twin ${twin.file}` });
    }
    const narrows = (g: ValidGuideEntry) => (g.data.narrows ? `${g.data.narrows.guide} in ${g.data.narrows.concept}${g.data.narrows.unless ? ` unless ${g.data.narrows.unless.join(', ')}` : ''}` : 'nothing');
    if (narrows(twin) !== narrows(e)) {
      problems.push({ file: e.file, path: 'narrows', found: narrows(e), expected: `${narrows(twin)}, as in its twin ${twin.file}` });
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
