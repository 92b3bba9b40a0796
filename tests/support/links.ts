/**
 * The link checker of the built site: every URL a browser would follow or load from it must name
 * a file of the site, and every `#fragment` of a link to a page must name an element on that page.
 * It reads what a browser reads:
 * - pages: `href`, `src`, `srcset` and `imagesrcset` (every candidate), form `action` and
 *   `formaction`, `poster`, and `url()` in `<style>` elements and `style` attributes;
 * - stylesheets: `url()` (quoted or not) and `@import`;
 * - the web app manifest: `start_url`, and the `src`/`url` of its icons, shortcuts and screenshots.
 * Other schemes (`data:`, `mailto:`, `https:`) and other hosts are left alone. A malformed
 * percent-encoding (a path or `#%E0%A4%A`) is a problem reported like the others, never a throw.
 *
 * Pure: a site in, problems out as data, so the unit test feeds it synthetic sites and the dist
 * test (tests/dist/links.test.ts) the real build, at the root or under a sub-path base.
 */
import { decodeHTML } from 'entities';

export interface BuiltSite {
  /** URL path of each page as served (`/docs/en/guides/x/`, `/docs/404.html`) → its HTML. */
  pages: ReadonlyMap<string, string>;
  /** URL path of every file (`/docs/en/guides/x/index.html`, `/docs/_astro/a.css`). */
  files: ReadonlySet<string>;
  /** URL path of each stylesheet → its CSS. */
  stylesheets: ReadonlyMap<string, string>;
  /** The web app manifest, when the site has one: its URL path and text. */
  manifest?: { path: string; text: string } | undefined;
  /** The path the site is served under (`/docs/`); a link that leaves it is reported. Default `/`. */
  base?: string;
}

export interface LinkProblem {
  /** URL path of the file the link is in: a page, a stylesheet or the manifest. */
  page: string;
  /** Where it is written: `href`, `srcset`, `action`, `url()`, `icons[0].src`, `start_url`, … */
  attribute: string;
  /** The URL as written (HTML entities decoded). */
  href: string;
  reason: string;
}

/** A URL found in a file, and where it was written. */
export interface FoundUrl {
  attribute: string;
  url: string;
}

/** Attributes whose value is one URL a browser follows or loads, on any element. */
const URL_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'poster']);
/** Attributes whose value is a list of image candidates. */
const SRCSET_ATTRIBUTES = new Set(['srcset', 'imagesrcset']);
/** Elements whose content is raw text, not markup: skipped after their opening tag is read. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

interface Tag {
  name: string;
  attributes: Map<string, string>;
  /** The raw text of a `<style>` element. */
  text?: string;
}

