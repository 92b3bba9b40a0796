/**
 * Every URL the built site makes a browser follow or load names a file of the site, and every
 * #fragment an element of its page (tests/support/links.ts says what is read). Runs over dist/ in
 * the dist stage, and over the sub-path build (ARYA_DIST=dist-base ARYA_BASE=/docs/) in the base
 * stage, where a link that leaves the base is a problem too.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { builtSite } from '../support/built-site.ts';
import { checkLinks, cssUrls, htmlUrls, manifestUrls } from '../support/links.ts';

const DIST = process.env['ARYA_DIST'] ?? 'dist';
const BASE = process.env['ARYA_BASE'] ?? '/';
const site = builtSite(DIST, BASE);

describe(`the links of ${DIST}/ served under ${BASE}`, () => {
  test(`are all internal links, assets and #anchors that exist (${String(site.pages.size)} pages, ${String(site.stylesheets.size)} stylesheets, the manifest)`, () => {
    assert.ok(site.pages.size > 0, `no page in ${DIST}/`);
    assert.ok(site.manifest, `no manifest in ${DIST}/`);
    const read = new Map<string, number>();
    const count = (kind: string) => read.set(kind, (read.get(kind) ?? 0) + 1);
    for (const html of site.pages.values()) for (const u of htmlUrls(html)) count(u.attribute);
    for (const css of site.stylesheets.values()) for (const _ of cssUrls(css)) count('url()');
    for (const u of manifestUrls(site.manifest.text)) count(`manifest ${u.attribute.replace(/\[\d+\]/g, '')}`);
    console.log(`${DIST}/ under ${BASE}: read ${[...read].map(([k, n]) => `${String(n)} ${k}`).join(', ')}`);
    const problems = checkLinks(site);
    assert.deepEqual(problems, [], problems.map((p) => `${p.page}: ${p.attribute}="${p.href}" (${p.reason})`).join('\n'));
  });
});
