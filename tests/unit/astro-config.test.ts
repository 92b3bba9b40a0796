/**
 * Guides are rendered by src/lib/guides, not by Astro's Markdown pipeline, so Markdown and MDX
 * settings in astro.config.mjs would silently never reach them. This keeps them out.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

describe('astro.config.mjs', () => {
  test('has no Markdown settings, and the MDX integration no options: guides would silently miss them', async () => {
    const config = (await import('../../astro.config.mjs')).default as { markdown?: unknown; integrations?: Array<{ name: string }> };
    assert.equal(config.markdown, undefined, 'markdown.* settings never reach a guide: put highlighting in src/lib/highlight.ts, anything else in src/lib/guides');
    assert.deepEqual((config.integrations ?? []).map((i) => i.name), ['@astrojs/mdx']);
    const text = readFileSync('astro.config.mjs', 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    assert.match(text, /\bmdx\(\)/, 'mdx() without options');
    assert.doesNotMatch(text, /remarkPlugins|rehypePlugins|remarkRehype|shikiConfig|syntaxHighlight/);
  });
});
