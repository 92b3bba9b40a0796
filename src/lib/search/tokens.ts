/**
 * Tokens for matching error text and symptom phrases, the same way on both sides (signatures at
 * build time, queries in the browser):
 * - Latin words lower-cased; a dotted name (`redis.exceptions.ConnectionError`) gives the whole
 *   name and each part; a CamelCase name also gives its words (`ConnectionError` → `connection`, `error`),
 *   and a snake_case name its parts (`evicted_keys` → `evicted_keys`, `evict`, `key`);
 * - Han characters as overlapping pairs (`连接池满` → `连接`, `接池`, `池满`), a lone character as itself;
 * - placeholders (`<n>`, `<host>`) and common words dropped: they say nothing about which problem it is;
 * - with `concepts`, the concept tokens of the bilingual lexicon (lexicon.ts) the text names.
 */

import { concepts, snakeParts } from './lexicon.ts';

const STOP = new Set(
  'a an and are as at be been but by can could did do does for from had has have how i if in into is it its my no not of on or our so than that the their then there these this to too was we were what when where which while why will with you your very really just also after before get got keeps keep still app application whenever however although though because whether unless'.split(
    ' ',
  ),
);

const HAN = /\p{Script=Han}/u;

/**
 * Light English stemming, enough for the forms engineers type to meet the guide's: plurals
 * (`timeouts`, `queries`, `crashes`, `processes`), and `-ing`/`-ed` (`restarting`, `crashed`,
 * `hanging`). Irregular and related words (`hung`, `died`) meet through the concept lexicon
 * instead (lexicon.ts).
 */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return undouble(word.slice(0, -3));
  if (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed')) return undouble(word.slice(0, -2));
  if (word.length > 4 && /(?:sh|ss|x)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** `stopp` → `stop`, `runn` → `run` (a doubled last consonant before -ing/-ed). */
function undouble(word: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(word) && !/(?:ll|ss|zz)$/.test(word) ? word.slice(0, -1) : word;
}

/** Chinese words (3+ characters) from the platform's word segmenter, on top of character pairs. */
const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : undefined;

function camelParts(word: string): string[] {
  // An acronym's plural (`SELECTs`, `PIDs`, `URLs`) is one word, not `SELEC` and `Ts`.
  if (/^[A-Z][A-Z0-9]+s$/.test(word)) return [];
  const parts = word.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  return parts.length > 1 ? parts : [];
}

/** `HTTP/1.1`, `HTTP/2`: the protocol is a word, its version is not. */
const HTTP_VERSION = /\bHTTP\/\d(?:\.\d)?\b/gi;

/** The placeholders normalising leaves (`<host>`, `<n>`): never words of their own. */
export const PLACEHOLDER = /<(?:int|num|n|host|port|str|path|url|uuid|hex|ts|email|id)>/gi;

export interface TokenizeOptions {
  /** Add the concept tokens the text names (`~pool`: lexicon.ts), for ranking by meaning. */
  concepts?: boolean;
}

export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const out: string[] = [];
  const push = (t: string) => {
    const lower = t.toLowerCase();
    if (lower.length < 2 && !HAN.test(lower)) return;
    if (STOP.has(lower) || /^\d+$/.test(lower)) return;
    out.push(stem(lower));
  };
  // Placeholders first, so `<host>` never becomes the word `host`; an HTTP version is no word
  // (`1.1` of `HTTP/1.1` met the section numbers guides mention).
  const cleaned = text.replace(HTTP_VERSION, 'HTTP').replace(PLACEHOLDER, ' ');
  for (const run of cleaned.split(/[^\p{L}\p{N}_.]+/u)) {
    if (run === '') continue;
    // Split Han runs from Latin runs: "Redis内存满了" → "Redis", "内存满了".
    for (const piece of run.split(/(?<=\p{Script=Han})(?=[^\p{Script=Han}])|(?<=[^\p{Script=Han}])(?=\p{Script=Han})/u)) {
      if (HAN.test(piece)) {
        const chars = [...piece].filter((c) => HAN.test(c));
        if (chars.length === 1) out.push(chars[0] ?? '');
        for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
        if (segmenter && chars.length > 2) for (const { segment } of segmenter.segment(piece)) if ([...segment].length > 2 && HAN.test(segment)) out.push(segment);
        continue;
      }
      // `(?<!\.)`: trailing dots are tried from the first of them only, so `x……x` stays linear.
      const word = piece.replace(/^\.+|(?<!\.)\.+$/g, '');
      if (word === '') continue;
      if (word.includes('.')) {
        push(word);
        for (const part of word.split('.')) {
          push(part);
          for (const sub of camelParts(part)) push(sub);
        }
      } else {
        push(word);
        for (const sub of [...camelParts(word), ...snakeParts(word)]) push(sub);
      }
    }
  }
  if (options.concepts) out.push(...concepts(text));
  return out;
}
