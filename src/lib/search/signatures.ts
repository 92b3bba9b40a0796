/**
 * The error-signature index: compiled at build time from every guide's frontmatter (both
 * languages), matched in the browser against a prepared query.
 *
 * Data shape (JSON, served as /search/signatures.json):
 *   sections: one per slug, with its number and title in each language;
 *   docs: one per distinct signature, title or one-line symptom, with its tokens precomputed;
 *         `lang` is set on text written in one language (symptom phrases, titles);
 *   idf: token → inverse document frequency over sections, so rare tokens count for more.
 * Lifecycle: built once per build; fetched once per page on first search; read-only after that.
 */
import type { Lang } from '../schemas/guide.ts';
import type { PreparedQuery } from './normalize.ts';
import { normalizeLine } from './normalize.ts';
import { bm25, buildBag, guideText, type Bag, type WeightedText } from './bm25.ts';
import { tokenize } from './tokens.ts';

export type DocKind = 'exception' | 'message' | 'output' | 'symptom' | 'title';

export interface SignatureDoc {
  /** Index into `sections`. */
  s: number;
  kind: DocKind;
  text: string;
  lang?: Lang;
  /** Distinct tokens of the (normalised) text. */
  t: string[];
}

export interface SignatureIndex {
  v: 1;
  sections: Array<{ slug: string; section: string; title: Partial<Record<Lang, string>> }>;
  docs: SignatureDoc[];
  idf: Record<string, number>;
  /** Per section (same order as `sections`): weighted term frequencies of its text in both languages. */
  bags: Bag[];
}

export interface GuideForIndex {
  lang: Lang;
  slug: string;
  section: string;
  title: string;
  symptom: string;
  signatures: Array<{ kind: 'exception' | 'message' | 'output' | 'symptom'; text: string }>;
  /** The MDX body, for the section's word bag. */
  body?: string;
}

/** Builds the index from every guide entry of every language. */
export function compileSignatureIndex(guides: ReadonlyArray<GuideForIndex>): SignatureIndex {
  const slugs = [...new Set(guides.map((g) => g.slug))].sort();
  const sections: SignatureIndex['sections'] = slugs.map((slug) => {
    const twins = guides.filter((g) => g.slug === slug);
    const title: Partial<Record<Lang, string>> = {};
    for (const g of twins) title[g.lang] = g.title;
    return { slug, section: twins[0]?.section ?? '', title };
  });
  const docs: SignatureDoc[] = [];
  const seen = new Set<string>();
  const add = (s: number, kind: DocKind, text: string, lang?: Lang) => {
    const key = `${String(s)}|${kind}|${lang ?? ''}|${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    const t = [...new Set(tokenize(kind === 'exception' ? text : normalizeLine(text)))];
    if (t.length === 0) return;
    docs.push({ s, kind, text, t, ...(lang ? { lang } : {}) });
  };
  for (const g of guides) {
    const s = slugs.indexOf(g.slug);
    for (const sig of g.signatures) add(s, sig.kind, sig.text, sig.kind === 'symptom' ? g.lang : undefined);
    add(s, 'title', g.title, g.lang);
    add(s, 'title', g.symptom.replace(/`/g, ''), g.lang);
  }
  const df = new Map<string, Set<number>>();
  for (const d of docs) for (const t of d.t) df.set(t, (df.get(t) ?? new Set()).add(d.s));
  const idf: Record<string, number> = {};
  for (const [t, set] of df) idf[t] = Math.round(Math.log(1 + sections.length / set.size) * 1000) / 1000;
  const bags = slugs.map((slug) => {
    const parts: WeightedText[] = [];
    for (const g of guides.filter((x) => x.slug === slug)) {
      const text = guideText(g.body ?? '');
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
  });
  return { v: 1, sections, docs, idf, bags };
}

/** Sections ranked by BM25 over their whole text, for queries no signature recognises. */
export function matchText(query: PreparedQuery, index: SignatureIndex): Array<{ slug: string; section: string; score: number }> {
  // Whole text, not just error lines: tool output (wrk, top, docker ps) says what it is in its
  // other lines. Hosts, numbers and ids are not in any section's bag, so they weigh nothing.
  const text = [query.kept, ...query.exceptions].join('\n');
  return bm25(tokenize(text), index.bags).flatMap((h) => {
    const s = index.sections[h.index];
    return s ? [{ slug: s.slug, section: s.section, score: h.score }] : [];
  });
}

