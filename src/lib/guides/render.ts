/**
 * Renders the MDX body of a guide into what the guide page prints: runs of finished HTML, and the
 * components the page draws with its own Astro components (the four blocks, Note, Correction, and
 * the `pre` and `h3` overrides that add the copy toolbar and the heading self-links).
 *
 * Why not let Astro compile each guide into a module: every MDX entry then becomes a module of the
 * server bundle, and the bundler holds all of them, highlighted code included, at once. Peak memory
 * grew by about 1 MB per guide (bench: 3.1 GB at 1,000 guides per language, 7.2 GB at 3,000).
 * Rendered here, one page at a time, a guide costs its parse and highlight and is then garbage.
 *
 * Same engines as Astro's MDX integration: Sätteri parses the MDX (GFM and smart punctuation on,
 * as Astro's defaults), Astro's Shiki highlight function colours the code with the site's config,
 * and heading ids come from github-slugger over the heading text, as in Astro's heading-ids step.
 * MDX in guides is static: components with string props, no imports, exports or expressions. Any
 * other construct is an author mistake and fails the build with the file and the line.
 */
import GithubSlugger from 'github-slugger';
import type { Nodes } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { find, html as htmlSchema } from 'property-information';
import { mdxToHast } from 'satteri';
import { ContentError, type Problem } from '../errors/problems.ts';
import { staticString } from './mdx-parts.ts';

/** What the page prints, in order: finished HTML, or one of its components around more nodes. */
export type GuideNode = { type: 'html'; html: string } | { type: 'component'; name: string; props: Record<string, string>; children: GuideNode[] };

export interface GuideHeading {
  depth: number;
  slug: string;
  text: string;
}

export interface RenderedGuide {
  nodes: GuideNode[];
  /** Headings written in the body, with their ids, in order (the table of contents reads them). */
  headings: GuideHeading[];
}

/** Highlights one code block; returns Shiki's `<pre>` element (or nothing to keep it plain). */
export type Highlight = (code: string, lang: string, meta?: string) => Promise<Nodes | undefined>;

export interface RenderOptions {
  /** The file, for error messages (`src/content/guides/en/x.mdx`). */
  file: string;
  /**
   * Line of the file the body starts on (after the frontmatter), so errors name file lines. A
   * function: it is only needed when there is an error, and may have to read the file.
   */
  firstLine?: () => number;
  /**
   * What the page draws with its own components, as in MDX's `components` prop: capitalised names
   * are the components a body may use (`Note`, `Symptom`, …); lower-case names are HTML elements
   * the page draws itself (`pre`, `h3`).
   */
  components: readonly string[];
  highlight?: Highlight;
}

/** Languages Astro leaves unhighlighted (its `defaultExcludeLanguages`). */
const PLAIN_LANGUAGES = new Set(['math']);

/** The MDX node types Sätteri produces besides hast's own; read structurally. */
interface AnyNode {
  type: string;
  tagName?: string;
  name?: string | null;
  value?: unknown;
  properties?: Record<string, unknown>;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children?: AnyNode[];
  data?: { lang?: unknown; meta?: unknown };
  position?: { start?: { line?: number } };
}

function textOf(node: AnyNode): string {
  if (node.type === 'text') return typeof node.value === 'string' ? node.value : '';
  return (node.children ?? []).map(textOf).join('');
}

function html(node: AnyNode): string {
  return toHtml(node as unknown as Nodes);
}

