// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { SHIKI_CONFIG } from './src/lib/highlight.ts';

export default defineConfig({
  site: 'https://arya-video-agent.example',
  trailingSlash: 'always',
  // Scripts and stylesheets as files, not inlined: they are cached across pages, and the HTML of
  // each page stays small (the first-round-trip budget counts HTML plus CSS).
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 } },
  integrations: [mdx()],
  markdown: {
    // Astro's built-in Shiki, configured in one place (guides are highlighted with the same config).
    shikiConfig: SHIKI_CONFIG,
  },
});