export interface SignatureHit {
  slug: string;
  section: string;
  score: number;
  /** A known error: an exception, message or output signature matched nearly whole. */
  known: boolean;
  /** The signature or phrase that matched best. */
  matched: string;
  kind: DocKind;
  /** Set when the best match was text in this language (e.g. a Chinese phrase on the English site). */
  lang?: Lang;
}

const KIND_WEIGHT: Record<DocKind, number> = { exception: 1, message: 1, output: 1, symptom: 0.8, title: 0.6 };
const MIN_COVERAGE: Record<DocKind, number> = { exception: 1, message: 0.7, output: 0.7, symptom: 0.6, title: 0.6 };

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** Ranks sections by how well their signatures match the query; best first. */
export function matchSignatures(query: PreparedQuery, index: SignatureIndex): SignatureHit[] {
  const queryTokens = new Set(tokenize([query.focus, ...query.errorLines, ...query.exceptions].join('\n')));
  const idf = (t: string) => index.idf[t] ?? 0;
  const perSection = new Map<number, Array<{ doc: SignatureDoc; score: number; coverage: number }>>();

  for (const doc of index.docs) {
    let coverage: number;
    let weight: number;
    if (doc.kind === 'exception') {
      const hit = query.exceptions.some((e) =>
        doc.text.includes('.') ? e === doc.text : e === doc.text || lastSegment(e) === doc.text,
      );
      coverage = hit ? 1 : 0;
      weight = doc.t.reduce((sum, t) => sum + idf(t), 0);
    } else {
      const total = doc.t.reduce((sum, t) => sum + idf(t), 0);
      const matchedTokens = doc.t.filter((t) => queryTokens.has(t));
      const matched = matchedTokens.reduce((sum, t) => sum + idf(t), 0);
      coverage = total > 0 ? matched / total : 0;
      weight = matched;
      if (matchedTokens.length < Math.min(2, doc.t.length)) coverage = 0;
    }
    if (coverage < MIN_COVERAGE[doc.kind]) continue;
    const score = coverage * coverage * weight * KIND_WEIGHT[doc.kind];
    perSection.set(doc.s, [...(perSection.get(doc.s) ?? []), { doc, score, coverage }]);
  }

  const hits: SignatureHit[] = [];
  for (const [s, matches] of perSection) {
    matches.sort((a, b) => b.score - a.score);
    const best = matches[0];
    const section = index.sections[s];
    if (!best || !section) continue;
    const rest = matches.slice(1, 6).reduce((sum, m) => sum + m.score, 0);
    hits.push({
      slug: section.slug,
      section: section.section,
      score: Math.round((best.score + 0.3 * rest) * 1000) / 1000,
      known: best.doc.kind !== 'symptom' && best.doc.kind !== 'title' && best.coverage >= 0.8,
      matched: best.doc.text,
      kind: best.doc.kind,
      ...(best.doc.lang ? { lang: best.doc.lang } : {}),
    });
  }
  hits.sort((a, b) => b.score - a.score || a.section.localeCompare(b.section));
  // Keep the hits that are close enough to the best to be worth reading.
  const top = hits[0]?.score ?? 0;
  return hits.filter((h) => h.score >= top * 0.25);
}

export interface SectionHit extends Partial<Omit<SignatureHit, 'slug' | 'section' | 'score'>> {
  slug: string;
  section: string;
  score: number;
  known: boolean;
}

/**
 * The sections for a query, best first: signature matches and whole-text BM25 fused (each scaled
 * by its best score; a known error weighs 1.5, another signature match 0.7, the text 1). Sections
 * far below the best are left to full-text search.
 */
export function rankSections(query: PreparedQuery, index: SignatureIndex, limit = 5): SectionHit[] {
  const sig = matchSignatures(query, index);
  const text = matchText(query, index);
  const fused = new Map<string, SectionHit>();
  const topText = text[0]?.score ?? 1;
  const topSig = sig[0]?.score ?? 1;
  for (const h of text) fused.set(h.slug, { slug: h.slug, section: h.section, score: h.score / topText, known: false });
  for (const h of sig) {
    const prev = fused.get(h.slug);
    const add = ((h.known ? 1.5 : 0.7) * h.score) / topSig;
    const { score: _score, ...rest } = h;
    fused.set(h.slug, { ...rest, score: (prev?.score ?? 0) + add });
  }
  const ranked = [...fused.values()].sort((a, b) => b.score - a.score || a.section.localeCompare(b.section));
  const best = ranked[0]?.score ?? 0;
  return ranked.filter((h) => h.score >= best * 0.3).slice(0, limit);
}
