/**
 * Ranking sections for a prepared query. Works on a QueryModel: what a query needs of the
 * index (candidate signature docs with their token weights, BM25 postings for its tokens, and
 * the sections' slugs), built from the few shards a query fetched (shards.ts, through query.ts).
 */
import type { Lang } from '../i18n/langs.ts';
import type { PreparedQuery } from './normalize.ts';
import type { PackedBags } from './bm25.ts';
import { isPhrase, type DocKind, type Narrowing, type SignatureDoc } from './signatures.ts';
import { concepts, mendSlips } from './lexicon.ts';
import { PLACEHOLDER, tokenize } from './tokens.ts';

/** A doc of the index as a query holds it (shards.ts `modelDoc`): the compiled doc, numbered, with each token's idf. */
export type ModelDoc = SignatureDoc & {
  /** Unique id of the doc (docs can arrive from several shards). */
  i: number;
  /** The idf of each of its tokens (`t`). */
  w: number[];
};

export interface Postings {
  /** Sections that contain the token (before any cap). */
  df: number;
  /** [section index, BM25 term weight without idf], best first. */
  p: Array<[number, number]>;
}

export interface QueryModel {
  /** Number of sections in the whole index. */
  n: number;
  /** Sections that narrow another to a setting (signatures.ts). */
  narrows: ReadonlyArray<Readonly<Narrowing>>;
  /** Sections of the startup chapter (signatures.ts). */
  startup: readonly number[];
  docs: ReadonlyArray<ModelDoc>;
  postings(token: string): Postings | undefined;
  /** Slug and number of section `i`, when known. */
  section(i: number): { slug: string; section: string } | undefined;
}

export const BM25 = { k1: 1.2, b: 0.5 };
/** Tokens a query may use at most: a 100 KB log must not fetch every shard. */
export const MAX_QUERY_TOKENS = 64;

/**
 * A query's tokens, made once per prepared query: a search asks for them three times (the shards
 * to load, the signatures, the text), and tokenising a 20 KB paste takes about 5 ms.
 */
interface QueryTokens {
  /** The words of each error line (the focus line first), for signatures read as one line (matchSignatures). */
  lines: Array<{ t: string[]; set: Set<string> }>;
  /** The error lines' words and exception names, with the concepts they name and those of the focus line before normalising. */
  error: string[];
  /** Most telling first (error lines, then the rest of the text), capped. */
  all: string[];
  /** The concepts it names outside a denial, a name's parts included (namesSetting), read once when a narrowing first asks. */
  affirmed?: Set<string>;
}
const tokensByQuery = new WeakMap<PreparedQuery, QueryTokens>();
/** A paste has lines; a description is one (prepareQuery has trimmed the text). */
const isPaste = (query: PreparedQuery): boolean => /\n\s*\S/.test(query.text);
/**
 * Text of the query as the reader meant it: a description is typed, often in a hurry, so its
 * slips are mended (`conection` → connection); a paste is what the software printed, word for word.
 */
const meant = (query: PreparedQuery, text: string): string => (isPaste(query) ? text : mendSlips(text));

/**
 * A failure or slowness the reader denies (`no errors`, `nothing fails`, `not slow`, `doesn't
 * crash`, 没报错, 没有任何报错, 不慢): the words say what the problem is not, so they are not read
 * as the query's words. "Starts fine, no errors, just slow" is a slow start, not a failed one. A
 * missing message is not denied ("the task failed, no traceback"): only a failure itself is.
 */
