/**
 * One stylesheet per kind of page (src/lib/stylesheets.ts): a page's links become one, in the
 * place of the first; the joined CSS keeps the order the page linked its files in; a file that
 * cannot move stops the build with its name.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { joinedHref, joinStylesheets, stylesheetLinks, withOneStylesheet } from '../../src/lib/stylesheets.ts';

const PAGE = '<html><head><title>x</title><link rel="stylesheet" href="/_astro/a.1.css"><link rel="icon" href="/f.svg"><link rel="stylesheet" href="/_astro/b.2.css"></head><body><link rel="stylesheet" href="/docs/_astro/c.css"></body></html>';

describe('one stylesheet per kind of page', () => {
  test('reads the stylesheet links in document order, and nothing else', () => {
    assert.deepEqual(stylesheetLinks(PAGE), ['/_astro/a.1.css', '/_astro/b.2.css', '/docs/_astro/c.css']);
    assert.deepEqual(stylesheetLinks('<link rel="icon" href="/f.svg"><link rel="preload" href="/a.css">'), []);
  });

  test('puts one link where the first was and takes the others out, leaving other links alone', () => {
    assert.equal(
      withOneStylesheet(PAGE, '/_astro/page.abc.css'),
      '<html><head><title>x</title><link rel="stylesheet" href="/_astro/page.abc.css"><link rel="icon" href="/f.svg"></head><body></body></html>',
    );
  });

  test('joins the files in the order given, so the cascade is the same', () => {
    assert.equal(joinStylesheets([['/a.css', '.x{color:red}\n'], ['/b.css', '.x{color:blue}']]), '.x{color:red}\n.x{color:blue}\n');
  });

  test('refuses a file with @import or @charset, naming it', () => {
    assert.throws(() => joinStylesheets([['/a.css', '.x{}'], ['/_astro/b.css', '@import "c.css";.y{}']]), /\/_astro\/b\.css: .*@import/);
    assert.throws(() => joinStylesheets([['/_astro/c.css', '@charset "utf-8";']]), /\/_astro\/c\.css: .*@charset/);
  });

  test('names the joined file by its hash, beside the files it joins (under a base too)', () => {
    assert.equal(joinedHref(['/docs/_astro/a.css', '/docs/_astro/b.css'], 'abc123'), '/docs/_astro/page.abc123.css');
  });
});
