/**
 * Browsing a guide page: what the section navigation lists (all of it while the guide is small,
 * a bounded window once it is large), and the "Edit this page" and "This did not solve my
 * problem" links.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { feedbackIssueUrl, queryValue } from '../../src/lib/guides/feedback.ts';
import { AROUND, LIST_ALL, sectionNav } from '../../src/lib/guides/nav.ts';
import { groupByChapter, type GuideRef } from '../../src/lib/guides/order.ts';
import { CHAPTERS } from '../../src/lib/schemas/chapters.ts';
import { editUrl } from '../../src/lib/site.ts';

/** `perChapter` sections in each of the ten chapters. */
function guide(perChapter: number): GuideRef[] {
  return CHAPTERS.flatMap((chapter, c) =>
    Array.from({ length: perChapter }, (_, i) => ({ slug: `${chapter}-${String(i + 1)}`, section: `${String(c + 1)}.${String(i + 1)}`, chapter, title: `T${String(i)}`, symptom: '' })),
  );
}

describe('section navigation', () => {
  test('a small guide lists every chapter with every section, the current chapter marked', () => {
    const nav = sectionNav(groupByChapter(guide(2)), 'redis-2');
    assert.equal(nav.length, 10);
    assert.deepEqual(nav.map((c) => c.listed.length), Array<number>(10).fill(2));
    assert.deepEqual(nav.filter((c) => c.current).map((c) => c.chapter), ['redis']);
    assert.ok(nav.every((c) => c.unlisted === 0));
  });

  test('a chapter of one section is that section, not a disclosure around it; a chapter of two is not', () => {
    const mixed = [...guide(1).filter((g) => g.chapter !== 'redis'), ...guide(2).filter((g) => g.chapter === 'redis')];
    const nav = sectionNav(groupByChapter(mixed), 'database-1');
    assert.equal(nav.find((c) => c.chapter === 'database')?.only?.slug, 'database-1');
    assert.equal(nav.find((c) => c.chapter === 'redis')?.only, undefined);
    // Past LIST_ALL a one-section chapter that is not the current one lists nothing: it stays a link to the index.
    const many = [...guide(1).filter((g) => g.chapter !== 'redis'), ...guide(100).filter((g) => g.chapter === 'redis')];
    assert.equal(sectionNav(groupByChapter(many), 'redis-3').find((c) => c.chapter === 'database')?.only, undefined);
  });

  test(`past ${String(LIST_ALL)} sections, only the current chapter lists sections: at most ${String(AROUND)}, around the current one`, () => {
    const nav = sectionNav(groupByChapter(guide(100)), 'api-50');
    const api = nav.find((c) => c.chapter === 'api');
    assert.equal(api?.listed.length, AROUND);
    assert.ok(api?.listed.some((g) => g.slug === 'api-50'));
    assert.equal(api?.unlisted, 100 - AROUND);
    for (const c of nav.filter((x) => !x.current)) assert.deepEqual([c.listed.length, c.unlisted], [0, 100]);
  });

  test('the window stays inside the chapter at its first and last section', () => {
    const groups = groupByChapter(guide(100));
    assert.deepEqual(sectionNav(groups, 'tasks-1').find((c) => c.current)?.listed.map((g) => g.slug).slice(0, 2), ['tasks-1', 'tasks-2']);
    assert.equal(sectionNav(groups, 'tasks-100').find((c) => c.current)?.listed.at(-1)?.slug, 'tasks-100');
  });

  test('its size does not grow with the guide: 1,000 sections list no more than 13 do, plus a window', () => {
    const listed = (n: number, slug: string) => sectionNav(groupByChapter(guide(n)), slug).reduce((s, c) => s + c.listed.length, 0);
    assert.ok(listed(100, 'redis-40') <= AROUND);
    assert.equal(listed(300, 'redis-40'), listed(100, 'redis-40'));
  });
});

describe('links for maintainers and readers', () => {
  test('"Edit this page" opens the guide’s file on the configured repository and branch', () => {
    assert.equal(editUrl('src/content/guides/zh/db-pool-exhausted.mdx'), 'https://github.com/startcodeing/arya-video-agent/edit/main/src/content/guides/zh/db-pool-exhausted.mdx');
    assert.equal(editUrl('src/content/guides/en/a b.mdx', { repository: 'https://example.org/o/r', branch: 'dev', dir: '/site/' }), 'https://example.org/o/r/edit/dev/site/src/content/guides/en/a%20b.mdx');
  });

  test('"This did not solve my problem" prefills an issue with the section in its title, the page and the language in its body', () => {
    const url = new URL(
      feedbackIssueUrl({
        issuesNew: 'https://github.com/o/r/issues/new',
        url: 'https://site.example/zh/guides/slow-queries/',
        section: '2.2',
        title: '慢查询 & 锁',
        lang: 'zh-CN',
        langName: '中文',
        words: { title: '{section} {title}：没有解决我的问题', page: '页面', language: '语言', tried: '我试过的步骤', saw: '我看到的结果' },
      }),
    );
    assert.equal(url.origin + url.pathname, 'https://github.com/o/r/issues/new');
    assert.equal(url.searchParams.get('title'), '2.2 慢查询 & 锁：没有解决我的问题');
    const body = url.searchParams.get('body') ?? '';
    assert.match(body, /^- 页面: https:\/\/site\.example\/zh\/guides\/slow-queries\/$/m);
    assert.match(body, /^- 语言: 中文 \(zh-CN\)$/m);
    assert.match(body, /^### 我试过的步骤$/m);
  });

  test('the query keeps readable characters as they are and encodes what the syntax needs', () => {
    assert.equal(queryValue('慢查询 a&b=c#d\n+%'), '慢查询%20a%26b%3Dc%23d%0A%2B%25');
    assert.equal(queryValue('a\u202eb\u00a0c'), 'a%E2%80%AEb%C2%A0c');
  });
});