const DENIED =
  /\b(?:no|zero|without|not any|nothing)\s+(?:\w+\s+)?(?:errors?|exceptions?|fail\w*|crash\w*)\b|\b(?:not|isn't|wasn't|aren't|never)\s+(?:really\s+|actually\s+)?(?:slow|failing|crashing|erroring|hanging|hung|stuck|freezing|timing out)\b|\bnothing (?:fails|failed|errors|crashes|breaks)\b|\b(?:doesn't|does not|didn't|did not|don't|never|won't)\s+(?:\w+\s+)?(?:fail|crash|error)\w*|没有?(?:任何)?(?:报错|错误|异常|崩溃|报异常)|不报错|无报错|没崩|不慢/gi;
/**
 * A part of the system the reader rules out (`cpu is normal`, `db and redis look fine`, `redis
 * memory is stable`, `cpu isn't maxed`, `the queue is empty`, 数据库没问题, CPU 也没打满): it is what
 * the problem is not, so it is not read as the query's words either. "Responses are slow, cpu is
 * normal" is a slow API, not high CPU. A verdict needs a verb except fine/normal/ok ("cpu normal"):
 * "api boots before postgres healthy" names the database.
 */
const PART = String.raw`(?:(?:the|our|own|its)\s+)*(?:cpus?|memory|mem|ram|db|database|postgres(?:ql)?|pg|redis|network|disk|cache|queue|load|gpu|io|dns)`;
const PARTS = String.raw`\b${PART}(?:\s*(?:,|and|&|/|or)\s*${PART})*(?:\s+(?:memory|mem|ram|cpu|usage|utili[sz]ation|load|latency|connections|side|quer(?:y|ies)))?\s+`;
const FINE = String.raw`(?:is|are|was|were|looks?|seems?|all|both|still|stays?|\w+'s)\s+(?:(?:totally|perfectly|completely|pretty|all)\s+)?(?:fine|normal|ok|okay|healthy|good|green|flat|low|idle|quiet|stable|steady|unchanged|alright|fast|quick|snappy)|fine|normal|ok|okay`;
const NOT_BUSY = String.raw`(?:(?:is|are|was|were)\s+)?(?:not|isnt|isn't|wasn't|aren't|never|nowhere near)\s+(?:even\s+)?(?:maxed(?: out)?|pegged|high|busy|saturated|full|spiking|the (?:problem|issue|bottleneck)|an issue)`;
const PART_ZH = '(?:cpu|内存|数据库|redis|网络|磁盘|缓存|队列|postgres|pg|db)';
const FINE_ZH = String.raw`${PART_ZH}(?:\s*(?:和|、|跟|与|/|,|，)\s*${PART_ZH})*\s*(?:都|也|看着|看起来|显示|使用率|占用|负载)*\s*(?:正常|没问题|没事|很低|不高|空闲|平稳|稳定|ok|好好的|没啥问题|没打满|没有打满|没跑满|没满|不满|没有满)`;
const EMPTY_QUEUE = String.raw`(?:queue|队列)\s*(?:(?:is|was|looks|seems)\s+)?(?:(?:actually|totally|completely)\s+)?(?:empty|(?:明明|其实|都|也|还)?(?:是空的|空的|为空|空着))`;
const RULED_OUT = new RegExp(`${PARTS}(?:${FINE}|${NOT_BUSY})\\b|${FINE_ZH}|${EMPTY_QUEUE}`, 'giu');
const undenied = (text: string) => text.replace(DENIED, ' ').replace(RULED_OUT, ' ');

function tokensOf(query: PreparedQuery): QueryTokens {
  let tokens = tokensByQuery.get(query);
  if (tokens === undefined) {
    const read = (text: string) => undenied(meant(query, text));
    const errorLines = [query.focus, ...query.errorLines].map(read);
    // Tokenising lines one by one gives the words of tokenising them joined, in the same order.
    const lines = errorLines.map((l) => {
      const t = tokenize(l);
      return { t, set: new Set(t) };
    });
    const joined = [...errorLines, ...query.exceptions, ...query.readings].join('\n');
    const error = [...lines.flatMap((l) => l.t), ...tokenize([...query.exceptions, ...query.readings].join('\n')), ...concepts(joined), ...concepts(read(query.focusText))];
    const every = new Set([...error, ...tokenize(read(query.kept), { concepts: true })]);
    const all = [...every].slice(0, MAX_QUERY_TOKENS);
    tokensByQuery.set(query, (tokens = { lines, error, all }));
  }
  return tokens;
}

/** The query's tokens, most telling first (error lines, then the rest of the text), capped. */
export function queryTokens(query: PreparedQuery): string[] {
  return tokensOf(query).all;
}

/**
 * A word that denies what follows (`no docker`, `not in a container`, `outside docker`, `without
 * compose`, 不用docker, 没在容器里): the setting it names is the one the reader is not in.
 */
const NEGATED = /\b(?:no|not|without|outside(?:\s+of)?|never)[\s-]+(?:(?:a|an|the|in|inside|using|via|on|under)\s+)*[\w.-]+|(?:不是|没有|没用|不用|不在|没在)[在用]?\s*[\w\p{Script=Han}]{1,4}/giu;

/** The query names the setting (a concept token, `~container`) other than in a denial. */
function namesSetting(query: PreparedQuery, concept: string): boolean {
  const tokens = tokensOf(query);
  // A name's parts count (`REDIS_URL` names Redis), unlike in the query's tokens, where the parts
  // of a paste's identifiers would be noise.
  tokens.affirmed ??= new Set(concepts(undenied(meant(query, [query.focusText, query.kept || query.text].join('\n'))).replace(NEGATED, ' '), { parts: true }));
  return tokens.affirmed.has(concept);
}

/**
 * Whether the query is in a narrowing's setting (it names the setting's concept), or undefined
 * when it is but the narrowing does not apply: a description that also names one of its `unless`
 * concepts ("the api in compose can't reach postgres on localhost" is 1.1's, not 10.1's).
 */
function inSetting(query: PreparedQuery, [, , concept, unless]: Readonly<Narrowing>): boolean | undefined {
  const named = namesSetting(query, concept);
  return named && !isPaste(query) && unless?.some((c) => namesSetting(query, c)) ? undefined : named;
}

/** `inSetting` for each narrowing section of the model, by that section, read once per ranking. */
const settingsOf = (query: PreparedQuery, model: QueryModel): Map<number, boolean | undefined> => new Map(model.narrows.map((n) => [n[0], inSetting(query, n)]));

/** BM25 term weight of a token in a section, without idf (precomputed at build time). */
export function termWeight(tf: number, length: number, avgLength: number): number {
  return (tf * (BM25.k1 + 1)) / (tf + BM25.k1 * (1 - BM25.b + (BM25.b * length) / avgLength));
}

/**
 * BM25 postings of every token of the bags, best sections first (ties: lower section first), at
 * most `cap` per token; `round` shapes the weights. Tokens come in the bags' numbering. Built from
 * the packed bags without a [section, weight] pair for every term of every section: at 3,000
 * guides per language that was 4.5 million pairs, of which the cap keeps 0.9 million.
 */
export function postingsOf(bags: PackedBags, round: (w: number) => number = (w) => w, cap = Infinity): Map<string, Postings> {
  const sections = bags.ids.length;
  const avg = bags.lengths.reduce((a, x) => a + x, 0) / Math.max(1, sections);
  // Each token's terms side by side (its sections in order), then each token's best ones.
  const df = new Uint32Array(bags.tokens.length);
  for (const ids of bags.ids) for (const id of ids) df[id] = (df[id] ?? 0) + 1;
  const start = new Uint32Array(bags.tokens.length + 1);
  df.forEach((n, id) => (start[id + 1] = (start[id] ?? 0) + n));
  const next = start.slice(0, -1);
  const section = new Uint32Array(start[bags.tokens.length] ?? 0);
  const weight = new Float64Array(section.length);
  for (let s = 0; s < sections; s++) {
    const ids = bags.ids[s] ?? new Uint32Array();
    const tf = bags.tf[s] ?? new Float64Array();
    ids.forEach((id, k) => {
      const at = next[id] ?? 0;
      next[id] = at + 1;
      section[at] = s;
      weight[at] = round(termWeight(tf[k] ?? 0, bags.lengths[s] ?? 0, avg));
    });
  }
  const postings = new Map<string, Postings>();
  bags.tokens.forEach((t, id) => {
    const from = start[id] ?? 0;
    const order = Array.from({ length: df[id] ?? 0 }, (_, k) => from + k).sort((a, b) => (weight[b] ?? 0) - (weight[a] ?? 0) || a - b);
    postings.set(t, { df: df[id] ?? 0, p: order.slice(0, cap).map((at) => [section[at] ?? 0, weight[at] ?? 0]) });
  });
  return postings;
}

export interface RankedSection {
  /** Section index in the whole index. */
  s: number;
  score: number;
  /** A known error: an exception (with its module), message or output signature matched nearly whole. */
  known: boolean;
  /** The signature or phrase that matched best. */
  matched?: string;
  kind?: DocKind;
  /** Set when the best match was text in this language (e.g. a Chinese phrase on the English site). */
  lang?: Lang;
  /** The code of the error family that matched, when it has one. */
  code?: string;
}

const KIND_WEIGHT: Record<DocKind, number> = { exception: 1, message: 1, output: 1, symptom: 0.8, title: 0.6, concept: 1 };
const MIN_COVERAGE: Record<DocKind, number> = { exception: 1, message: 0.7, output: 0.7, symptom: 0.6, title: 0.6, concept: 0.6 };
/** What an exception-class match is worth beside a printed message that matched (see matchSignatures). */
const EXCEPTION_BESIDE_MESSAGE = 0.7;
/** The signature score (idf weight of the words matched, see matchSignatures) that counts in full in a multi-line paste: two or three telling words. */
const PASTE_SIG_FLOOR = 5;
/** The signature score that counts in full in a description: about two concepts' worth, more than a title's lone concept ("High CPU usage": cpu). */
const DESCRIPTION_SIG_FLOOR = 2;
/** What a signature is worth beside a more specific one of another section that matched the same line (see matchSignatures). */
const GENERIC_BESIDE_SPECIFIC = 0.5;
/** What a section's signatures are worth when every error of it that matched stands aside: for the other phase of the application, outside its setting, or a wrapper beside the real error (see matchSignatures). */
const ASIDE = 0.5;
/** What a section weighs in a query outside its setting: a narrowing section without the setting's words, the section it narrows with them (see rankSections). */
const OUTSIDE_SETTING = 0.85;
/** What a startup chapter's section weighs for a description that names no start, restart or crash (see rankSections). */
const NOT_STARTING = 0.9;
/** Concepts that say the application starts, restarts or fails to: a description without any is not about its startup. */
const STARTING = ['~startup', '~restartloop', '~crash'];
/** Concepts of a running application's work (matchSignatures): a job, a request. */
const RUNNING = ['~task', '~api'];
/** What a narrowing section's phrase that is its own only in its setting (SignatureDoc.wide) is worth when the query does not name the setting. */
const WIDE_PHRASE_OUTSIDE_SETTING = 0.25;
const lastSegment = (name: string) => name.slice(name.lastIndexOf('.') + 1);

interface SigMatch {
  s: number;
  score: number;
  known: boolean;
  doc: ModelDoc;
}

/**
 * An exception signature without a module is one of Python's builtin classes (`KeyError`,
 * `TimeoutError`, `ConnectionRefusedError`), raised for too many reasons to name an error family
 * by itself: a missing setting or a missing key in a task's payload, a database that does not
 * answer or an LLM call. It counts as a match, never as a known error on its own.
 */
const isBuiltinClass = (doc: ModelDoc): boolean => doc.kind === 'exception' && !doc.text.includes('.');
/** A signature match that makes a known error: an error signature (not a phrase, not a builtin class) matched nearly whole (`missing`: its words the query lacks). */
const isWholeError = (m: { doc: ModelDoc; coverage: number; missing: number }): boolean =>
  !isPhrase(m.doc.kind) && !isBuiltinClass(m.doc) && m.coverage >= 0.8 && !(m.doc.t.length <= SHORT_LINE && m.missing > 0);
/**
 * A printed line of this many words or fewer is a known error only with every word: weighted by
 * idf, two rare words of `Agent call failed: <str>` cover 0.8 of it, and `SELECT calls` in a psql
 * session on the database `arya_video_agent` holds both.
 */
const SHORT_LINE = 3;

/** The words of a text, lower-cased. */
const wordsOf = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter((w) => w !== '');
/** A placeholder, captured, for splitting a signature around it. */
const PLACEHOLDER_PART = new RegExp(`(${PLACEHOLDER.source})`, 'i');
/** A placeholder for a whole number (`<int>`, `<port>`): in a row of words, it stands for digits only. */
const NUMBER_SLOT = /^<(?:int|port)>$/i;
/**
 * `words` (from wordsOf) holds the words of `text` in a row; a placeholder in `text` stands for any
 * one word, and `<int>` or `<port>` for a number (`Exited (<int>)` is in `Exited (1)`, not in
 * "ffmpeg exited with status 1").
 */
function containsWords(words: readonly string[], text: string): boolean {
  // '' stands for any word, '#' for a number (wordsOf never yields either).
  const own = text.split(PLACEHOLDER_PART).flatMap((part, k) => (k % 2 === 0 ? wordsOf(part) : [NUMBER_SLOT.test(part) ? '#' : '']));
  if (own.length === 0) return false;
  const fits = (w: string, word: string | undefined) => (w === '' ? true : w === '#' ? /^\d+$/.test(word ?? '') : w === word);
  for (let i = 0; i + own.length <= words.length; i++) if (own.every((w, k) => fits(w, words[i + k]))) return true;
  return false;
}

/** The idf weight of the signature's words that a line's tokens hold in the signature's order (a weighted longest common subsequence). */
function inOrderWeight(doc: ModelDoc, line: readonly string[]): number {
  let prev = new Array<number>(line.length + 1).fill(0);
  doc.t.forEach((t, k) => {
    const row = [0];
    for (let j = 1; j <= line.length; j++) row[j] = Math.max(prev[j] ?? 0, row[j - 1] ?? 0, line[j - 1] === t ? (prev[j - 1] ?? 0) + (doc.w[k] ?? 0) : 0);
    prev = row;
  });
  return prev[line.length] ?? 0;
}

/** Sections whose signatures the query contains, best first. */
export function matchSignatures(query: PreparedQuery, model: QueryModel): SigMatch[] {
  const tokens = new Set(tokensOf(query).error);
  const perSection = new Map<number, Array<{ doc: ModelDoc; score: number; coverage: number; missing: number }>>();
  let words: string[] | undefined;
  const settings = settingsOf(query, model);
  /** The query is (true) or is not (false) in the setting of the narrowing of section `s`. */
  const setting = (s: number): boolean | undefined => settings.get(s);
  const pasted = isPaste(query);
  for (const doc of model.docs) {
    const total = doc.w.reduce((a, x) => a + x, 0);
    let coverage: number;
    let weight: number;
    let missing = 0;
    if (doc.kind === 'exception') {
      // `sqlalchemy.exc.TimeoutError` is found as written, or as its class named next to its package
      // (`sqlalchemy TimeoutError`), as people write it in a description.
      const hit = query.exceptions.some((e) =>
        doc.text.includes('.') ? e === doc.text || (e === lastSegment(doc.text) && tokens.has(doc.text.slice(0, doc.text.indexOf('.')).toLowerCase())) : e === doc.text || lastSegment(e) === doc.text,
      );
      coverage = hit ? 1 : 0;
      weight = total;
    } else {
      let matched = 0;
      let count = 0;
      doc.t.forEach((t, k) => {
        if (tokens.has(t)) {
          matched += doc.w[k] ?? 0;
          count++;
        }
      });
      coverage = count === doc.t.length ? 1 : total > 0 ? matched / total : 0;
      missing = doc.t.length - count;
      weight = matched;
      if (count < Math.min(2, doc.t.length)) coverage = 0;
      // A message or output is a line the software prints: its words count where one line of the
      // query holds them in its order. Words from several lines of a paste, or in another order
      // (wrk's `Socket errors: connect 0, read 0, write 0, timeout 417` beside `Timeout reading
      // from socket`), are not that line.
      if ((doc.kind === 'message' || doc.kind === 'output') && coverage >= MIN_COVERAGE[doc.kind]) {
        let inOrder = 0;
        for (const line of tokensOf(query).lines) {
          // The weight of the doc's words this line holds at all bounds what it holds in order.
          const bound = doc.t.reduce((sum, t, k) => (line.set.has(t) ? sum + (doc.w[k] ?? 0) : sum), 0);
          if (bound > inOrder) inOrder = Math.max(inOrder, inOrderWeight(doc, line.t));
          if (inOrder >= matched) break;
        }
        if (inOrder < matched) {
          weight = inOrder;
          coverage = total > 0 ? inOrder / total : 0;
        }
      }
      // A short signature (`Exited (137)`, `-- No entries --`, `exited with code <int>`) is found
      // only as written, its numbers included: its one or two words alone are in too many texts
      // ("top entry", "Exited (1)", "Main process exited, code=killed").
      // A concept doc matches by its concepts, not its words (a title's one concept included).
      const short = doc.kind !== 'concept' && (doc.t.length < 2 || (doc.t.length < 3 && (doc.kind === 'output' || doc.kind === 'message')));
      if (short && coverage > 0 && !containsWords((words ??= wordsOf(query.kept || query.text)), doc.text)) coverage = 0;
    }
    if (coverage < MIN_COVERAGE[doc.kind]) continue;
    let score = coverage * coverage * weight * KIND_WEIGHT[doc.kind];
    // "Exits seconds after launch" is 10.1's in a container, and 1.1's anywhere else.
    if (doc.wide && isPhrase(doc.kind) && setting(doc.s) === false) score *= WIDE_PHRASE_OUTSIDE_SETTING;
    // And in a description that names the setting, a phrase of the narrowed section that names
    // nothing the narrowing section's phrases do not ("内存一直涨" beside "redis memory keeps
    // growing") is the narrowing section's: "redis 内存一直涨到顶" is Redis out of memory. Not in a
    // paste, where a file name (`redis_cache_service.py`) names the setting as well.
    if (!pasted && doc.within?.some((n) => setting(n) === true)) score *= WIDE_PHRASE_OUTSIDE_SETTING;
    perSection.set(doc.s, [...(perSection.get(doc.s) ?? []), { doc, score, coverage, missing }]);
  }
  // A message the software printed says more than the class it was raised as: when a message or
  // output of four or more words matched in every word (`canceling statement due to lock timeout`,
  // `FATAL:  sorry, too many clients already`), a section that matched the exception class around
  // it (`sqlalchemy.exc.OperationalError`, which wraps every database error) counts for less, and
  // that class alone does not make it a known error. Shorter messages are often wrappers themselves
  // (Celery's `Task <str> raised unexpected: <str>`).
  const printed = [...perSection.values()].some((ms) => ms.some((m) => (m.doc.kind === 'message' || m.doc.kind === 'output') && m.coverage === 1 && m.doc.t.length >= 4));
  if (printed) for (const ms of perSection.values()) for (const m of ms) if (m.doc.kind === 'exception') m.score *= EXCEPTION_BESIDE_MESSAGE;
  // The more specific of two matching signatures wins: a signature whose words are all in a longer
  // one that matched as well, in another section, is the generic form of the same line (`Killed
  // process <int> (<str>)` beside `Killed process <int> (redis-server)`) and counts for less.
  const errorMatches = [...perSection.values()].flat().filter(isWholeError);
  for (const m of errorMatches) {
    if (errorMatches.some((n) => n.doc.s !== m.doc.s && n.coverage >= m.coverage && n.doc.t.length > m.doc.t.length && m.doc.t.every((t) => n.doc.t.includes(t)))) m.score *= GENERIC_BESIDE_SPECIFIC;
  }
  // A line printed after the real error (uvicorn's `Application startup failed. Exiting.`) names it
  // only in general: beside a printed error that matched (not a class alone), it counts for less
  // and is not the known error.
  const wrapped = errorMatches.some((m) => !m.doc.wraps && m.doc.kind !== 'exception');
  if (wrapped) for (const m of errorMatches) if (m.doc.wraps) m.score *= GENERIC_BESIDE_SPECIFIC;
  // Some errors are a section's problem only while the application starts (`when: startup`): Redis
  // refusing connections is 1.1's at boot and 3.1's in a request. When the query shows the phase,
  // the section for the other phase counts for half, its phrases that quote the error included,
  // and its error is not the known one: in a running application, a section whose errors matched
  // only as startup errors; at startup, a section whose error is the same line as another
  // section's startup-only one. A paste shows its phase in its lines (normalize.ts); a description
  // in its words: a job or a request, with no start, restart or crash named, is the running
  // application's ("video jobs fail with KeyError on the input json").
  const phase = query.phase ?? (!pasted && !STARTING.some((t) => tokens.has(t)) && RUNNING.some((t) => tokens.has(t)) ? 'running' : undefined);
  const sameError = (a: ModelDoc, b: ModelDoc) => a.t.every((t) => b.t.includes(t)) || b.t.every((t) => a.t.includes(t));
  const startupOnly = errorMatches.filter((m) => m.doc.when === 'startup');
  const outOfPhase = (m: { doc: ModelDoc }) =>
    phase === 'running' ? m.doc.when === 'startup' : phase === 'startup' && m.doc.when !== 'startup' && startupOnly.some((n) => n.doc.s !== m.doc.s && sameError(m.doc, n.doc));
  // An error that a narrowing section lists as the same line as the section it narrows (10.1 lists
  // a database refusing connections at startup, as 1.1 does: in a container, its database was not
  // up yet) is the narrowing section's in its setting, and the other one's outside it.
  const outsideSetting = (m: { doc: ModelDoc }): boolean => {
    if (m.doc.wide) return setting(m.doc.s) === false;
    return (m.doc.narrowed ?? []).some((n) => setting(n) === true && errorMatches.some((x) => x.doc.s === n && x.doc.wide && sameError(x.doc, m.doc) && !outOfPhase(x)));
  };
  const out: SigMatch[] = [];
  for (const [s, matches] of perSection) {
    // In a running application a startup-only signature that is no known error (a builtin class
    // such as KeyError, which a task's payload raises too) counts for half as well.
    if (phase === 'running') for (const m of matches) if (m.doc.when === 'startup' && !isWholeError(m)) m.score *= ASIDE;
    matches.sort((a, b) => b.score - a.score);
    const best = matches[0];
    if (!best) continue;
    const rest = matches.slice(1, 6).reduce((sum, m) => sum + m.score, 0);
    // Known when an error signature (not a phrase) matched nearly whole, even if a phrase that
    // quotes the error scored higher (a one-line symptom often does). The error it is: the most
    // wholly matched signature, then the weightiest ('Error 111 connecting to …' whole, before
    // 'redis.exceptions.ConnectionError: Too many connections' with its long class name).
    const errors = matches.filter((m) => isWholeError(m) && !(printed && m.doc.kind === 'exception'));
    const standing = errors.filter((m) => !outOfPhase(m) && !outsideSetting(m) && !(wrapped && m.doc.wraps));
    const error = standing.sort((a, b) => b.coverage - a.coverage || b.score - a.score)[0];
    const factor = errors.length > 0 && standing.length === 0 ? ASIDE : 1;
    out.push({ s, score: factor * (best.score + 0.3 * rest), known: error !== undefined, doc: (error ?? best).doc });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Sections ranked by BM25 over their whole text. */
export function matchText(query: PreparedQuery, model: QueryModel): Array<{ s: number; score: number }> {
  const scores = new Map<number, number>();
  for (const t of queryTokens(query)) {
    const entry = model.postings(t);
    if (!entry || entry.df === 0) continue;
    const idf = Math.log(1 + (model.n - entry.df + 0.5) / (entry.df + 0.5));
    for (const [s, w] of entry.p) scores.set(s, (scores.get(s) ?? 0) + idf * w);
  }
  return [...scores].map(([s, score]) => ({ s, score })).sort((a, b) => b.score - a.score);
}

/**
 * The sections for a query, best first: signature matches and whole-text BM25 fused (each scaled
 * by its best score; a known error weighs 1.5, another signature match 0.7, the text 1). Sections
 * far below the best are left to full-text search. Sections come back by index; query.ts names them.
 */
export function rankSections(query: PreparedQuery, model: QueryModel, limit = 5): RankedSection[] {
  const sig = matchSignatures(query, model);
  const text = matchText(query, model);
  const fused = new Map<number, RankedSection>();
  const topText = text[0]?.score ?? 1;
  // In a paste of several lines the signatures count in full only from a substantial match: a
  // weak best match there is mostly a reader's phrase that a log's words half-cover by chance. In
  // a description, from a match worth more than one common concept (a title's only one: "cpu").
  const pasted = isPaste(query);
  const topSig = Math.max(sig[0]?.score ?? 1, pasted ? PASTE_SIG_FLOOR : DESCRIPTION_SIG_FLOOR);
  for (const h of text) fused.set(h.s, { s: h.s, score: h.score / topText, known: false });
  for (const h of sig) {
    const prev = fused.get(h.s);
    fused.set(h.s, {
      s: h.s,
      score: (prev?.score ?? 0) + ((h.known ? 1.5 : 0.7) * h.score) / topSig,
      known: h.known,
      matched: h.doc.text,
      kind: h.doc.kind,
      ...(h.doc.lang ? { lang: h.doc.lang } : {}),
      ...(h.known && h.doc.c ? { code: h.doc.c } : {}),
    });
  }
  // The startup chapter's sections are problems of an application that starts: a description
  // that names no start, restart or crash ("we moved redis to another port and the backend can't
  // reach it") is about one that runs. A paste says its phase itself (normalize.ts).
  if (!pasted && !queryTokens(query).some((t) => STARTING.includes(t))) {
    for (const s of model.startup) {
      const h = fused.get(s);
      if (h) h.score *= NOT_STARTING;
    }
  }
  // A section that is another's problem in one setting (10.1 is 1.1 in a container) is the answer
  // when the query names the setting, and the other one when it does not.
  const settings = settingsOf(query, model);
  for (const [narrow, wide] of model.narrows) {
    const named = settings.get(narrow);
    if (named === undefined) continue;
    const h = fused.get(named ? wide : narrow);
    if (h) h.score *= OUTSIDE_SETTING;
  }
  const ranked = [...fused.values()].sort((a, b) => b.score - a.score || a.s - b.s);
  const best = ranked[0]?.score ?? 0;
  return ranked.filter((h) => h.score >= best * 0.3).slice(0, limit);
}
