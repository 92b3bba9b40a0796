/**
 * Checks over the production build in dist/ (run after `npm run build`): the page contract the
 * outside world relies on, and the security policy (links and anchors: links.test.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, sep } from 'node:path';
import { describe, test } from 'node:test';
import { axePlan, ERROR_PAGE, isStepPage } from '../support/axe-plan.ts';
import { readGuides } from '../support/guide-files.ts';
import { checkLinks, tagsIn } from '../support/links.ts';
import { decodeHTML } from 'entities';

const DIST = 'dist';
const files = new Set(
  readdirSync(DIST, { recursive: true, encoding: 'utf8', withFileTypes: false })
    .map((f) => `/${f.split(sep).join('/')}`),
);
const pages = new Map<string, string>();
for (const file of files) {
  if (!file.endsWith('.html')) continue;
  const path = file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
  pages.set(path, readFileSync(join(DIST, file), 'utf8'));
}
const { guides: entries } = readGuides();

function csp(html: string): string {
  return /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
}

describe('the built site', () => {
  test(`has pages (${String(pages.size)} HTML files in dist/)`, () => {
    console.log(`dist/: ${String(pages.size)} HTML pages, ${String(files.size)} files`);
    assert.ok(pages.size > 0);
  });

  test('has a guide page for every entry, whose article carries its section number', () => {
    assert.equal(entries.length, 26);
    for (const e of entries) {
      const html = pages.get(`/${e.lang}/guides/${e.slug}/`);
      assert.ok(html, `no page /${e.lang}/guides/${e.slug}/`);
      assert.match(html, new RegExp(`<article[^>]*\\sdata-guide-section="${e.data.section.replace('.', '\\.')}"`));
      assert.match(html, /<article[^>]*\sdata-pagefind-body/);
    }
  });

  test('marks every page with the language of its path: zh-CN under /zh/, en under /en/', () => {
    for (const [path, html] of pages) {
      const lang = /^<!DOCTYPE html><html lang="([^"]+)"/i.exec(html)?.[1];
      if (path.startsWith('/zh/')) assert.equal(lang, 'zh-CN', path);
      else if (path.startsWith('/en/')) assert.equal(lang, 'en', path);
      else assert.ok(lang, `${path} has no <html lang>`);
    }
  });

  test("sends a Content-Security-Policy on every page, with no 'unsafe-inline' (or eval) in any directive", () => {
    for (const [path, html] of pages) {
      const policy = csp(html);
      assert.ok(policy, `${path} has no CSP`);
      const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
      assert.ok(directives.get('script-src'), `${path}: no script-src`);
      assert.deepEqual(directives.get('style-src'), ["'self'"], `${path}: style-src`);
      for (const [name, values] of directives) {
        assert.ok(!values.includes("'unsafe-inline'") && !values.includes("'unsafe-eval'"), `${path}: ${name} ${values.join(' ')}`);
      }
      assert.deepEqual(directives.get('default-src'), ["'self'"], path);
      assert.deepEqual(directives.get('object-src'), ["'none'"], path);
    }
  });

  test('has no style attribute and no <style> element on any page, so the policy blocks nothing', () => {
    const found: string[] = [];
    for (const [path, html] of pages) {
      for (const tag of tagsIn(html)) {
        if (tag.attributes.has('style')) found.push(`${path}: <${tag.name} style="${tag.attributes.get('style') ?? ''}">`);
        if (tag.name === 'style') found.push(`${path}: <style>`);
      }
    }
    assert.deepEqual(found.slice(0, 10), [], `${String(found.length)} inline styles`);
  });

  test('defines every code colour class a page uses in a stylesheet the page links, the steps a wizard brings in included', () => {
    const rules = new Map<string, Set<string>>();
    const definedBy = (href: string) => {
      let set = rules.get(href);
      if (!set) rules.set(href, (set = new Set([...readFileSync(join(DIST, href), 'utf8').matchAll(/\.(s\d+)\{/g)].map((m) => m[1] ?? ''))));
      return set;
    };
    const codeClasses = (html: string) => new Set([...html.matchAll(/\sclass="([^"]*)"/g)].flatMap((m) => (m[1] ?? '').split(' ')).filter((c) => /^s\d+$/.test(c)));
    let checked = 0;
    for (const [path, html] of pages) {
      const linked = new Set([...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].flatMap((m) => [...definedBy(m[1] ?? '')]));
      // A step page shows its tree's other steps, code included, from the all-steps page.
      const tree = /^(\/(?:zh|en)\/triage\/[^/]+\/)/.exec(path)?.[1];
      const used = new Set([...codeClasses(html), ...(tree ? codeClasses(pages.get(`${tree}all/`) ?? '') : [])]);
      const missing = [...used].filter((c) => !linked.has(c));
      assert.deepEqual(missing, [], `${path} uses code classes its stylesheets do not define`);
      if (used.size > 0) checked++;
    }
    console.log(`code colours: ${String(checked)} pages use code classes, all defined by their stylesheets`);
    assert.ok(checked > 100, `only ${String(checked)} pages with code`);
  });

  test('hashes every inline script it ships, so the CSP lets it run', async () => {
    const { createHash } = await import('node:crypto');
    for (const [path, html] of pages) {
      const policy = csp(html);
      for (const m of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
        const hash = createHash('sha256').update(m[1] ?? '').digest('base64');
        assert.ok(policy.includes(`'sha256-${hash}'`), `${path}: inline script not in CSP`);
      }
    }
  });

  test('shows the original of every correction exactly as the source wrote it, indentation included', () => {
    for (const e of entries) {
      const html = pages.get(`/${e.lang}/guides/${e.slug}/`) ?? '';
      const shown = [...html.matchAll(/<pre class="correction-original"[^>]*><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) =>
        decodeHTML(m[1] ?? ''),
      );
      assert.deepEqual(shown, e.model.corrections.map((c) => c.original), e.file);
    }
  });

  test('leaves out of the axe run only triage step and error pages whose markup is that of checked pages', () => {
    const plan = axePlan(pages);
    const errorPages = [...pages.keys()].filter((p) => ERROR_PAGE.test(p));
    const errorsCovered = plan.covered.filter((c) => errorPages.includes(c.page));
    console.log(`axe: ${String(plan.check.length)} pages checked; left out as proven identical to checked ones: ${String(plan.covered.length - errorsCovered.length)} step pages, ${String(errorsCovered.length)} of ${String(errorPages.length)} error pages`);
    assert.equal(plan.check.length + plan.covered.length, pages.size);
    // Error pages are one template: a handful of shapes per language, each checked once. Many more
    // would mean the shape keeps something per page; none covered, that it no longer matches.
    const shapes = errorPages.length - errorsCovered.length;
    assert.ok(shapes >= 2 && shapes <= 12, `${String(shapes)} error page shapes checked of ${String(errorPages.length)}`);
    for (const c of plan.covered) assert.ok(c.by.every((p) => plan.check.includes(p)), `${c.page} is covered by pages that are not checked: ${c.by.join(', ')}`);
    // Every tree's step pages share the template of the tree's own page (the wizard at its start
    // step, checked): all of them are left out.
    const stepPages = [...pages.keys()].filter(isStepPage);
    assert.equal(plan.covered.length - errorsCovered.length, stepPages.length, 'a step page differs from its tree page’s template: see tests/support/axe-plan.ts');
  });

  test('lists every error code in /errors.json with links that exist, down to their anchors', () => {
    const json = JSON.parse(readFileSync(join(DIST, 'errors.json'), 'utf8')) as { version: number; errors: Array<{ code: string; urls: Record<string, string>; fix: Record<string, string>; step?: Record<string, string>; signatures: unknown[] }> };
    const published = JSON.parse(readFileSync('src/data/error-codes.json', 'utf8')) as { version: number; codes: string[] };
    assert.equal(json.version, published.version);
    assert.deepEqual(json.errors.map((e) => e.code).sort(), [...published.codes].sort());
    const links = new Map<string, string>();
    for (const e of json.errors) {
      assert.ok(e.signatures.length > 0, e.code);
      for (const url of [...Object.values(e.urls), ...Object.values(e.fix), ...Object.values(e.step ?? {})]) links.set(new URL(url).pathname + new URL(url).hash, e.code);
    }
    // The same checker as every page's links, over a page made of the list's links.
    const list = `<html><body>${[...links.keys()].map((href) => `<a href="${href}">x</a>`).join('')}</body></html>`;
    const broken = checkLinks({ pages: new Map([...pages, ['/errors.json', list]]), files, stylesheets: new Map() }).filter((b) => b.page === '/errors.json');
    assert.deepEqual(broken, [], broken.map((b) => `${links.get(b.href) ?? ''}: ${b.href} (${b.reason})`).join('\n'));
    console.log(`errors.json: ${String(json.errors.length)} codes, ${String(links.size)} links checked`);
  });

  test('loads nothing of search with a guide page', () => {
    for (const e of entries) {
      const html = pages.get(`/${e.lang}/guides/${e.slug}/`) ?? '';
      assert.doesNotMatch(html, /pagefind[-\w]*\.js|pagefind-ui|\.pf_/, e.file);
    }
  });

  test('has a search index for each language', () => {
    assert.ok([...files].some((f) => /^\/pagefind\/pagefind-entry\.json$/.test(f)), 'no pagefind index');
    const entry = JSON.parse(readFileSync(join(DIST, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    assert.equal(entry.languages['zh-cn']?.page_count, 13);
    assert.equal(entry.languages['en']?.page_count, 13);
  });

  test('puts guide prose in the full-text index, and leaves code and corrected originals to the section index', () => {
    // Pagefind holds every page's words in memory until it writes; code is the costliest text to
    // segment, and our own section index (src/lib/search/bm25.ts) already covers it.
    const squash = (s: string) => decodeHTML(s).replace(/[\s\u200b]+/g, '');
    const indexed = new Map<string, string>();
    for (const f of files) {
      if (!f.startsWith('/pagefind/fragment/')) continue;
      const json = gunzipSync(readFileSync(join(DIST, f))).toString('utf8');
      const fragment = JSON.parse(json.slice(json.indexOf('{'))) as { url: string; content: string };
      indexed.set(fragment.url, squash(fragment.content));
    }
    let checked = 0;
    for (const e of entries) {
      const text = indexed.get(`/${e.lang}/guides/${e.slug}/`);
      assert.ok(text, `${e.file}: no full-text entry`);
      assert.ok(text.includes(squash(e.data.title)), `${e.file}: title not in the full-text index`);
      const left = [...e.model.code.map((b) => b.text), ...e.model.corrections.map((c) => c.original)];
      const prose = squash(e.model.blocks.map((b) => b.text).join(' '));
      for (const line of left.flatMap((part) => part.split('\n'))) {
        const l = squash(line);
        if (l.length < 12 || prose.includes(l)) continue;
        checked++;
        assert.ok(!text.includes(l), `${e.file}: code in the full-text index: ${line}`);
      }
    }
    console.log(`full-text index: ${String(checked)} code lines checked absent`);
    assert.ok(checked > 200, `only ${String(checked)} code lines checked`);
  });
});
