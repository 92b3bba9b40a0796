import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { axePlan } from '../support/axe-plan.ts';

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
    assert.deepEqual(plan.covered, [{ page: '/en/triage/redis/b/', template: '/en/triage/redis/a/', step: '/en/triage/redis/all/' }]);
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

  test('pages of other kinds, and steps without an all-steps page, are always checked', () => {
    const pages = new Map([
      ['/en/guides/x/', '<html></html>'],
      ['/en/triage/redis/a/', stepPage('en', 'a')],
      ['/en/triage/redis/b/', stepPage('en', 'b')],
    ]);
    assert.deepEqual(axePlan(pages).check, ['/en/guides/x/', '/en/triage/redis/a/', '/en/triage/redis/b/']);
  });
});
