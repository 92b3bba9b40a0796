/**
 * The error-signature index: compiled at build time from every guide's frontmatter (both
 * languages), matched in the browser against a prepared query.
 *
 * Data shape of the compiled index (in memory at build time; shards.ts cuts it into files):
 *   sections: one per slug, with its number and title in each language;
 *   docs: one per distinct signature, title or one-line symptom, with its tokens precomputed;
 *         `lang` is set on text written in one language (symptom phrases, titles);
 *   idf: token → inverse document frequency over sections, so rare tokens count for more;
 *   bags: per section, weighted term frequencies of its whole text (both languages), for BM25,
 *         packed (bm25.ts).
 * Queries run against a QueryModel (model.ts): the whole index in tests, or the shards a query
 * needs in the browser.
 */
import type { Lang } from '../i18n/langs.ts';
import { exampleLine } from './template.ts';
import { normalizeLine } from './normalize.ts';
import type { ChapterId } from '../schemas/chapters.ts';
import type { Signature, SignatureKind } from '../schemas/guide.ts';
import type { Slot } from '../variables/values.ts';
import { buildBag, packBags, type PackedBags, type WeightedText } from './bm25.ts';
import { concepts } from './lexicon.ts';
import { tokenize } from './tokens.ts';

/**
 * What a doc of the index is: one of the guide's signatures, its title or one-line symptom, or
 * the concepts (lexicon.ts) that its title, symptom phrases and causes name, in either language.
 */
export type DocKind = SignatureKind | 'title' | 'concept';

/** A doc in readers' words (a symptom phrase, a title, the concepts they name), not an error the software prints. */
export const isPhrase = (kind: DocKind): boolean => kind === 'symptom' || kind === 'title' || kind === 'concept';

/**
 * What search can say about a known error at once, by its code (src/lib/guides/error-codes.ts):
 * the likely cause, where its fix is, and the wizard step that checks it with its first command.
 */
export interface ErrorAnswer {
  /** The likely cause: the heading of the fix, per language. */
  cause: Partial<Record<Lang, string>>;
  /** The fix's anchor on the guide page, per language. */
  fix: Partial<Record<Lang, string>>;
  step?: {
    tree: string;
    node: string;
    /** The step is the tree's first, reached at the tree's own address. */
    start: boolean;
    title: Partial<Record<Lang, string>>;
    /** The step's first command, with the places the reader's values go. */
    command?: { lang: string; code: string; slots: Slot[] };
  };
}

export interface SignatureDoc {
  /** Index into `sections`. */
  s: number;
  kind: DocKind;
  text: string;
  lang?: Lang;
  /** The error family's code, on error signatures that have one. */
  c?: string;
  /** Set on an error this section covers only while the application starts (the guide's `when`). */
  when?: NonNullable<Signature['when']>;
  /** Set on a line printed after the real error that names it only in general (the guide's `wraps`). */
  wraps?: 1;
  /**
   * Set on a doc of a section that narrows another to a setting (`narrows`) when the doc says
   * nothing the other section does not: a phrase that names no concept the other section's phrases
   * do not ("status exited seconds after launch" is 10.1's only in a container), or an error that
   * the other section lists as the same line. Search weighs it less when the query does not name
   * the setting.
   */
  wide?: 1;
  /** Set on an error of a section that others narrow: those of them that list the same line. In their setting it is theirs. */
  narrowed?: number[];
  /**
   * Set on a phrase of a section that others narrow, naming those of them whose phrases name every
   * concept it names ("内存一直涨" of 7.1 beside 3.2's "redis memory keeps growing"): in their
   * setting it is theirs. The mirror of `wide`.
   */
  within?: number[];
  /** Distinct tokens of the (normalised) text. */
  t: string[];
}

export interface SignatureIndex {
  v: 1;
  sections: Array<{ slug: string; section: string; title: Partial<Record<Lang, string>>; answers?: Record<string, ErrorAnswer> }>;
  docs: SignatureDoc[];
  idf: Record<string, number>;
  /** Per section (same order as `sections`): weighted term frequencies of its text in both languages. */
  bags: PackedBags;
  /** Sections that narrow another to a setting: [this section, the other, the setting's concept token (`~container`)]. */
  narrows: Narrowing[];
  /** Sections of the startup chapter: problems of an application while it starts. */
  startup: number[];
}

