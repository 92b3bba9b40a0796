// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { CODE_STYLE } from './src/lib/highlight.ts';

/**
 * `virtual:arya/code-style.css`: the classes that colour highlighted code (src/lib/code-style.ts),
 * imported by the code block components, so Astro bundles it with every page that can show code.
 */
function codeStylesheet() {
  const id = 'virtual:arya/code-style.css';
  return {
    name: 'arya:code-stylesheet',
    /** @param {string} source */
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    /** @param {string} resolved */
    load: (resolved) => (resolved === `\0${id}` ? CODE_STYLE.css : undefined),
  };
}

/**
 * Where the site is served and built. `/` into dist/ as a rule; the sub-path test build (the `base`
 * stage of npm test) sets ARYA_BASE=/docs/ and ARYA_DIST=dist-base, so dist/ stays as it was. The
 * later build steps (scripts/search-index.ts, scripts/offline/build.ts) read ARYA_DIST too.
 */
const base = process.env['ARYA_BASE'] ?? '/';
if (!/^\/(?:[^/]+\/)*$/.test(base)) throw new Error(`ARYA_BASE must start and end with a slash (/docs/), not ${JSON.stringify(base)}`);

/**
 * No Markdown or MDX settings here, on purpose: guide bodies are not rendered by Astro's Markdown
 * pipeline but by src/lib/guides (parse.ts, render.ts), one page at a time, so remark/rehype
 * plugins, `markdown.shikiConfig` and MDX options set here would never reach a guide.
 * tests/unit/astro-config.test.ts fails if any appear. Code is highlighted with the one Shiki
 * config in src/lib/highlight.ts. See CONTRIBUTING.md, "How a guide becomes a page".
 */
export default defineConfig({
  site: 'https://arya-video-agent.example',
  base,
  outDir: process.env['ARYA_DIST'] ?? 'dist',
  trailingSlash: 'always',
  // Scripts and stylesheets as files, not inlined: they are cached across pages, and the HTML of
  // each page stays small (the first-round-trip budget counts HTML plus CSS).
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 }, plugins: [codeStylesheet()] },
  // The MDX integration gives the content layer its `.mdx` entry type (frontmatter, body text).
  integrations: [mdx()],
});
