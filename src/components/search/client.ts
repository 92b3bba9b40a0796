/**
 * The search client in the browser: fetches and caches the index files and Pagefind, and merges
 * what they find. The ranking itself is src/lib/search/query.ts (the function the tests run):
 * known error signatures and section text first, then Pagefind full text with a fallback
 * cascade, without duplicates. Loaded on first use only (dynamic import).
 *
 * State: the Pagefind module and the index files fetched so far, each loaded once per page and
 * kept; a failed load is forgotten so the next search can try again.
 */
import type { Lang } from '../../lib/i18n/langs.ts';
import { excerptSegments, type ExcerptSegment } from '../../lib/search/excerpt.ts';
import { bundlesOf, MORE_BUNDLES_FILE } from '../../lib/search/pagefind-bundle.ts';
import { prepareQuery, type PreparedQuery } from '../../lib/search/normalize.ts';
import { cascade, rankQuery, type SectionResult } from '../../lib/search/query.ts';
import type { ErrorAnswer } from '../../lib/search/signatures.ts';
import { fillSlots } from '../../lib/variables/values.ts';
import { loadValues } from '../variables/stored-values.ts';

/** A known error's likely cause and first check, shown with the first result. */
export interface ResultAnswer {
  cause: string;
  /** The fix in the guide (section and heading). */
  fixHref: string;
  /** The wizard step that checks it. */
  stepHref?: string;
  stepTitle?: string;
  /** The step's first command, the reader's values in place. */
  command?: { lang: string; code: string };
}

export interface ResultItem {
  href: string;
  /** Set on the first result when it is a known error with a code: what to do now. */
  answer?: ResultAnswer;
  title: string;
  section?: string;
  /** Matched a known error signature. */
  known: boolean;
  /** The signature or phrase that matched, shown as text. */
  matched?: string;
  /** Set when the match was text written in the other language. */
  matchedLang?: Lang;
  excerpt: ExcerptSegment[];
  source: 'signature' | 'fulltext';
}

export interface FullTextOutcome {
  /** Pagefind's results not already among the section results, in its order. */
  items: ResultItem[];
  /** Which full-text query found them ('' when none did). */
  fullTextQuery: string;
  /** Pagefind could not be loaded. */
  unavailable: boolean;
}

/**
 * A search in two answers. The section index (a few small files) answers first, so the reader
 * sees results at once; Pagefind's full text joins when it is ready, as items to add after them,
 * never reordering what is shown.
 */
export interface SearchRun {
  query: PreparedQuery;
  /** The section index's answer; undefined when the index could not be loaded. */
  sections: ResultItem[] | undefined;
  fullText: Promise<FullTextOutcome>;
}

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: Array<{ url: string; title: string; excerpt: string }>;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options: Record<string, unknown>): Promise<void>;
  search(term: string): Promise<{ results: Array<{ id: string; data(): Promise<PagefindResultData> }> }>;
}

let pagefind: Promise<Pagefind> | undefined;
/** Index files fetched so far (the manifest, meta, shards, section chunks), by name; kept for the page's life. */
const files = new Map<string, Promise<unknown>>();

/**
 * This build's file for an index name (`meta`, `s-3`, `m-0`): every file is named by its content,
 * and the page names its build's manifest of those names in `<html data-search-index>` (see
 * src/components/search/index-files.ts), so a page never mixes files of two builds.
 */
async function hashedName(base: string, name: string): Promise<string> {
  const names = await indexFile<Record<string, string>>(base, document.documentElement.dataset['searchIndex'] ?? 'manifest', true);
  const file = names[name];
  if (file === undefined) throw new Error(`${name}: not in the search index manifest`);
  return file;
}

function indexFile<T>(base: string, name: string, isFileName = false): Promise<T> {
  let p = files.get(name);
  if (!p) {
    p = (isFileName ? Promise.resolve(name) : hashedName(base, name))
      .then((file) => fetch(`${base}search/index/${file}.json`))
      .then((r) => {
        if (!r.ok) throw new Error(`${name}.json: HTTP ${String(r.status)}`);
        return r.json() as Promise<unknown>;
      });
    p.catch(() => files.delete(name));
    files.set(name, p);
  }
  return p as Promise<T>;
}

