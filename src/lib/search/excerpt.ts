/**
 * Pagefind excerpts are HTML: page text, escaped, with `<mark>` around matched words. We never
 * insert them as HTML. This splits an excerpt into text segments, marked or not, to be rendered
 * with text nodes: `<mark>` is the only markup that survives, everything else stays text.
 */
export interface ExcerptSegment {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
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
