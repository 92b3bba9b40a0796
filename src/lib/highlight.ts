/**
 * The one Shiki configuration of the site: both themes as CSS variables (the stylesheet picks one
 * with prefers-color-scheme), set by classes rather than style attributes (src/lib/code-style.ts),
 * and the command-variable marks. The guide renderer (src/lib/guides/render.ts) highlights with
 * it through Astro's own Shiki highlight function, and triage commands
 * (src/components/code/Command.astro) through Astro's <Code>, so a code block looks the same
 * wherever it is rendered. (Astro's Markdown pipeline renders no guide, so astro.config.mjs sets
 * no shikiConfig.)
 */
import { satteriCreateHighlightFn } from '@astrojs/markdown-satteri';
import githubDark from '@shikijs/themes/github-dark-default';
import githubLight from '@shikijs/themes/github-light-default';
import type { AstroUserConfig } from 'astro';
import { codeStyle, styleToClassTransformer } from './code-style.ts';
import type { Highlight } from './guides/render.ts';
import { shortThemeVariables, THEME_VARIABLE_PREFIX, variablesTransformer } from './variables/shiki.ts';

type ShikiConfig = NonNullable<NonNullable<AstroUserConfig['markdown']>['shikiConfig']>;

/**
 * The themes as data (the same objects Shiki would load by name), so the code classes are read
 * from exactly what Shiki highlights with.
 */
const THEMES = { light: githubLight, dark: githubDark };

/**
 * The class of every declaration code highlighting can write, and their stylesheet (served as
 * `virtual:arya/code-style.css`, see astro.config.mjs). `extra`: what Astro's highlighter adds
 * itself (@astrojs/internal-helpers/shiki): `overflow-x: auto` on every `<pre>` (wrap: false),
 * `user-select: none` on the +/- marks of a diff.
 */
export const CODE_STYLE = codeStyle(THEMES, { prefix: THEME_VARIABLE_PREFIX, extra: ['overflow-x: auto', 'user-select: none'] });

export const SHIKI_CONFIG = {
  themes: THEMES,
  defaultColor: false,
  wrap: false,
  // Marks command variables (<container_id>, {task_id}, …) for the variables panel, then turns
  // every style attribute into classes (last: it reads the finished block).
  // Astro also names the themes on the <pre> (`astro-code-themes github-light-default …`); no
  // stylesheet reads those names, so they are dropped (`astro-code` stays: global.css reads it).
  transformers: [shortThemeVariables(), variablesTransformer(), styleToClassTransformer(CODE_STYLE, { drop: ['astro-code-themes', ...Object.values(THEMES).flatMap((t) => (t.name ? [t.name] : []))] })],
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
