import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkLinks } from '../../src/lib/links/check.ts';

const files = new Set(['/en/index.html', '/en/guides/a/index.html', '/_astro/x.css']);
const pages = (extra: string) =>
  new Map([
    ['/en/', '<h2 id="index">x</h2>'],
    ['/en/guides/a/', `<h3 id="问题1依赖包缺失">t</h3><a href="#causes">c</a>${extra}`],
  ]);

describe('internal link checker', () => {
  test('accepts links to existing pages, files and anchors, including percent-encoded CJK ids', () => {
    const html = '<a href="/en/#index">i</a><link rel="stylesheet" href="/_astro/x.css"><a href="#%E9%97%AE%E9%A2%981%E4%BE%9D%E8%B5%96%E5%8C%85%E7%BC%BA%E5%A4%B1">p</a><span id="causes"></span>';
    assert.deepEqual(checkLinks(pages(html), files), []);
  });

  test('reports a missing page, a missing file and a missing anchor', () => {
    const html = '<span id="causes"></span><a href="/zh/">zh</a><img src="/logo.png"><a href="/en/#nope">n</a>';
    assert.deepEqual(
      checkLinks(pages(html), files).map((b) => b.reason),
      ['no file /zh/index.html', 'no file /logo.png', 'no id "nope" on /en/'],
    );
  });

  test('ignores other hosts and schemes', () => {
    const html = '<span id="causes"></span><a href="https://github.com/x">g</a><a href="mailto:a@b.c">m</a><a href="//cdn.example/x">c</a>';
    assert.deepEqual(checkLinks(pages(html), files), []);
  });
});
