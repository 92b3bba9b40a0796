/**
 * npm run build, second step (after `astro build`): one stylesheet per kind of page. Each page's
 * stylesheet links become one link to their files joined in order (src/lib/stylesheets.ts says
 * why), less the code colours no page uses; the files Astro wrote are deleted once nothing names
 * them any more. Runs before the offline step, which lists and hashes what is left.
 *
 * `node scripts/stylesheets.ts [dist]` (default: $ARYA_DIST, else dist). Running it again over the
 * same dist/ changes nothing (a page with one stylesheet is left as it is).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { CODE_STYLE } from '../src/lib/highlight.ts';
import { classesIn, joinedHref, joinStylesheets, stylesheetLinks, withOneStylesheet, withoutUnused } from '../src/lib/stylesheets.ts';

const DIST = process.argv[2] ?? process.env['ARYA_DIST'] ?? 'dist';
const BASE = process.env['ARYA_BASE'] ?? '/';
const files = readdirSync(DIST, { recursive: true, encoding: 'utf8' }).map((f) => f.split(sep).join('/'));

/** A link's file in dist/: hrefs are absolute paths under the site's base. */
const fileOf = (href: string) => {
  if (!href.startsWith(BASE)) throw new Error(`a stylesheet outside the site's base ${BASE}: ${href}`);
  return join(DIST, href.slice(BASE.length));
};

// First every page's links, and the classes used anywhere (for withoutUnused).
const pagesWithLinks: Array<{ path: string; hrefs: string[] }> = [];
const used = new Set<string>();
for (const f of files.filter((x) => x.endsWith('.html'))) {
  const path = join(DIST, f);
  const html = readFileSync(path, 'utf8');
  for (const c of classesIn(html)) used.add(c);
  const hrefs = stylesheetLinks(html);
  if (hrefs.length > 1) pagesWithLinks.push({ path, hrefs });
}
const codeClasses = new Set(CODE_STYLE.classes.values());

const joined = new Map<string, string>(); // the links, joined by spaces → the joined file's href
const replaced = new Set<string>();
for (const { path, hrefs } of pagesWithLinks) {
  const key = hrefs.join(' ');
  let href = joined.get(key);
  if (href === undefined) {
    const css = withoutUnused(joinStylesheets(hrefs.map((h) => [h, readFileSync(fileOf(h), 'utf8')] as const)), codeClasses, used);
    href = joinedHref(hrefs, createHash('sha256').update(css).digest('hex').slice(0, 12));
    writeFileSync(fileOf(href), css);
    joined.set(key, href);
  }
  writeFileSync(path, withOneStylesheet(readFileSync(path, 'utf8'), href));
  for (const h of hrefs) replaced.add(h);
}
const pages = pagesWithLinks.length;

// A file Astro wrote is kept while anything still names it: a page with a single stylesheet, a
// script that loads it.
const names = new Map([...replaced].map((h) => [h.slice(h.lastIndexOf('/') + 1), h]));
for (const f of files.filter((x) => /\.(html|js|css|json|webmanifest)$/.test(x))) {
  if (!existsSync(join(DIST, f)) || names.size === 0) continue;
  const text = readFileSync(join(DIST, f), 'utf8');
  for (const name of [...names.keys()]) if (text.includes(name) && !f.endsWith(name)) names.delete(name);
}
for (const href of names.values()) rmSync(fileOf(href));
console.log(`stylesheets: ${String(pages)} pages now link one stylesheet each, ${String(joined.size)} joined files for ${String(replaced.size)} of Astro's (${String(names.size)} deleted)`);
