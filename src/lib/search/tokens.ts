/**
 * Tokens for matching error text and symptom phrases, the same way on both sides (signatures at
 * build time, queries in the browser):
 * - Latin words lower-cased; a dotted name (`redis.exceptions.ConnectionError`) gives the whole
 *   name and each part; a CamelCase name also gives its words (`ConnectionError` → `connection`, `error`);
 * - Han characters as overlapping pairs (`连接池满` → `连接`, `接池`, `池满`), a lone character as itself;
 * - placeholders (`<n>`, `<host>`) and common words dropped: they say nothing about which problem it is.
 */

const STOP = new Set(
  'a an and are as at be been but by can could did do does for from had has have how i if in into is it its my no not of on or our so than that the their then there these this to too was we were what when where which while why will with you your very really just also after before get got keeps keep still app application'.split(
    ' ',
  ),
);

const HAN = /\p{Script=Han}/u;

/** Light English stemming: enough to make `timeouts`/`timeout`, `connections`/`connection` meet. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function camelParts(word: string): string[] {
  const parts = word.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  return parts.length > 1 ? parts : [];
}

export function tokenize(text: string): string[] {
  const out: string[] = [];
  const push = (t: string) => {
    const lower = t.toLowerCase();
    if (lower.length < 2 && !HAN.test(lower)) return;
    if (STOP.has(lower) || /^\d+$/.test(lower)) return;
    out.push(stem(lower));
  };
  // Placeholders first, so `<host>` never becomes the word `host`.
  const cleaned = text.replace(/<(?:int|num|n|host|port|str|path|url|uuid|hex|ts|email|id)>/gi, ' ');
  for (const run of cleaned.split(/[^\p{L}\p{N}_.]+/u)) {
    if (run === '') continue;
    // Split Han runs from Latin runs: "Redis内存满了" → "Redis", "内存满了".
    for (const piece of run.split(/(?<=\p{Script=Han})(?=[^\p{Script=Han}])|(?<=[^\p{Script=Han}])(?=\p{Script=Han})/u)) {
      if (HAN.test(piece)) {
        const chars = [...piece].filter((c) => HAN.test(c));
        if (chars.length === 1) out.push(chars[0] ?? '');
        for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
        continue;
      }
      const word = piece.replace(/^\.+|\.+$/g, '');
      if (word === '') continue;
      if (word.includes('.')) {
        push(word);
        for (const part of word.split('.')) {
          push(part);
          for (const sub of camelParts(part)) push(sub);
        }
      } else {
        push(word);
        for (const sub of camelParts(word)) push(sub);
      }
    }
  }
  return out;
}
