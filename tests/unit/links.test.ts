import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkLinks, cssUrls, srcsetUrls, type BuiltSite } from '../support/links.ts';

const FILES = [
  '/en/index.html',
  '/en/guides/a/index.html',
  '/en/search/index.html',
  '/_astro/x.css',
  '/_astro/font.woff2',
  '/img/a-1x.png',
  '/img/a-2x.png',
  '/img/b-480.png',
  '/icons/icon-192.png',
  '/index.html',
  '/manifest.webmanifest',
];

/** A two-page site; `extra` is added to the guide page, whose own ids are `causes` and a CJK heading. */
function site(extra: string, more: Partial<BuiltSite> = {}): BuiltSite {
  return {
    pages: new Map([
      ['/en/', '<h2 id="index">x</h2>'],
      ['/en/guides/a/', `<h3 id="问题1依赖包缺失">t</h3><span id="causes"></span><a href="#causes">c</a>${extra}`],
    ]),
    files: new Set(FILES),
    stylesheets: new Map(),
    ...more,
  };
}
const problems = (s: BuiltSite) => checkLinks(s).map((p) => `${p.page} ${p.attribute}=${p.href}: ${p.reason}`);

describe('the link checker', () => {
  test('accepts links to existing pages, files and anchors, including percent-encoded CJK ids', () => {
    const html = '<a href="/en/#index">i</a><link rel="stylesheet" href="/_astro/x.css"><a href="#%E9%97%AE%E9%A2%981%E4%BE%9D%E8%B5%96%E5%8C%85%E7%BC%BA%E5%A4%B1">p</a><a href="../../search/?q=a&amp;b">s</a>';
    assert.deepEqual(problems(site(html)), []);
  });

  test('reports a missing page, a missing file and a missing anchor, with the attribute they are in', () => {
    const html = '<a href="/zh/">zh</a><img src="/logo.png" alt=""><a href="/en/#nope">n</a>';
    assert.deepEqual(problems(site(html)), [
      '/en/guides/a/ href=/zh/: no file /zh/index.html',
      '/en/guides/a/ src=/logo.png: no file /logo.png',
      '/en/guides/a/ href=/en/#nope: no id "nope" on /en/',
    ]);
  });

  test('ignores other hosts and schemes, data: URLs included', () => {
    const html =
      '<a href="https://github.com/x">g</a><a href="mailto:a@b.c">m</a><a href="//cdn.example/x">c</a>' +
      '<img src="data:image/png;base64,iVBORw0KGgo=" alt=""><img srcset="data:image/png;base64,AAAA,BBBB 1x, https://cdn.example/b.png 2x" alt="">';
    assert.deepEqual(problems(site(html)), []);
  });

  test('reports a malformed #fragment and a malformed path as problems, without throwing', () => {
    const html = '<a href="#%E0%A4%A">bad</a><a href="/en/%E0%A4%A/">bad path</a>';
    assert.deepEqual(problems(site(html)), [
      '/en/guides/a/ href=#%E0%A4%A: malformed #fragment: #%E0%A4%A',
      '/en/guides/a/ href=/en/%E0%A4%A/: malformed percent-encoding in the path',
    ]);
  });

  test('reads ids and URLs from tags only: not from code text, scripts or comments', () => {
    const html = '<code>&lt;a href="/nowhere/"&gt; id="ghost"</code><script type="module">const a = \'<a href="/nowhere/">\';</script><!-- <img src="/gone.png"> --><a href="#ghost">g</a>';
    assert.deepEqual(problems(site(html)), ['/en/guides/a/ href=#ghost: no id "ghost" on /en/guides/a/']);
  });
});

describe('the link checker reads srcset', () => {
  test('splits candidates with width and density descriptors, and keeps commas inside a data: URL', () => {
    assert.deepEqual(srcsetUrls('/img/a-1x.png 1x, /img/a-2x.png 2x'), ['/img/a-1x.png', '/img/a-2x.png']);
    assert.deepEqual(srcsetUrls(' a.png 480w,b.png  800w , c.png'), ['a.png', 'b.png', 'c.png']);
    // As browsers read it: a URL runs to the next space, so a comma without one is part of it.
    assert.deepEqual(srcsetUrls('a.png,b.png 2x'), ['a.png,b.png']);
    assert.deepEqual(srcsetUrls('a.png, b.png 2x'), ['a.png', 'b.png']);
    assert.deepEqual(srcsetUrls('data:image/png;base64,AA,BB 1x, x.png 2x'), ['data:image/png;base64,AA,BB', 'x.png']);
  });

  test('checks every candidate of img and source srcset, each reported with its URL', () => {
    const html =
      '<picture><source srcset="/img/b-480.png 480w, /img/b-800.png 800w" sizes="50vw"><img src="/img/a-1x.png" srcset="/img/a-1x.png 1x, /img/a-3x.png 3x" alt=""></picture>';
    assert.deepEqual(problems(site(html)), [
      '/en/guides/a/ srcset=/img/b-800.png: no file /img/b-800.png',
      '/en/guides/a/ srcset=/img/a-3x.png: no file /img/a-3x.png',
    ]);
  });
});

