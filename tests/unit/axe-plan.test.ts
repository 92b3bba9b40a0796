import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { axePlan, shapeOf } from '../support/axe-plan.ts';

const section = (id: string, body = `<h2>${id}</h2>`) => `<section class="triage-step triage-diagnostic" data-node="${id}">${body}</section>`;
const overview = (lang: string, current: string) =>
  `<svg>${['a', 'b'].map((id) => `<a href="/${lang}/triage/redis/${id}/" data-step="${id}"${id === current ? ' aria-current="step"' : ''}></a>`).join('')}</svg>`;
const stepPage = (lang: string, id: string, extra = '') =>
  `<html><head><title>${id} · Redis</title><link rel="alternate" hreflang="${lang === 'en' ? 'zh-CN' : 'en'}" href="/${lang === 'en' ? 'zh' : 'en'}/triage/redis/${id}/"></head><body>${extra}<triage-wizard>${section(id)}<section class="triage-step" data-node="" data-invalid hidden></section></triage-wizard>${overview(lang, id)}<script type="module" src="/a.js"></script></body></html>`;
const allSteps = (ids: string[]) => `<html><body><div data-all-steps>${ids.map((id) => section(id)).join('')}</div></body></html>`;

describe('which pages axe may leave out', () => {
  test('a step page with the tree’s template and a step shown on the all-steps page is left out', () => {
    const pages = new Map([
      ['/en/triage/redis/all/', allSteps(['a', 'b'])],
      ['/en/triage/redis/a/', stepPage('en', 'a')],
      ['/en/triage/redis/b/', stepPage('en', 'b')],
    ]);
    const plan = axePlan(pages);
    assert.deepEqual(plan.check, ['/en/triage/redis/a/', '/en/triage/redis/all/']);
    assert.deepEqual(plan.covered, [{ page: '/en/triage/redis/b/', by: ['/en/triage/redis/a/', '/en/triage/redis/all/'] }]);
  });

  test('the overview’s links to every step, its own included, and its mark of the current step are the same template', () => {
    const pages = new Map([
      ['/en/triage/redis/all/', allSteps(['a', 'b'])],
      ['/en/triage/redis/a/', stepPage('en', 'a')],
      ['/en/triage/redis/b/', stepPage('en', 'b')],
    ]);
    assert.equal(axePlan(pages).covered.length, 1);
    const marked = new Map(pages).set('/en/triage/redis/b/', stepPage('en', 'b').replace('data-step="a"', 'data-step="a" aria-current="true"'));
    assert.deepEqual(axePlan(marked).covered, [], 'another mark is a difference');
  });

  test('any other difference in the template gets the page checked', () => {
    const pages = new Map([
      ['/en/triage/redis/all/', allSteps(['a', 'b'])],
      ['/en/triage/redis/a/', stepPage('en', 'a')],
      ['/en/triage/redis/b/', stepPage('en', 'b', '<img src="x.png">')],
    ]);
    assert.deepEqual(axePlan(pages).covered, []);
  });

  test('a step that differs from its form on the all-steps page gets the page checked', () => {
    const pages = new Map([
      ['/en/triage/redis/all/', allSteps(['a']).replace('</div>', `${section('b', '<h2>b</h2><a href="#">x</a>')}</div>`)],
      ['/en/triage/redis/a/', stepPage('en', 'a')],
      ['/en/triage/redis/b/', stepPage('en', 'b')],
    ]);
    assert.deepEqual(axePlan(pages).covered, []);
  });

  test('with the tree’s own page (the wizard at its start, checked), every step page of its template is left out', () => {
    const nav = (current: boolean) => `<nav><a href="/en/triage/redis/"${current ? ' aria-current="page"' : ''}>Redis</a></nav>`;
    const pages = new Map([
      ['/en/triage/redis/', stepPage('en', 'a', nav(true)).replace('/zh/triage/redis/a/', '/zh/triage/redis/')],
      ['/en/triage/redis/all/', allSteps(['a', 'b'])],
      ['/en/triage/redis/a/', stepPage('en', 'a', nav(false))],
      ['/en/triage/redis/b/', stepPage('en', 'b', nav(false))],
    ]);
    const plan = axePlan(pages);
    assert.deepEqual(plan.check, ['/en/triage/redis/', '/en/triage/redis/all/']);
    assert.deepEqual(plan.covered, [
      { page: '/en/triage/redis/a/', by: ['/en/triage/redis/', '/en/triage/redis/all/'] },
      { page: '/en/triage/redis/b/', by: ['/en/triage/redis/', '/en/triage/redis/all/'] },
    ]);
  });

  test('a tree page that differs in anything else covers nothing: the first step page is checked and covers the rest', () => {
    const pages = new Map([
      ['/en/triage/redis/', stepPage('en', 'a', '<img src="x.png">').replace('/zh/triage/redis/a/', '/zh/triage/redis/')],
      ['/en/triage/redis/all/', allSteps(['a', 'b'])],
      ['/en/triage/redis/a/', stepPage('en', 'a')],
      ['/en/triage/redis/b/', stepPage('en', 'b')],
    ]);
    const plan = axePlan(pages);
    assert.deepEqual(plan.check, ['/en/triage/redis/', '/en/triage/redis/a/', '/en/triage/redis/all/']);
    assert.deepEqual(plan.covered, [{ page: '/en/triage/redis/b/', by: ['/en/triage/redis/a/', '/en/triage/redis/all/'] }]);
  });

  test('pages of other kinds, and steps without an all-steps page, are always checked', () => {
    const pages = new Map([
      ['/en/guides/x/', '<html></html>'],
      ['/en/triage/redis/a/', stepPage('en', 'a')],
      ['/en/triage/redis/b/', stepPage('en', 'b')],
    ]);
    assert.deepEqual(axePlan(pages).check, ['/en/guides/x/', '/en/triage/redis/a/', '/en/triage/redis/b/']);
  });
});

