/**
 * Code colours as classes instead of style attributes, so the Content-Security-Policy can refuse
 * every inline style (src/lib/csp.ts).
 *
 * Shiki writes each token's colours as a style attribute (`--s-light:#0A3069;--s-dark:#A5D6FF`).
 * Here every declaration Shiki can write with the site's themes gets a class of its own
 * (`.s12{--s-light:#0a3069}`), and a transformer replaces each style attribute with those
 * classes (`class="s12 s31"`); src/styles/global.css reads the same variables as before, so code
 * looks as it did. The declarations come from the themes themselves (every colour, background and
 * font style their rules set, and their defaults), not from the code on the pages: the stylesheet
 * is known before any page is rendered and is the same for every page, which the triage wizard
 * needs (it moves steps, code included, from the tree's all-steps page into the current one).
 * Knowing the classes actually used would mean highlighting every code block twice per build.
 *
 * A declaration the themes cannot explain fails the build with its text: nothing is ever left
 * uncoloured, or coloured by a style the policy blocks.
 */
import type { AstroUserConfig } from 'astro';
import type { Element, Root, RootContent } from 'hast';

/** Astro's own Shiki transformer type (a type import only: this module stays pure at runtime). */
type ShikiTransformer = NonNullable<NonNullable<NonNullable<AstroUserConfig['markdown']>['shikiConfig']>['transformers']>[number];

/** What this module reads of a TextMate theme (as Shiki's theme registrations hold it). */
export interface TextMateTheme {
  fg?: string;
  bg?: string;
  colors?: Record<string, string>;
  tokenColors?: ThemeRule[];
  settings?: ThemeRule[];
}
interface ThemeRule {
  scope?: string | string[];
  settings?: { foreground?: string; background?: string; fontStyle?: string };
}

export interface CodeStyle {
  /** Declaration as Shiki writes it, normalised (`--s-light:#0a3069`) → its class (`s12`). */
  classes: ReadonlyMap<string, string>;
  /** One rule per class: `.s12{--s-light:#0a3069}`. */
  css: string;
}

/** `Overflow-X: Auto` → `overflow-x:auto`; colours lower-case (Shiki writes `#0A3069` and `#1f2328`). */
function normalise(declaration: string): string {
  const at = declaration.indexOf(':');
  return `${declaration.slice(0, at).trim()}:${declaration.slice(at + 1).trim().toLowerCase()}`;
}

/** Declarations of a style attribute, normalised; empty ones dropped. */
export function declarationsOf(style: string): string[] {
  return style
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d.includes(':'))
    .map(normalise);
}

/**
 * The declarations Shiki writes for one theme under `variable` (`--s-light`), as its
 * tokenizeWithTheme, getTokenStyleObject and flatTokenVariants do for a TextMate grammar: a token
 * gets the foreground of a theme rule or the theme's default (`variable`), and its font style
 * (italic → `variable-font-style`, bold → `variable-font-weight`, underline and strikethrough →
 * `variable-text-decoration`); rule backgrounds never reach a token. The `<pre>` gets the
 * theme's default foreground and background (`variable-bg`).
 */
function themeDeclarations(theme: TextMateTheme, variable: string): string[] {
  const rules = [...(theme.tokenColors ?? []), ...(theme.settings ?? [])];
  const settings = rules.map((r) => r.settings ?? {});
  // The default background: Shiki takes `bg`, else a rule without a scope, else the editor's.
  const defaults = rules.filter((r) => r.scope === undefined).map((r) => r.settings?.background);
  const colours = new Set([theme.fg, theme.colors?.['editor.foreground'], ...settings.map((s) => s.foreground)].filter((c): c is string => !!c));
  const backgrounds = new Set([theme.bg, theme.colors?.['editor.background'], ...defaults].filter((c): c is string => !!c));
  const out = new Set<string>();
  for (const c of colours) out.add(normalise(`${variable}:${c}`));
  for (const c of backgrounds) out.add(normalise(`${variable}-bg:${c}`));
  for (const { fontStyle } of settings) {
    const words = new Set((fontStyle ?? '').split(/\s+/));
    if (words.has('italic')) out.add(`${variable}-font-style:italic`);
    if (words.has('bold')) out.add(`${variable}-font-weight:bold`);
    const decoration = [words.has('underline') ? 'underline' : '', words.has('strikethrough') ? 'line-through' : ''].filter(Boolean).join(' ');
    if (decoration) out.add(`${variable}-text-decoration:${decoration}`);
  }
  return [...out].sort();
}

/**
 * The classes of every declaration the themes can make Shiki write, plus `extra` declarations
 * written by others (Astro's `overflow-x: auto` on the `<pre>`). Class names are short, as they
 * are repeated on every token: `s0`, `s1`, … in a stable order.
 */
export function codeStyle(themes: Readonly<Record<string, TextMateTheme>>, { prefix, extra = [] }: { prefix: string; extra?: readonly string[] }): CodeStyle {
  const declarations = [...Object.entries(themes).flatMap(([name, theme]) => themeDeclarations(theme, `${prefix}${name}`)), ...extra.map(normalise)];
  const classes = new Map<string, string>();
  for (const d of declarations) if (!classes.has(d)) classes.set(d, `s${String(classes.size)}`);
  const css = [...classes].map(([d, c]) => `.${c}{${d}}`).join('\n');
  return { classes, css: `${css}\n` };
}

