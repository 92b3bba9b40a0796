/**
 * Line breaks for the labels of the tree overview, computed at build time (an SVG `<text>` does
 * not wrap). English breaks at spaces only, never inside a word; Chinese breaks between
 * characters, except before closing punctuation (，。）…) and after opening punctuation (（“…),
 * and between a Chinese character and a Latin word. A word wider than a whole line (a dotted
 * exception name) breaks after its own punctuation (`.` `/` `_` `-` `:`), as a reader would.
 *
 * Widths are estimated from a table of advance widths in em that errs wide: at least as wide as
 * DejaVu Sans, the widest of the usual system sans-serif fonts, so a label that fits here fits
 * on the reader's screen.
 */

/** Han, kana, hangul, CJK punctuation and full-width forms: one em each, a break on either side. */
const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;
/** No break before these. */
const CLOSING = /[，。、：；！？）」』】〉》”’〕｝％…—,.:;!?)\]}]/u;
/** No break after these. */
const OPENING = /[（「『【〈《“‘〔｛([{]/u;
/** Where a word too long for one line may break: after its own punctuation. */
const WORD_BREAK_AFTER = /[./_\-:,&=?]/;

const WIDTHS: Array<[RegExp, number]> = [
  [/[ijlI.,:;'|!]/, 0.34],
  [/[ frt()[\]{}/-]/, 0.45],
  [/[mwMW@%]/, 1.0],
  [/[A-Z]/, 0.8],
  [/[0-9a-z]/, 0.65],
  [/[_`*"?]/, 0.6],
  [/[=<>#+~&^$]/, 0.85],
];

/** Estimated advance width of `text` in em. */
export function textWidth(text: string): number {
  let em = 0;
  for (const ch of text) {
    if (CJK.test(ch)) em += 1;
    else em += WIDTHS.find(([re]) => re.test(ch))?.[1] ?? 0.75;
  }
  return em;
}

interface Chunk {
  text: string;
  /** A space separates this chunk from the one before (dropped where the line breaks). */
  space: boolean;
}

/** Splits text into chunks with no break opportunity inside (a word, one Chinese character with its punctuation). */
function chunks(text: string): Chunk[] {
  const out: Chunk[] = [];
  let space = false;
  let prev = '';
  for (const ch of text.replace(/\s+/g, ' ').trim()) {
    if (ch === ' ') {
      space = true;
      continue;
    }
    const last = out.at(-1);
    const latinPair = prev !== '' && !CJK.test(prev) && !CJK.test(ch);
    if (last && !space && (latinPair || OPENING.test(prev) || CLOSING.test(ch))) last.text += ch;
    else out.push({ text: ch, space });
    space = false;
    prev = ch;
  }
  return out;
}

/** Breaks a word wider than `max` after its own punctuation; as a last resort, between characters. */
function splitLong(text: string, max: number): string[] {
  const parts: string[] = [];
  let part = '';
  for (const ch of text) {
    part += ch;
    if (WORD_BREAK_AFTER.test(ch)) {
      parts.push(part);
      part = '';
    }
  }
  if (part) parts.push(part);
  const lines: string[] = [];
  let line = '';
  for (const p of parts) {
    if (line && textWidth(line + p) > max) {
      lines.push(line);
      line = '';
    }
    line += p;
  }
  if (line) lines.push(line);
  // A piece with no punctuation that is still too wide: characters, so that nothing is cut.
  return lines.flatMap((l) => {
    if (textWidth(l) <= max) return [l];
    const out: string[] = [];
    let cur = '';
    for (const ch of l) {
      if (cur && textWidth(cur + ch) > max) {
        out.push(cur);
        cur = '';
      }
      cur += ch;
    }
    return cur ? [...out, cur] : out;
  });
}

/** The lines of a label `max` em wide. */
export function wrapLabel(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const c of chunks(text)) {
    const joined = line + (c.space && line ? ' ' : '') + c.text;
    if (textWidth(joined) <= max) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    if (textWidth(c.text) <= max) line = c.text;
    else {
      const parts = splitLong(c.text, max);
      lines.push(...parts.slice(0, -1));
      line = parts.at(-1) ?? '';
    }
  }
  if (line) lines.push(line);
  return lines;
}
