/**
 * Page budgets on the real build (issue: performance). Every page: gzip HTML plus its stylesheets
 * within the first network round trip (14,600 bytes); JavaScript run at start within 4 KB gz on
 * guide pages and 12 KB gz on wizard pages; nothing of search before first use. Prints the worst
 * page for each figure.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, test } from 'node:test';
import { pageWeight, type PageWeight } from '../support/page-weight.ts';

const DIST = 'dist';
const read = (path: string) => {
  const file = join(DIST, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};
const weights = new Map<string, PageWeight>();
for (const f of readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((x) => x.endsWith('.html'))) {
  const path = `/${f.split(sep).join('/')}`.replace(/index\.html$/, '');
  weights.set(path, pageWeight(path, readFileSync(join(DIST, f), 'utf8'), read, (p) => (existsSync(join(DIST, p)) ? statSync(join(DIST, p)).size : undefined)));
}

const FIRST_ROUND_TRIP = 14_600;
const isGuide = (p: string) => /^\/(zh|en)\/guides\/[^/]+\/$/.test(p);
const isWizard = (p: string) => /^\/(zh|en)\/triage\//.test(p);

function worst(filter: (p: string) => boolean, figure: (w: PageWeight) => number): [string, number] {
  let best: [string, number] = ['', -1];
  for (const [p, w] of weights) if (filter(p) && figure(w) > best[1]) best = [p, figure(w)];
  return best;
}

describe('page budgets', () => {
  test('HTML + CSS of every page fits the first round trip (14,600 bytes gz)', () => {
    const [page, bytes] = worst(() => true, (w) => w.html + w.css);
    console.log(`worst HTML+CSS: ${page} ${String(bytes)} B gz`);
    const over = [...weights].filter(([, w]) => w.html + w.css > FIRST_ROUND_TRIP).map(([p, w]) => `${p}: ${String(w.html + w.css)}`);
    assert.deepEqual(over, []);
  });

  test('every page links one stylesheet, and what it links exists (scripts/stylesheets.ts)', () => {
    let pages = 0;
    for (const f of readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((x) => x.endsWith('.html'))) {
      const links = [...readFileSync(join(DIST, f), 'utf8').matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1] ?? '');
      assert.ok(links.length <= 1, `${f} links ${String(links.length)} stylesheets: ${links.join(', ')}`);
      for (const href of links) assert.ok(existsSync(join(DIST, href)), `${f}: ${href} is not in ${DIST}/`);
      pages += links.length;
    }
    assert.ok(pages > 0);
  });

  test('the pictures of a page weigh at most 100 KB (they load lazily, after the first round trip)', () => {
    const [page, bytes] = worst(() => true, (w) => w.images);
    console.log(`worst pictures: ${page} ${String(bytes)} B`);
    assert.ok(bytes <= 100_000, `${page}: ${String(bytes)} B of pictures`);
  });

  test('guide pages run at most 4 KB gz of JavaScript at start', () => {
    const [page, bytes] = worst(isGuide, (w) => w.js);
    console.log(`worst guide JS: ${page} ${String(bytes)} B gz`);
    assert.ok(bytes <= 4096, `${page}: ${String(bytes)} B`);
  });

  test('wizard pages run at most 12 KB gz of JavaScript at start', () => {
    const [page, bytes] = worst(isWizard, (w) => w.js);
    console.log(`worst wizard JS: ${page} ${String(bytes)} B gz`);
    assert.ok(bytes <= 12_288, `${page}: ${String(bytes)} B`);
  });

  test('no page but the results page loads any of search at start', () => {
    let checked = 0;
    for (const [p, w] of weights) {
      if (/^\/(zh|en)\/search\/$/.test(p)) continue;
      for (const script of w.scripts) {
        const code = read(script) ?? '';
        assert.doesNotMatch(code, /pagefind\.js|search\/index\//, `${p} loads search code at start (${script})`);
        checked++;
      }
    }
    assert.ok(checked > 0);
  });

  test('the results page does load search at start (the check above can see it)', () => {
    const w = weights.get('/en/search/');
    assert.ok(w && w.scripts.some((script) => /search\/index\//.test(read(script) ?? '')));
  });
});

describe('what the search code carries', () => {
  test("no table of HTML's named entities (excerpts need XML's five; astro.config.mjs keeps the rest out)", () => {
    const scripts = readdirSync(join(DIST, '_astro')).filter((f) => f.endsWith('.js'));
    assert.ok(scripts.length > 0);
    // An entry of the HTML table as the `entities` package encodes it (∲, "ClockwiseContourIntegral").
    const carrying = scripts.filter((f) => readFileSync(join(DIST, '_astro', f), 'utf8').includes('ClockwiseContourIntegral'));
    assert.deepEqual(carrying, []);
  });
});
