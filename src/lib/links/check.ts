/**
 * Internal link checking over built HTML: every `href`/`src` that points inside the site must name
 * a file that exists, and every `#fragment` must name an `id` (or `name`) on the target page.
 * Pure: pages in, broken links out. The dist test feeds it the whole built site.
 */

export interface BrokenLink {
  /** Page the link is on (its URL path). */
  page: string;
  /** The attribute value as written. */
  href: string;
  reason: string;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', '#39': "'", lt: '<', gt: '>', apos: "'" };
const decodeEntities = (s: string) => s.replace(/&(amp|quot|#39|lt|gt|apos);/g, (_, e: string) => ENTITIES[e] ?? _);

/** Values of href/src attributes of elements that navigate or load (not <link rel=alternate> to other hosts). */
export function linksIn(html: string): string[] {
  const out: string[] = [];
  const re = /<(a|link|script|img|source|iframe|use)\b[^>]*?\s(href|src)="([^"]*)"/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) out.push(decodeEntities(m[3] ?? ''));
  return out;
}

/** Every id and name (for anchors) defined on a page. */
export function anchorsIn(html: string): Set<string> {
  const ids = new Set<string>();
  for (const m of html.matchAll(/\s(?:id|name)="([^"]*)"/g)) ids.add(decodeEntities(m[1] ?? ''));
  return ids;
}

/** The file a site path is served from: `/en/` → `/en/index.html`. */
export function fileForPath(path: string): string {
  if (path.endsWith('/')) return `${path}index.html`;
  return path;
}

/**
 * @param pages page URL path (`/en/guides/x/`) → HTML
 * @param files every file path in the built site (`/en/guides/x/index.html`, `/_astro/a.css`)
 */
export function checkLinks(pages: ReadonlyMap<string, string>, files: ReadonlySet<string>): BrokenLink[] {
  const anchors = new Map<string, Set<string>>();
  const anchorsOf = (path: string) => {
    let set = anchors.get(path);
    if (!set) {
      set = anchorsIn(pages.get(path) ?? '');
      anchors.set(path, set);
    }
    return set;
  };
  const broken: BrokenLink[] = [];
  for (const [page, html] of pages) {
    for (const href of linksIn(html)) {
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) continue; // other schemes and hosts
      const url = new URL(href, `http://site${page}`);
      let target: string;
      try {
        target = decodeURIComponent(url.pathname);
      } catch {
        broken.push({ page, href, reason: 'malformed percent-encoding' });
        continue;
      }
      const file = fileForPath(target);
      if (!files.has(file)) {
        broken.push({ page, href, reason: `no file ${file}` });
        continue;
      }
      if (url.hash.length > 1) {
        const id = decodeURIComponent(url.hash.slice(1));
        const targetPage = target.endsWith('/') ? target : target.replace(/index\.html$/, '');
        if (pages.has(targetPage) && !anchorsOf(targetPage).has(id)) {
          broken.push({ page, href, reason: `no id "${id}" on ${targetPage}` });
        }
      }
    }
  }
  return broken;
}