function loadPagefind(base: string, lang: Lang): Promise<Pagefind> {
  pagefind ??= (async () => {
    const url = `${base}pagefind/pagefind.js`;
    // The bundles of this language's later Pagefind runs (scripts/search-index.ts), asked for beside the loader.
    const more = fetch(`${base}pagefind/${MORE_BUNDLES_FILE}`)
      .then((r) => (r.ok ? (r.json() as Promise<unknown>) : undefined))
      .catch(() => undefined);
    const pf = (await import(/* @vite-ignore */ url)) as Pagefind;
    // baseUrl: Pagefind's result URLs are paths in dist/; under a sub-path base they need it in front.
    const options = { excerptLength: 24, baseUrl: base };
    await pf.options(options);
    await pf.init();
    for (const folder of bundlesOf(await more, lang)) await pf.mergeIndex(`${base}pagefind/${folder}`, options);
    return pf;
  })();
  pagefind.catch(() => (pagefind = undefined));
  return pagefind;
}

/** Starts loading what the first answer needs (the section index), e.g. when the search field gets focus. */
export function preload(base: string): void {
  void indexFile(base, 'meta').catch(() => undefined);
}

const hasAnswer = (hit: SectionResult | undefined) => hit?.answer !== undefined;

function answerOf(answer: ErrorAnswer, slug: string, lang: Lang, base: string, values: Record<string, string>): ResultAnswer {
  const step = answer.step;
  return {
    cause: answer.cause[lang] ?? '',
    fixHref: `${base}${lang}/guides/${slug}/#${answer.fix[lang] ?? 'solutions'}`,
    ...(step ? { stepHref: `${base}${lang}/triage/${step.tree}/${step.start ? '' : `${step.node}/`}`, stepTitle: (step.title[lang] ?? '').replace(/`([^`]+)`/g, '$1') } : {}),
    ...(step?.command ? { command: { lang: step.command.lang, code: fillSlots(step.command.code, step.command.slots, values) } } : {}),
  };
}

function pathOf(url: string): string {
  return url.replace(/[#?].*$/, '');
}

export async function search(raw: string, lang: Lang, base: string): Promise<SearchRun> {
  const ranked = await rankQuery(raw, lang, (name) => indexFile(base, name)).catch(() => undefined);
  const query = ranked?.query ?? prepareQuery(raw);
  const values = hasAnswer(ranked?.sections[0]) ? loadValues() : {};
  const sections = ranked?.sections.map(
    (hit, i): ResultItem => ({
      href: `${base}${lang}/guides/${hit.slug}/`,
      ...(i === 0 && hit.answer ? { answer: answerOf(hit.answer, hit.slug, lang, base, values) } : {}),
      title: hit.title,
      section: hit.section,
      known: hit.known,
      ...(hit.matched ? { matched: hit.matched } : {}),
      ...(hit.lang && hit.lang !== lang ? { matchedLang: hit.lang } : {}),
      excerpt: [],
      source: 'signature',
    }),
  );
  const shown = new Set((sections ?? []).map((i) => pathOf(i.href)));
  return { query, sections, fullText: fullText(query, lang, base, shown) };
}

/** Pagefind's results for the query, through the fallback cascade, leaving out pages already shown. */
async function fullText(query: PreparedQuery, lang: Lang, base: string, shown: ReadonlySet<string>): Promise<FullTextOutcome> {
  try {
    const pf = await loadPagefind(base, lang);
    for (const term of cascade(query)) {
      const found = await pf.search(term);
      if (found.results.length === 0) continue;
      const data = await Promise.all(found.results.slice(0, 8).map((r) => r.data()));
      const items: ResultItem[] = [];
      for (const d of data) {
        const path = pathOf(d.url);
        if (shown.has(path) || items.some((i) => pathOf(i.href) === path)) continue;
        const sub = d.sub_results?.find((s) => s.url.includes('#') && s.title !== d.meta.title);
        items.push({
          href: sub?.url ?? d.url,
          title: sub ? `${d.meta.title ?? ''} › ${sub.title}` : (d.meta.title ?? path),
          known: false,
          excerpt: excerptSegments(sub?.excerpt ?? d.excerpt),
          source: 'fulltext',
        });
      }
      return { items, fullTextQuery: term, unavailable: false };
    }
    return { items: [], fullTextQuery: '', unavailable: false };
  } catch {
    return { items: [], fullTextQuery: '', unavailable: true };
  }
}
