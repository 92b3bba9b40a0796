/**
 * One stylesheet per kind of page, joined after `astro build` (scripts/stylesheets.ts does the I/O).
 *
 * Astro splits CSS by the modules pages share: a guide page links four files (the site's base
 * styles, the code colours, the guide page's own, the header's), a wizard step four others. Each
 * file is gzipped on its own, so every page pays four compression dictionaries, and four requests,
 * inside the first round trip (tests/dist/budgets.test.ts): joined, a guide page's CSS is about
 * 900 bytes gz smaller. Pages that link the same files, in the same order, get the same joined
 * file: one per kind of page, cached across the pages of that kind.
 *
 * Joining keeps the cascade exactly: the files are concatenated in the order the page links them,
 * and a file that would change meaning when moved (an `@import`, which must come first, or an
 * `@charset`) stops the build instead.
 */

/** `<link rel="stylesheet" href="…">` as Astro writes it (the attributes in this order, nothing else). */
const LINK = /<link rel="stylesheet" href="([^"]+)">/g;

/** The stylesheets a page links, in document order. */
export function stylesheetLinks(html: string): string[] {
  return [...html.matchAll(LINK)].map((m) => m[1] ?? '');
}

/** The page with its stylesheet links replaced by one link to `href`, where the first one was. */
export function withOneStylesheet(html: string, href: string): string {
  let first = true;
  return html.replace(LINK, () => {
    if (!first) return '';
    first = false;
    return `<link rel="stylesheet" href="${href}">`;
  });
}

/** The files' CSS joined in order; `files` are [href, text] pairs, hrefs for the error message. */
export function joinStylesheets(files: ReadonlyArray<readonly [string, string]>): string {
  for (const [href, css] of files) {
    const at = /@(import|charset)\b/.exec(css);
    if (at) throw new Error(`${href}: cannot be joined with the page's other stylesheets: it has an @${at[1] ?? ''} rule, which only works at the start of a file`);
  }
  return files.map(([, css]) => css.trim()).join('\n') + '\n';
}

/** Where the joined file goes: beside the first of the files it joins (`/_astro/`), named by a hash of its text. */
export function joinedHref(hrefs: readonly string[], hash: string): string {
  const first = hrefs[0] ?? '';
  return `${first.slice(0, first.lastIndexOf('/') + 1)}page.${hash}.css`;
}

/** Every class named in the page's `class` attributes. */
export function classesIn(html: string): Set<string> {
  const out = new Set<string>();
  for (const m of html.matchAll(/\sclass="([^"]*)"/g)) for (const c of (m[1] ?? '').split(/\s+/)) if (c) out.add(c);
  return out;
}

/**
 * The CSS without the rules of `prunable` classes that no page uses: the code colours
 * (src/lib/code-style.ts) have a class for every colour the themes could write, a third of which
 * no code on the site is ever coloured with. Only single-class rules (`.s9{…}`) are taken out.
 */
export function withoutUnused(css: string, prunable: ReadonlySet<string>, used: ReadonlySet<string>): string {
  return css.replace(/\.([\w-]+)\{[^{}]*\}/g, (rule, name: string, at: number) => {
    const before = at === 0 ? '' : css[at - 1] ?? '';
    // Only a rule of its own: not `.x .s9{…}` or `pre.s9{…}` (part of a longer selector).
    if (before !== '' && before !== '}' && before !== '\n' && before !== '{') return rule;
    return prunable.has(name) && !used.has(name) ? '' : rule;
  });
}