/**
 * [section, the section it narrows, the concept token that names the setting, the concept tokens
 * that turn the narrowing off in a description] (a guide's `narrows`).
 */
export type Narrowing = [number, number, string, string[]?];

export interface GuideForIndex {
  lang: Lang;
  slug: string;
  section: string;
  title: string;
  symptom: string;
  signatures: ReadonlyArray<Pick<Signature, 'kind' | 'text' | 'code' | 'when' | 'wraps'>>;
  /** The section's numbered causes (the first line of each) and the titles of the triage outcomes that lead to it. */
  causes?: readonly string[];
  /** The section's text for its word bag: heading texts, the causes block, and all prose and code. */
  text?: { headings: string; causes: string; body: string };
  /** The other section this one is in a setting, the concept that names the setting, and those that turn it off (`unless`). */
  narrows?: { guide: string; concept: string; unless?: readonly string[] | undefined } | undefined;
  /** The guide's chapter (`startup`, `database`, …). */
  chapter?: ChapterId;
}

/** Builds the index from every guide entry of every language. */
export function compileSignatureIndex(guides: ReadonlyArray<GuideForIndex>, answers: ReadonlyMap<string, ErrorAnswer> = new Map()): SignatureIndex {
  const slugs = [...new Set(guides.map((g) => g.slug))].sort();
  const bySlug = new Map<string, GuideForIndex[]>();
  for (const g of guides) bySlug.set(g.slug, [...(bySlug.get(g.slug) ?? []), g]);
  const slugIndex = new Map(slugs.map((slug, i) => [slug, i]));
  const sections: SignatureIndex['sections'] = slugs.map((slug) => {
    const twins = bySlug.get(slug) ?? [];
    const title: Partial<Record<Lang, string>> = {};
    for (const g of twins) title[g.lang] = g.title;
    const codes = [...new Set(twins.flatMap((g) => g.signatures.flatMap((sig) => (sig.code ? [sig.code] : []))))];
    const own = Object.fromEntries(codes.flatMap((code) => (answers.has(code) ? [[code, answers.get(code) as ErrorAnswer] as const] : [])));
    return { slug, section: twins[0]?.section ?? '', title, ...(Object.keys(own).length > 0 ? { answers: own } : {}) };
  });
  const docs: SignatureDoc[] = [];
  const seen = new Set<string>();
  const add = (s: number, kind: DocKind, text: string, lang?: Lang, sig?: Pick<Signature, 'code' | 'when' | 'wraps'>) => {
    const key = `${String(s)}|${kind}|${lang ?? ''}|${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    const t = kind === 'concept' ? concepts(text) : [...new Set(tokenize(kind === 'exception' ? text : normalizeLine(exampleLine(text))))];
    if (t.length === 0) return;
    // Concept docs match by their concepts alone: a section's phrases that name the same ones
    // are one doc (the first phrase stands for them), so a common concept keys fewer docs.
    if (kind === 'concept') {
      const same = `${String(s)}|concept|${[...t].sort().join(' ')}`;
      if (seen.has(same)) return;
      seen.add(same);
    }
    docs.push({ s, kind, text, t, ...(lang ? { lang } : {}), ...(sig?.code ? { c: sig.code } : {}), ...(sig?.when ? { when: sig.when } : {}), ...(sig?.wraps ? { wraps: 1 as const } : {}) });
  };
  for (const g of guides) {
    const s = slugIndex.get(g.slug) ?? -1;
    for (const sig of g.signatures) add(s, sig.kind, sig.text, sig.kind === 'symptom' ? g.lang : undefined, sig);
    add(s, 'title', g.title, g.lang);
    add(s, 'title', g.symptom.replace(/`/g, ''), g.lang);
    // What the section is about, as concepts: a description in other words, or in the other
    // language, meets these where it shares no word with the guide. A title names it even with one
    // concept ("High CPU usage": cpu); another phrase takes two.
    for (const text of [g.title, g.symptom, ...g.signatures.filter((x) => x.kind === 'symptom').map((x) => x.text), ...(g.causes ?? [])]) {
      if (concepts(text).length >= (text === g.title ? 1 : 2)) add(s, 'concept', text, g.lang);
    }
  }
  const df = new Map<string, Set<number>>();
  for (const d of docs) for (const t of d.t) df.set(t, (df.get(t) ?? new Set()).add(d.s));
  const idf: Record<string, number> = {};
  for (const [t, set] of df) idf[t] = Math.round(Math.log(1 + sections.length / set.size) * 1000) / 1000;
  // One section's bag at a time, packed as it is made: the bags as objects were the largest part of
  // the build's heap at 3,000 guides per language.
  const bagOf = (slug: string) => {
    const parts: WeightedText[] = [];
    for (const g of bySlug.get(slug) ?? []) {
      const text = g.text ?? { headings: '', causes: '', body: '' };
      parts.push(
        { text: g.title, weight: 3 },
        { text: g.symptom, weight: 3 },
        ...g.signatures.map((sig) => ({ text: sig.kind === 'exception' ? sig.text : normalizeLine(sig.text), weight: 2 })),
        { text: text.headings, weight: 2 },
        { text: text.causes, weight: 2 },
        { text: text.body, weight: 1 },
      );
    }
    return buildBag(parts);
  };
  const bags = packBags((function* () {
    for (const slug of slugs) yield bagOf(slug);
  })());
  const narrows: Narrowing[] = [];
  for (const [slug, twins] of bySlug) {
    const n = twins.find((g) => g.narrows)?.narrows;
    const other = n ? slugIndex.get(n.guide) : undefined;
    const self = slugIndex.get(slug) ?? -1;
    if (n && other !== undefined) narrows.push(n.unless ? [self, other, `~${n.concept}`, n.unless.map((c) => `~${c}`)] : [self, other, `~${n.concept}`]);
  }
  // What a narrowing section says that the other one says too (SignatureDoc.wide, .narrowed), and
  // what the other one says that it says too (SignatureDoc.within).
  const docsOf = Map.groupBy(docs, (d) => d.s);
  const line = (d: SignatureDoc) => [...d.t].sort().join(' ');
  // The concepts a phrase names, read once: a section can be on either side of several narrowings.
  const phraseConcepts = new Map<SignatureDoc, string[]>();
  const conceptsOf = (d: SignatureDoc): string[] => {
    let found = phraseConcepts.get(d);
    if (found === undefined) phraseConcepts.set(d, (found = concepts(d.text)));
    return found;
  };
  const phrasesOf = (s: number) => (docsOf.get(s) ?? []).filter((d) => isPhrase(d.kind));
  for (const [narrow, wide] of narrows) {
    const wideNamed = new Set(phrasesOf(wide).flatMap(conceptsOf));
    const narrowNamed = new Set(phrasesOf(narrow).flatMap(conceptsOf));
    const lines = Map.groupBy((docsOf.get(wide) ?? []).filter((d) => !isPhrase(d.kind)), line);
    for (const w of phrasesOf(wide)) {
      const own = conceptsOf(w);
      if (own.length > 0 && own.every((c) => narrowNamed.has(c))) w.within = [...(w.within ?? []), narrow];
    }
    for (const d of docsOf.get(narrow) ?? []) {
      if (isPhrase(d.kind)) {
        if (conceptsOf(d).every((c) => wideNamed.has(c))) d.wide = 1;
        continue;
      }
      const same = lines.get(line(d)) ?? [];
      if (same.length > 0) d.wide = 1;
      for (const w of same) w.narrowed = [...(w.narrowed ?? []), narrow];
    }
  }
  const startup = slugs.flatMap((slug, i) => ((bySlug.get(slug) ?? []).some((g) => g.chapter === 'startup') ? [i] : []));
  return { v: 1, sections, docs, idf, bags, narrows, startup };
}

