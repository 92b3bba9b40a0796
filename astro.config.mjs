// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { shortThemeVariables, variablesTransformer } from './src/lib/variables/shiki.ts';

export default defineConfig({
  site: 'https://arya-video-agent.example',
  trailingSlash: 'always',
  // Scripts and stylesheets as files, not inlined: they are cached across pages, and the HTML of
  // each page stays small (the first-round-trip budget counts HTML plus CSS).
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 } },
  integrations: [mdx()],
  markdown: {
    // Astro's built-in Shiki. Both themes are emitted as CSS variables; the stylesheet picks one
    // with prefers-color-scheme.
    shikiConfig: {
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
      wrap: false,
      // Marks command variables (<container_id>, {task_id}, …) for the variables panel.
      transformers: [shortThemeVariables(), variablesTransformer()],
    },
  },
});