/** hast properties (`className: ['a']`, `dataLanguage: 'bash'`) as HTML attributes, for a component's props. */
function attributesOf(element: AnyNode): Record<string, string> {
  const props: Record<string, string> = {};
  for (const [key, value] of Object.entries(element.properties ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    const info = find(htmlSchema, key);
    props[info.attribute] = value === true ? '' : Array.isArray(value) ? value.join(info.commaSeparated ? ', ' : ' ') : String(value);
  }
  return props;
}

const isComment = (source: string): boolean => /^\s*\/\*[\s\S]*\*\/\s*$/.test(source);

export async function renderGuide(body: string, options: RenderOptions): Promise<RenderedGuide> {
  const problems: Problem[] = [];
  let firstLine: number | undefined;
  const lineOf = (node: AnyNode): string => {
    const line = node.position?.start?.line;
    firstLine ??= options.firstLine?.() ?? 1;
    return line === undefined ? '(body)' : `line ${String(line + firstLine - 1)}`;
  };
  const problem = (node: AnyNode, what: string, found: string, expected: string, hint?: string): void => {
    problems.push({ file: options.file, path: `${lineOf(node)} ${what}`, found, expected, ...(hint ? { hint } : {}) });
  };

  let tree: AnyNode;
  try {
    tree = mdxToHast(body, { features: { gfm: true, smartPunctuation: true } }) as unknown as AnyNode;
  } catch (error) {
    throw new ContentError('Invalid guide MDX', [
      { file: options.file, path: '(file)', found: error instanceof Error ? error.message : String(error), expected: 'MDX that parses (see CONTRIBUTING.md)' },
    ]);
  }

  const slugger = new GithubSlugger();
  const headings: GuideHeading[] = [];
  const components = new Set(options.components.filter((name) => !/^[a-z]/.test(name)));
  const elements = new Set(options.components.filter((name) => /^[a-z]/.test(name)));

  // Highlighting is asynchronous: collect the code blocks first, highlight them all, then convert.
  const highlighted = new Map<AnyNode, AnyNode>();
  const pending: Array<Promise<void>> = [];
  const visit = (node: AnyNode): void => {
    if (node.type === 'element' && node.tagName === 'pre' && options.highlight) {
      const code = node.children?.find((c) => c.type === 'element' && c.tagName === 'code');
      if (code) {
        const className = code.properties?.['className'];
        const fromClass = Array.isArray(className) ? className.find((c): c is string => typeof c === 'string' && c.startsWith('language-')) : undefined;
        const lang = (typeof code.data?.lang === 'string' ? code.data.lang : undefined) ?? fromClass?.slice('language-'.length) ?? 'plaintext';
        const meta = typeof code.data?.meta === 'string' ? code.data.meta : undefined;
        if (!PLAIN_LANGUAGES.has(lang)) {
          const highlight = options.highlight;
          pending.push(
            highlight(textOf(code).replace(/\n$/, ''), lang, meta).then((result) => {
              if (result) highlighted.set(node, result as unknown as AnyNode);
            }),
          );
        }
      }
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  await Promise.all(pending);

  /** Does this subtree hold anything the page draws itself? Otherwise it is printed as one string. */
  const needsPage = (node: AnyNode): boolean => {
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') return true;
    if (node.type === 'element' && elements.has(node.tagName ?? '')) return true;
    if (node.type === 'element' && /^h[1-6]$/.test(node.tagName ?? '')) return true;
    if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression' || node.type === 'mdxjsEsm') return true;
    return (node.children ?? []).some(needsPage);
  };

  const convertAll = (nodes: AnyNode[]): GuideNode[] => {
    const out: GuideNode[] = [];
    for (const node of nodes) {
      for (const converted of convert(node)) {
        const last = out.at(-1);
        if (converted.type === 'html' && last?.type === 'html') last.html += converted.html;
        else out.push(converted);
      }
    }
    return out;
  };

  const convert = (node: AnyNode): GuideNode[] => {
    switch (node.type) {
      case 'mdxjsEsm':
        problem(node, 'import/export', JSON.stringify(String(node.value).slice(0, 60)), 'no imports or exports in a guide', 'The guide page provides the components; remove the line.');
        return [];
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        const source = String(node.value ?? '');
        if (isComment(source)) return [];
        problem(node, '{expression}', `{${source.slice(0, 60)}}`, 'text, Markdown or a component; guides hold no JavaScript expressions', 'Write the value out, or escape the brace as \\{.');
        return [];
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        return convertComponent(node);
      case 'element':
        return convertElement(node);
      default:
        return [{ type: 'html', html: html(node) }];
    }
  };

  const convertComponent = (node: AnyNode): GuideNode[] => {
    const name = node.name ?? '';
    if (name === '') return convertAll(node.children ?? []);
    if (/^[a-z]/.test(name)) {
      problem(node, `<${name}>`, `<${name}>`, 'Markdown instead of HTML tags', 'Guides hold no raw HTML; write it in Markdown or ask for a component.');
      convertAll(node.children ?? []); // for the problems inside
      return [];
    }
    if (!components.has(name)) {
      problem(node, `<${name}>`, `<${name}>`, `one of ${[...components].map((c) => `<${c}>`).join(', ')}`);
      convertAll(node.children ?? []); // for the problems inside
      return [];
    }
    const props: Record<string, string> = {};
    for (const attribute of node.attributes ?? []) {
      const where = `<${name} ${attribute.name ?? '{…}'}>`;
      if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) {
        problem(node, `<${name}>`, 'a spread attribute {...}', 'name="value" attributes');
        continue;
      }
      const value = attribute.value;
      if (typeof value === 'string') props[attribute.name] = value;
      else if (value && typeof value === 'object' && 'value' in value) {
        const source = String((value as { value: unknown }).value);
        const text = staticString(source);
        if (text === undefined) problem(node, where, `{${source.slice(0, 60)}}`, 'a string: "…", or {`…`} without ${…}', 'Props must be written out; the page evaluates no JavaScript.');
        else props[attribute.name] = text;
      } else {
        problem(node, where, 'an attribute without a value', `${attribute.name}="…"`);
      }
    }
    return [{ type: 'component', name, props, children: convertAll(node.children ?? []) }];
  };

  const convertElement = (node: AnyNode): GuideNode[] => {
    const tag = node.tagName ?? '';
    if (/^h[1-6]$/.test(tag)) {
      const text = textOf(node);
      const existing = node.properties?.['id'];
      const slug = typeof existing === 'string' ? existing : slugger.slug(text);
      headings.push({ depth: Number(tag[1]), slug, text });
      node = { ...node, properties: { ...node.properties, id: slug } };
    }
    const shown = highlighted.get(node) ?? node;
    if (elements.has(tag)) {
      const props = attributesOf(shown);
      return [{ type: 'component', name: tag, props, children: convertAll(shown.children ?? []) }];
    }
    if (!needsPage(shown)) return [{ type: 'html', html: html(shown) }];
    // An ordinary element around something the page draws: print its tags around the children.
    const empty = html({ ...shown, children: [] });
    const close = `</${tag}>`;
    if (!empty.endsWith(close)) return [{ type: 'html', html: empty }, ...convertAll(shown.children ?? [])];
    return [{ type: 'html', html: empty.slice(0, -close.length) }, ...convertAll(shown.children ?? []), { type: 'html', html: close }];
  };

  const nodes = convertAll(tree.children ?? []);
  if (problems.length > 0) throw new ContentError('Invalid guide MDX', problems);
  return { nodes, headings };
}