/**
 * The classes standing for a style attribute. A custom property set to `inherit` needs none (it
 * inherits anyway; Shiki writes it when one theme styles a token the other leaves alone).
 */
export function classesFor(style: string, classes: CodeStyle['classes']): string[] {
  const out: string[] = [];
  for (const d of declarationsOf(style)) {
    if (/^--[^:]+:inherit$/.test(d)) continue;
    const c = classes.get(d);
    if (c === undefined) {
      throw new Error(
        `Code highlighting wrote a style that no class stands for: "${d}". The classes come from the themes' declarations (src/lib/code-style.ts); a declaration from elsewhere goes in \`extra\` (src/lib/highlight.ts).`,
      );
    }
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

function swap(node: Root | RootContent, classes: CodeStyle['classes']): void {
  if (node.type !== 'element' && node.type !== 'root') return;
  if (node.type === 'element') swapOne(node, classes);
  for (const child of node.children) swap(child, classes);
}

function swapOne(element: Element, classes: CodeStyle['classes']): void {
  const style = element.properties['style'];
  if (style === undefined || style === null) return;
  delete element.properties['style'];
  const added = classesFor(String(style), classes);
  if (added.length === 0) return;
  const current = element.properties['class'] ?? element.properties['className'];
  const list = Array.isArray(current) ? current.map(String) : typeof current === 'string' && current !== '' ? [current] : [];
  delete element.properties['className'];
  element.properties['class'] = [...list, ...added].join(' ');
}

const classList = (element: Element): string => {
  const c = element.properties['class'];
  return Array.isArray(c) ? c.map(String).join(' ') : typeof c === 'string' ? c : '';
};
const isTextOnly = (node: RootContent): node is Element => node.type === 'element' && node.tagName === 'span' && node.children.every((c) => c.type === 'text');
const textOf = (element: Element): string => element.children.map((c) => (c.type === 'text' ? c.value : '')).join('');

/**
 * Fewer tokens, same colours: in each line, a token coloured as the block's default text (the
 * `<pre>`'s own colour classes) loses its `<span>`, as its text inherits that colour anyway, and
 * neighbouring tokens of the same classes become one (`<span class="s14 s30">async</span><span
 * class="s14 s30"> def</span>`), inside a variable's slot too. Only spans holding text alone are
 * joined or unwrapped: a slot, or anything else another transformer built, stays where it is.
 */
export function joinTokens(root: Root, decl: ReadonlyMap<string, string>): void {
  const pre = root.children.find((n): n is Element => n.type === 'element' && n.tagName === 'pre');
  if (pre === undefined) return;
  // The colour classes of the <pre>: custom properties holding a colour, not a background or a font style.
  const plain = classList(pre)
    .split(' ')
    .filter((c) => /^--[\w-]+:#/.test(decl.get(c) ?? '') && !/-bg:/.test(decl.get(c) ?? ''))
    .sort()
    .join(' ');
  const lines = (node: Element): Element[] => node.children.flatMap((c) => (c.type !== 'element' ? [] : classList(c) === 'line' ? [c] : lines(c)));
  const join = (line: Element): void => {
    const out: RootContent[] = [];
    for (const child of line.children) {
      if (child.type === 'element' && !isTextOnly(child)) join(child); // a variable's slot: its tokens too
      const last = out.at(-1);
      if (isTextOnly(child) && plain !== '' && classList(child).split(' ').sort().join(' ') === plain) {
        if (last?.type === 'text') last.value += textOf(child);
        else out.push({ type: 'text', value: textOf(child) });
      } else if (isTextOnly(child) && last !== undefined && isTextOnly(last) && classList(last) === classList(child)) {
        last.children = [{ type: 'text', value: textOf(last) + textOf(child) }];
      } else if (child.type === 'text' && last?.type === 'text') {
        last.value += child.value;
      } else out.push(child);
    }
    line.children = out as Element['children'];
  };
  for (const line of lines(pre)) join(line);
}

/**
 * Replaces every style attribute of the highlighted block (the `<pre>` and each token) with its
 * classes, then joins tokens that look the same (joinTokens) and takes the `drop` classes off the
 * `<pre>`. Runs on the finished tree (`root`), after every other transformer and Astro's own.
 */
export function styleToClassTransformer(style: CodeStyle, { drop = [] }: { drop?: readonly string[] } = {}): ShikiTransformer {
  const decl = new Map([...style.classes].map(([d, c]) => [c, d]));
  return {
    name: 'arya:style-to-class',
    root(root) {
      swap(root, style.classes);
      joinTokens(root, decl);
      const pre = root.children.find((n): n is Element => n.type === 'element' && n.tagName === 'pre');
      if (pre && drop.length > 0) {
        pre.properties['class'] = classList(pre).split(' ').filter((c) => c !== '' && !drop.includes(c)).join(' ');
        delete pre.properties['className'];
      }
    },
  };
}
