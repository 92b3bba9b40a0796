/**
 * A Shiki transformer that marks every placeholder in highlighted code with a wrapper span:
 * `<span class="var-slot" data-var="container_id" data-ctx="sh">…</span>`. The page swaps the
 * span's text for the reader's value, encoded for that context; without a value (or without
 * JavaScript) the placeholder reads as written. Uses Shiki's decorations, which split tokens at
 * the placeholder's edges.
 */
import type { AstroUserConfig } from 'astro';
import { findPlaceholders } from './context.ts';
import { VARIABLES } from './definitions.ts';

/** Astro's own Shiki transformer type (a type import only: this module stays pure at runtime). */
type ShikiTransformer = NonNullable<NonNullable<NonNullable<AstroUserConfig['markdown']>['shikiConfig']>['transformers']>[number];

export function variablesTransformer(): ShikiTransformer {
  return {
    name: 'arya:variables',
    preprocess(code, options) {
      const found = findPlaceholders(code, String(options.lang), VARIABLES).filter((p) => p.ctx !== 'none');
      if (found.length === 0) return undefined;
      options.decorations = [
        ...(options.decorations ?? []),
        ...found.map((p) => ({
          start: p.start,
          end: p.end,
          properties: { class: 'var-slot', 'data-var': p.name, 'data-ctx': p.ctx, 'data-written': code.slice(p.start, p.end) },
          alwaysWrap: true,
        })),
      ];
      return undefined;
    },
  };
}

/**
 * Prefix of the CSS variables of Shiki's two themes: `--s-light`, `--s-dark` instead of
 * `--shiki-light`, `--shiki-dark`. Shorter, as every token used to carry them in a style
 * attribute; src/lib/code-style.ts turns them into classes, and src/styles/global.css reads them.
 */
export const THEME_VARIABLE_PREFIX = '--s-';

/** Makes Shiki name its theme variables with THEME_VARIABLE_PREFIX. */
export function shortThemeVariables(): ShikiTransformer {
  return {
    name: 'arya:short-theme-variables',
    preprocess(_code, options) {
      // Part of Shiki's options for two themes; Astro's type names only the single-theme form.
      (options as { cssVariablePrefix?: string }).cssVariablePrefix = THEME_VARIABLE_PREFIX;
      return undefined;
    },
  };
}