/** A comment, or a start tag with its attributes (quoted values may hold `>`). */
const TAG = /<!--[\s\S]*?(?:-->|$)|<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** The start tags of a page, in order, with their attributes (names lower-cased, values decoded). */
export function tagsIn(html: string): Tag[] {
  const tags: Tag[] = [];
  const re = new RegExp(TAG);
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[1] === undefined) continue; // a comment
    const name = m[1].toLowerCase();
    const attributes = new Map<string, string>();
    for (const a of (m[2] ?? '').matchAll(ATTRIBUTE)) {
      const key = (a[1] ?? '').toLowerCase();
      const value = a[2] ?? a[3] ?? a[4] ?? '';
      if (!attributes.has(key)) attributes.set(key, value.includes('&') ? decodeHTML(value) : value);
    }
    const tag: Tag = { name, attributes };
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}[\\s>/]`, 'ig');
      close.lastIndex = re.lastIndex;
      const end = close.exec(html)?.index ?? html.length;
      if (name === 'style') tag.text = html.slice(re.lastIndex, end);
      re.lastIndex = end;
    }
    tags.push(tag);
  }
  return tags;
}

/**
 * The URLs of a `srcset` (HTML's parsing rules, simplified): candidates are separated by commas;
 * a candidate is a URL (no spaces; commas inside it, as in a `data:` URL, are part of it) and
 * optional descriptors (`2x`, `480w`).
 */
export function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value[i] ?? '')) i++;
    if (i >= value.length) break;
    const start = i;
    while (i < value.length && !/\s/.test(value[i] ?? '')) i++;
    const url = value.slice(start, i);
    if (url.endsWith(',')) {
      urls.push(url.replace(/,+$/, ''));
      continue;
    }
    urls.push(url);
    // Descriptors run to the next comma outside parentheses.
    let depth = 0;
    for (; i < value.length; i++) {
      const c = value[i];
      if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
      else if (c === ',' && depth === 0) break;
    }
  }
  return urls;
}

const unescapeCss = (s: string) => s.replace(/\\([0-9a-fA-F]{1,6}\s?|[\s\S])/g, (_, e: string) => (/^[0-9a-f]/i.test(e) ? String.fromCodePoint(parseInt(e, 16)) : e));

/** The URLs of a stylesheet: `url(…)` in its three forms and `@import "…"`; comments skipped. */
export function cssUrls(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const urls: string[] = [];
  const re = /\burl\(\s*(?:"((?:[^"\\]|\\[\s\S])*)"|'((?:[^'\\]|\\[\s\S])*)'|((?:[^"'()\s\\]|\\[\s\S])*))\s*\)|@import\s+(?:"((?:[^"\\]|\\[\s\S])*)"|'((?:[^'\\]|\\[\s\S])*)')/gi;
  for (const m of text.matchAll(re)) urls.push(unescapeCss(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? ''));
  return urls;
}

/** The URLs a page makes the browser follow or load. */
export function htmlUrls(html: string): FoundUrl[] {
  const found: FoundUrl[] = [];
  for (const tag of tagsIn(html)) {
    for (const [attribute, value] of tag.attributes) {
      if (URL_ATTRIBUTES.has(attribute)) found.push({ attribute, url: value });
      else if (SRCSET_ATTRIBUTES.has(attribute)) found.push(...srcsetUrls(value).map((url) => ({ attribute, url })));
      else if (attribute === 'style') found.push(...cssUrls(value).map((url) => ({ attribute: 'style', url })));
    }
    if (tag.text !== undefined) found.push(...cssUrls(tag.text).map((url) => ({ attribute: '<style>', url })));
  }
  return found;
}

/**
 * The URLs of a web app manifest that a browser fetches or opens. Throws on text that is not JSON
 * (checkLinks reports that as a problem).
 */
export function manifestUrls(text: string): FoundUrl[] {
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const found: FoundUrl[] = [];
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : []);
  const add = (attribute: string, url: unknown) => {
    const s = str(url);
    if (s !== undefined) found.push({ attribute, url: s });
  };
  add('start_url', manifest['start_url']);
  const images = (key: string, items: unknown[]) => items.forEach((item, i) => add(`${key}[${String(i)}].src`, (item as Record<string, unknown> | null)?.['src']));
  images('icons', list(manifest['icons']));
  images('screenshots', list(manifest['screenshots']));
  list(manifest['shortcuts']).forEach((item, i) => {
    const shortcut = (item ?? {}) as Record<string, unknown>;
    add(`shortcuts[${String(i)}].url`, shortcut['url']);
    images(`shortcuts[${String(i)}].icons`, list(shortcut['icons']));
  });
  return found;
}

/** The ids on a page a `#fragment` can name: every `id`, and `name` on `<a>` (HTML's rule). */
export function anchorsIn(html: string): Set<string> {
  const ids = new Set<string>();
  for (const tag of tagsIn(html)) {
    const id = tag.attributes.get('id');
    if (id !== undefined) ids.add(id);
    const name = tag.attributes.get('name');
    if (tag.name === 'a' && name !== undefined) ids.add(name);
  }
  return ids;
}

/** The file a site path is served from: `/en/` → `/en/index.html`. */
export function fileForPath(path: string): string {
  return path.endsWith('/') ? `${path}index.html` : path;
}

const OTHER_SCHEME_OR_HOST = /^\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

export function checkLinks(site: BuiltSite): LinkProblem[] {
  const base = site.base ?? '/';
  const anchors = new Map<string, Set<string>>();
  const anchorsOf = (page: string, html: string) => {
    let set = anchors.get(page);
    if (!set) anchors.set(page, (set = anchorsIn(html)));
    return set;
  };
  const problems: LinkProblem[] = [];

  const check = (from: string, { attribute, url: href }: FoundUrl, { skipSameDocument = false } = {}): void => {
    const problem = (reason: string): void => {
      problems.push({ page: from, attribute, href, reason });
    };
    if (OTHER_SCHEME_OR_HOST.test(href)) return;
    if (skipSameDocument && href.trim().startsWith('#')) return;
    let url: URL;
    try {
      url = new URL(href.trim(), `http://site${from}`);
    } catch {
      return problem('not a URL');
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return problem('malformed percent-encoding in the path');
    }
    if (!path.startsWith(base)) return problem(`outside the site's base ${base}`);
    const file = fileForPath(path);
    if (!site.files.has(file)) return problem(`no file ${file}`);
    const raw = url.hash.slice(1);
    if (raw === '' || raw.startsWith(':~:')) return;
    let id: string;
    try {
      id = decodeURIComponent(raw);
    } catch {
      return problem(`malformed #fragment: ${url.hash}`);
    }
    const page = file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
    const html = site.pages.get(page);
    if (html !== undefined && !anchorsOf(page, html).has(id)) problem(`no id "${id}" on ${page}`);
  };

  for (const [page, html] of site.pages) for (const found of htmlUrls(html)) check(page, found);
  // In CSS, url(#x) names an element of the document using the stylesheet, not of the stylesheet.
  for (const [path, css] of site.stylesheets) for (const url of cssUrls(css)) check(path, { attribute: 'url()', url }, { skipSameDocument: true });
  if (site.manifest) {
    const { path, text } = site.manifest;
    let found: FoundUrl[];
    try {
      found = manifestUrls(text);
    } catch (error) {
      found = [];
      problems.push({ page: path, attribute: '(manifest)', href: '', reason: `not JSON: ${error instanceof Error ? error.message : String(error)}` });
    }
    for (const f of found) check(path, f);
  }
  return problems;
}
