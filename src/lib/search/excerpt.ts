/**
 * Pagefind excerpts are HTML: page text, escaped, with `<mark>` around matched words. We never
 * insert them as HTML. This splits an excerpt into text segments, marked or not, to be rendered
 * with text nodes: `<mark>` is the only markup that survives, everything else stays text.
 */
import { decodeXML } from 'entities';

export interface ExcerptSegment {
  text: string;
  mark: boolean;
}

/**
 * Pagefind escapes excerpt text the way XML needs it (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`
 * and numeric references), so the XML decoder of the `entities` package is enough here. The
 * 20 KB table of HTML's named entities stays out of the search code (astro.config.mjs). Invalid references
 * (`&#x110000;`) decode to U+FFFD instead of throwing.
 */
export function decodeEntities(text: string): string {
  return decodeXML(text);
}

export function excerptSegments(html: string): ExcerptSegment[] {
  const segments: ExcerptSegment[] = [];
  let mark = false;
  for (const part of html.split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(part)) {
      mark = true;
      continue;
    }
    if (/^<\/mark>$/i.test(part)) {
      mark = false;
      continue;
    }
    // Any other tag that slipped into an excerpt is dropped; its text content stays.
    const text = decodeEntities(part.replace(/<[^>]*>/g, ''));
    if (text !== '') segments.push({ text, mark });
  }
  return segments;
}