describe('the link checker reads form actions', () => {
  test('accepts a search form that names its results page, and reports one that names no page', () => {
    const html = '<form role="search" method="get" action="/en/search/"><input name="q"></form><form action="/en/find/"><button formaction="/en/search/">s</button></form>';
    assert.deepEqual(problems(site(html)), ['/en/guides/a/ action=/en/find/: no file /en/find/index.html']);
  });
});

describe('the link checker reads the web app manifest', () => {
  const manifest = (json: object) => ({ path: '/manifest.webmanifest', text: JSON.stringify(json) });

  test('resolves start_url and icons against the manifest, and reports the missing ones', () => {
    const s = site('', {
      manifest: manifest({
        start_url: './',
        icons: [{ src: 'icons/icon-192.png' }, { src: 'icons/icon-512.png' }, { src: 'data:image/png;base64,AA==' }],
        shortcuts: [{ url: 'en/guides/b/', icons: [{ src: '/icons/icon-192.png' }] }],
      }),
    });
    assert.deepEqual(problems(s), [
      '/manifest.webmanifest icons[1].src=icons/icon-512.png: no file /icons/icon-512.png',
      '/manifest.webmanifest shortcuts[0].url=en/guides/b/: no file /en/guides/b/index.html',
    ]);
  });

  test('reports a start_url that names no page, and a manifest that is not JSON', () => {
    assert.deepEqual(problems(site('', { manifest: manifest({ start_url: '/app/' }) })), ['/manifest.webmanifest start_url=/app/: no file /app/index.html']);
    assert.match(problems(site('', { manifest: { path: '/manifest.webmanifest', text: '{ "icons": [' } }))[0] ?? '', /^\/manifest\.webmanifest \(manifest\)=: not JSON/);
  });
});

describe('the link checker reads url() in CSS', () => {
  test('finds url() double-quoted, single-quoted and bare, and @import, past comments', () => {
    const css = `/* url(gone.png) */ @font-face { src: url("font.woff2") format("woff2"), url('f\\ 2.woff') } a { background: url( /img/a-1x.png ) } @import "more.css";`;
    assert.deepEqual(cssUrls(css), ['font.woff2', 'f 2.woff', '/img/a-1x.png', 'more.css']);
  });

  test('resolves against the stylesheet, ignores data:, other hosts and url(#id), and reports the missing', () => {
    const css =
      '@font-face{src:url(font.woff2)}.a{background:url("../img/a-2x.png")}.b{background:url(\'/img/none.png\')}' +
      '.c{background:url(data:image/svg+xml;utf8,<svg></svg>)}.d{background:url(https://cdn.example/x.png)}.e{filter:url(#blur)}';
    assert.deepEqual(problems(site('', { stylesheets: new Map([['/_astro/x.css', css]]) })), ["/_astro/x.css url()=/img/none.png: no file /img/none.png"]);
  });

  test('checks url() in a page’s own <style> and style attributes against the page', () => {
    const html = '<style>.x{background:url(/img/none.png)}</style><div style="background: url(&quot;/img/a-1x.png&quot;)"></div>';
    assert.deepEqual(problems(site(html)), ['/en/guides/a/ <style>=/img/none.png: no file /img/none.png']);
  });
});

describe('the link checker under a sub-path base', () => {
  const prefixed = (base: string, s: BuiltSite): BuiltSite => ({
    base,
    pages: new Map([...s.pages].map(([p, h]) => [`${base.slice(0, -1)}${p}`, h])),
    files: new Set([...s.files].map((f) => `${base.slice(0, -1)}${f}`)),
    stylesheets: new Map(),
  });

  test('accepts links that stay under the base, and reports one that leaves it', () => {
    const html = '<a href="/docs/en/#index">i</a><a href="../../">up</a><a href="/en/">root</a>';
    assert.deepEqual(problems(prefixed('/docs/', site(html))), ["/docs/en/guides/a/ href=/en/: outside the site's base /docs/"]);
  });
});