/** An error page as src/pages/[lang]/e/[code].astro writes it, with `change` applied to its markup. */
const errorPage = (code: string, signatures: string[], { step = true, stylesheet = '/_astro/a.css' } = {}) =>
  `<!DOCTYPE html><html lang="en"><head><title>${code} · Redis</title><meta name="description" content="An error of section 2.1 Redis."><link rel="alternate" hreflang="zh-CN" href="/zh/e/${code}/"><link rel="stylesheet" href="${stylesheet}"></head>` +
  `<body><a class="skip-link" href="#main">Skip</a><main id="main"><div class="error-page"><h1><code>${code}</code></h1><ul class="error-links">` +
  `<li><a data-error-fix href="/en/guides/redis/#fix-${code}">Fix: 2.1 Redis › ${code}</a></li>` +
  (step ? `<li><a data-error-step href="/en/triage/redis/${code}/">Diagnose it: Redis › Ping ${code}</a></li>` : '') +
  `</ul><h2>How it shows up</h2><ul class="error-signatures">${signatures.map((s) => `<li><code>${s}</code></li>`).join('')}</ul></div></main><script type="module">x()</script></body></html>`;

describe('error pages: one checked per shape', () => {
  test('pages that differ only in their words, link targets and number of signatures are one shape: the first is checked', () => {
    const pages = new Map([
      ['/en/e/redis-refused/', errorPage('redis-refused', ['ConnectionRefusedError: [Errno 111] Connection refused'])],
      ['/en/e/redis-timeout/', errorPage('redis-timeout', ['redis.exceptions.TimeoutError', 'Timeout connecting to server', 'socket timed out'])],
    ]);
    const plan = axePlan(pages);
    assert.deepEqual(plan.check, ['/en/e/redis-refused/']);
    assert.deepEqual(plan.covered, [{ page: '/en/e/redis-timeout/', by: ['/en/e/redis-refused/'] }]);
  });

  test('another element, attribute, stylesheet, language or an emptied text is another shape, and checked', () => {
    const base = errorPage('a', ['x']);
    const variants: Array<[string, string]> = [
      ['one link fewer', errorPage('b', ['y'], { step: false })],
      ['a code span inside a link', base.replace('Ping a', 'Ping <code>a</code>')],
      ['another class', base.replace('class="error-signatures"', 'class="error-list"')],
      ['an aria-label', base.replace('<a data-error-fix', '<a aria-label="Fix" data-error-fix')],
      ['another stylesheet', errorPage('b', ['y'], { stylesheet: '/_astro/b.css' })],
      ['another language', base.replace('lang="en"', 'lang="zh-CN"')],
      ['a link left empty', base.replace('>Fix: 2.1 Redis › a<', '><')],
      ['a heading of signs only', base.replace('>How it shows up<', '>›<')],
      ['another fragment link target', base.replace('href="#main"', 'href="#top"')],
      ['a signature of another form', errorPage('b', ['y', 'z']).replace('<li><code>z</code></li>', '<li><code>z</code><br></li>')],
    ];
    for (const [what, page] of variants) {
      const plan = axePlan(new Map([['/en/e/a/', base], ['/en/e/b/', page]]));
      assert.deepEqual(plan.covered, [], what);
      assert.notEqual(shapeOf(page), shapeOf(base), what);
    }
    // A `>` inside an attribute value does not end the tag: what follows it is not text to set aside.
    const labelled = (label: string) => base.replace('<a data-error-fix', `<a aria-label="${label}" data-error-fix`);
    assert.deepEqual(axePlan(new Map([['/en/e/a/', labelled('Fix > it')], ['/en/e/b/', labelled('Fix > now')]])).covered, [], 'an aria-label after a >');
  });

  test('what stays of a page in its shape: every tag and attribute, text only as words or signs', () => {
    const shape = shapeOf(errorPage('redis-refused', ['ECONNREFUSED', '[Errno 111]'])).replaceAll('\u0000', '¤');
    assert.match(shape, /<title>¤words¤<\/title><meta name="description" content="">/);
    assert.match(shape, /<link rel="alternate" hreflang="zh-CN" href="¤target¤"><link rel="stylesheet" href="\/_astro\/a.css">/);
    assert.match(shape, /<a class="skip-link" href="#main">¤words¤<\/a>/);
    assert.match(shape, /<ul class="error-signatures"><li><code>¤words¤<\/code><\/li><\/ul>/, 'two signatures of one form are one');
    assert.doesNotMatch(shape, /<script/);
  });
});
