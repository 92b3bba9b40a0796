/**
 * The one Shiki configuration of the site: both themes as CSS variables (the stylesheet picks one
 * with prefers-color-scheme) and the command-variable marks. The guide renderer
 * (src/lib/guides/render.ts) highlights with it through Astro's own Shiki highlight function,
 * and triage commands (src/components/code/Command.astro) through Astro's <Code>, so a code
 * block looks the same wherever it is rendered. (Astro's Markdown pipeline renders no guide, so
 * astro.config.mjs sets no shikiConfig.)
 */
import { satteriCreateHighlightFn } from '@astrojs/markdown-satteri';
import type { AstroUserConfig } from 'astro';
import type { Highlight } from './guides/render.ts';
import { shortThemeVariables, variablesTransformer } from './variables/shiki.ts';

type ShikiConfig = NonNullable<NonNullable<AstroUserConfig['markdown']>['shikiConfig']>;

export const SHIKI_CONFIG = {
  themes: { light: 'github-light-default', dark: 'github-dark-default' },
  defaultColor: false,
  wrap: false,
  // Marks command variables (<container_id>, {task_id}, …) for the variables panel.
  transformers: [shortThemeVariables(), variablesTransformer()],
} satisfies ShikiConfig;

let highlighter: Promise<Highlight> | undefined;

/** Astro's own Shiki highlight function with the site's config, created once per build. */
export function siteHighlighter(): Promise<Highlight> {
  highlighter ??= satteriCreateHighlightFn('shiki', SHIKI_CONFIG).then((fn) => {
    if (!fn) throw new Error('Astro did not create a Shiki highlighter');
    return fn as Highlight;
  });
  return highlighter;
}
