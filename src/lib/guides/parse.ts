/**
 * The one reading of a guide body. Sätteri (the MDX parser Astro 7 uses, GFM and smart
 * punctuation on as in Astro) parses the MDX once, and this module turns it into a GuideModel:
 * everything the site needs of a guide, typed. The page renders the model (render.ts); tree
 * links check its anchors; the search index reads its text and code; the verify tests read its
 * code blocks and corrections; the variables panel reads its code. Nothing reads the MDX again.
 *
 * Why not Astro's MDX pipeline: see render.ts. The body is static MDX: Markdown, the dialect's
 * components (dialect.ts) with string props, and `{/* comments *\/}`. Anything else (imports,
 * exports, `{expressions}`, HTML tags, unknown components, wrong props, images without alt text)
 * is an author mistake, reported with the file and line, all at once.
 *
 * Heading ids are github-slugger over the heading's text, as Astro's heading-ids step makes them.
 */
import GithubSlugger from 'github-slugger';
import type { Nodes } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { find, html as htmlSchema } from 'property-information';
import { mdxToHast } from 'satteri';
import type { z } from 'zod';
import { problemsFromZod, type Problem } from '../errors/problems.ts';
import { BLOCK_KINDS, type BlockKind } from './blocks.ts';
import { blockOf, DIALECT, DIALECT_NAMES, isDialectName, type DialectName } from './dialect.ts';

export interface GuideHeading {
  depth: number;
  /** The id on the page (github-slugger, as Astro). */
  id: string;
  /** Plain text of the heading. */
  text: string;
  /** 1-based line in the file. */
  line: number;
}

export interface GuideCode {
  /** The fence's language (`bash`, `python`, …); `plaintext` when none. */
  lang: string;
  /** What follows the language on the fence line (`fragment="async"`), as written. */
  meta: string;
  /** The code, without the final line break. */
  text: string;
  /** 1-based line of the opening fence in the file. */
  line: number;
  /** The block it is in. */
  block?: BlockKind;
  /** Inside an <Addition>. */
  addition: boolean;
}

export interface GuideCorrection {
  /** The source guide's text, exactly. */
  original: string;
  line: number;
}

export interface GuideImage {
  /** As written: a path relative to the guide file (`./images/x.svg`). */
  src: string;
  alt: string;
  title?: string;
  line: number;
}

export interface GuideCause {
  /** The first line of the numbered item, as plain text. */
  text: string;
  line: number;
  /** Inside an <Addition>: a cause beyond the source guide. */
  addition: boolean;
}

export interface GuideBlock {
  kind: BlockKind;
  /** Prose of the block as plain text, headings included; code blocks and corrected originals left out. */
  text: string;
  line: number;
}

/** The body as the page prints it: finished HTML, and what the page draws with its own components. */
export type BodyNode =
  | { type: 'html'; html: string }
  | { type: 'component'; name: DialectName; props: Record<string, unknown>; children: BodyNode[] }
  | { type: 'heading'; depth: number; id: string; children: BodyNode[] }
  | { type: 'code'; index: number }
  | { type: 'image'; index: number };

export interface GuideModel {
  body: BodyNode[];
  headings: GuideHeading[];
  /** Ids a link can point at: the four block anchors, `signatures`, and every heading id. */
  anchors: string[];
  blocks: GuideBlock[];
  /** The numbered causes of the Causes block (top-level items of its numbered lists). */
  causes: GuideCause[];
  code: GuideCode[];
  corrections: GuideCorrection[];
  images: GuideImage[];
}

/** What other pages and checks need of a guide without its body: the ids a link can point at and the headings. */
export type GuideOutline = Pick<GuideModel, 'anchors' | 'headings'>;

export interface ParseOptions {
  /** The file, for error messages (`src/content/guides/en/x.mdx`). */
  file: string;
  /**
   * The file line the body starts on (after the frontmatter), so errors and `line` fields name
   * file lines. A function, as it may need to read the file: called at most once.
   */
  firstLine?: () => number;
}

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

/** The anchor of the signatures list every guide page ends with. */
export const SIGNATURES_ANCHOR = 'signatures';

const isComment = (source: string): boolean => /^\s*\/\*[\s\S]*\*\/\s*$/.test(source);
const BLOCK_LEVEL = new Set(['p', 'li', 'pre', 'blockquote', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'div']);

function textOf(node: AnyNode): string {
  if (node.type === 'text') return typeof node.value === 'string' ? node.value : '';
  return (node.children ?? []).map(textOf).join('');
}

/** Undoes JavaScript string escapes in a template literal or quoted string body. */
function unescapeJs(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_, esc: string) => {
    if (esc.startsWith('u{')) {
      const cp = parseInt(esc.slice(2, -1), 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
    }
    if (esc.startsWith('u') && esc.length === 5) return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (esc.startsWith('x') && esc.length === 3) return String.fromCharCode(parseInt(esc.slice(1), 16));
    // A backslash before a line break continues the line: both disappear.
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\n': '', '\r': '' };
    return simple[esc] ?? esc;
  });
}

/**
 * The string a JSX attribute expression stands for, when it is a plain literal: `"…"`, `'…'`, or
 * a template literal without `${…}`. Anything else (a variable, a call, an interpolation) is not
 * static, and gives `undefined`.
 */
export function staticString(expression: string): string | undefined {
  const m = /^\s*(?:`((?:\\[\s\S]|[^`\\$]|\$(?!\{))*)`|"((?:\\[\s\S]|[^"\\\n])*)"|'((?:\\[\s\S]|[^'\\\n])*)')\s*$/.exec(expression);
  if (!m) return undefined;
  return unescapeJs(m[1] ?? m[2] ?? m[3] ?? '');
}

/** hast properties (`className: ['a']`) as HTML attributes. */
export function attributesOf(element: { properties?: Record<string, unknown> }): Record<string, string> {
  const props: Record<string, string> = {};
  for (const [key, value] of Object.entries(element.properties ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    const info = find(htmlSchema, key);
    props[info.attribute] = value === true ? '' : Array.isArray(value) ? value.join(info.commaSeparated ? ', ' : ' ') : String(value);
  }
  return props;
}

/** Parses a guide body once into its model; returns every problem instead of stopping at the first. */
export function parseGuide(body: string, options: ParseOptions): { model: GuideModel; problems: Problem[] } {
  const problems: Problem[] = [];
  let offset: number | undefined;
  const fileLine = (node: AnyNode): number | undefined => {
    const line = node.position?.start?.line;
    if (line === undefined) return undefined;
    offset ??= (options.firstLine?.() ?? 1) - 1;
    return line + offset;
  };
  const where = (node: AnyNode) => {
    const line = fileLine(node);
    return line === undefined ? '(body)' : `line ${String(line)}`;
  };
  const problem = (node: AnyNode, what: string, found: string, expected: string, hint?: string): void => {
    problems.push({ file: options.file, path: `${where(node)} ${what}`, found, expected, ...(hint ? { hint } : {}) });
  };
  const model: GuideModel = { body: [], headings: [], anchors: [...BLOCK_KINDS, SIGNATURES_ANCHOR], blocks: [], causes: [], code: [], corrections: [], images: [] };

  let tree: AnyNode;
  try {
    tree = mdxToHast(body, { features: { gfm: true, smartPunctuation: true } }) as unknown as AnyNode;
  } catch (error) {
    problems.push({ file: options.file, path: '(file)', found: error instanceof Error ? error.message : String(error), expected: 'MDX that parses (see CONTRIBUTING.md)' });
    return { model, problems };
  }

  const slugger = new GithubSlugger();
  /** Where the walk is: the block and whether inside an <Addition>, for code and text. */
  interface Context {
    block?: GuideBlock;
    addition: boolean;
    /** Inside a list item (a nested list is not a list of causes). */
    inItem: boolean;
  }

  /** Appends the prose of a subtree to the block's text (code blocks left out; block elements on their own lines). */
  const collectText = (node: AnyNode, block: GuideBlock | undefined): void => {
    if (!block) return;
    const visit = (n: AnyNode): void => {
      if (n.type === 'text') block.text += typeof n.value === 'string' ? n.value : '';
      else if (n.type === 'element' && n.tagName === 'pre') return;
      else (n.children ?? []).forEach(visit);
      if (n.type === 'element' && BLOCK_LEVEL.has(n.tagName ?? '')) block.text += '\n';
    };
    visit(node);
  };

  /** Does this subtree hold anything the page draws itself? Otherwise it is printed as one string. */
  const needsPage = (node: AnyNode): boolean => {
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') return true;
    if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression' || node.type === 'mdxjsEsm') return true;
    if (node.type === 'element' && /^(h[1-6]|pre|img)$/.test(node.tagName ?? '')) return true;
    return (node.children ?? []).some(needsPage);
  };

  const convertAll = (nodes: AnyNode[], ctx: Context): BodyNode[] => {
    const out: BodyNode[] = [];
    for (const node of nodes) {
      for (const converted of convert(node, ctx)) {
        const last = out.at(-1);
        if (converted.type === 'html' && last?.type === 'html') last.html += converted.html;
        else out.push(converted);
      }
    }
    return out;
  };

  const convert = (node: AnyNode, ctx: Context): BodyNode[] => {
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
        return convertComponent(node, ctx);
      case 'element':
        return convertElement(node, ctx);
      case 'text':
        collectText(node, ctx.block);
        return [{ type: 'html', html: toHtml(node as unknown as Nodes) }];
      default:
        return [{ type: 'html', html: toHtml(node as unknown as Nodes) }];
    }
  };

  /** The component's props as strings, or undefined when one of them is not written out (already reported). */
  const propsOf = (node: AnyNode, name: string): Record<string, string> | undefined => {
    const props: Record<string, string> = {};
    const before = problems.length;
    for (const attribute of node.attributes ?? []) {
      if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) {
        problem(node, `<${name}>`, 'a spread attribute {...}', 'name="value" attributes');
        continue;
      }
      const at = `<${name} ${attribute.name}>`;
      const value = attribute.value;
      if (typeof value === 'string') props[attribute.name] = value;
      else if (value && typeof value === 'object' && 'value' in value) {
        const source = String((value as { value: unknown }).value);
        const text = staticString(source);
        if (text === undefined) problem(node, at, `{${source.slice(0, 60)}}`, 'a string: "…", or {`…`} without ${…}', 'Props must be written out; the page evaluates no JavaScript.');
        else props[attribute.name] = text;
      } else {
        problem(node, at, 'an attribute without a value', `${attribute.name}="…"`);
      }
    }
    return problems.length === before ? props : undefined;
  };

  const convertComponent = (node: AnyNode, ctx: Context): BodyNode[] => {
    const name = node.name ?? '';
    if (name === '') return convertAll(node.children ?? [], ctx);
    if (!isDialectName(name)) {
      if (/^[a-z]/.test(name)) problem(node, `<${name}>`, `<${name}>`, 'Markdown instead of HTML tags', 'Guides hold no raw HTML; write it in Markdown or ask for a component.');
      else problem(node, `<${name}>`, `<${name}>`, `one of ${DIALECT_NAMES.map((c) => `<${c}>`).join(', ')}`, 'The components a guide may use are listed in src/lib/guides/dialect.ts.');
      convertAll(node.children ?? [], ctx); // for the problems inside
      return [];
    }
    const raw = propsOf(node, name);
    const schema: z.ZodType = DIALECT[name].props;
    const parsed = raw === undefined ? undefined : schema.safeParse(raw);
    let props: Record<string, unknown> = {};
    if (parsed?.success) props = parsed.data as Record<string, unknown>;
    else if (parsed) {
      for (const p of problemsFromZod(options.file, parsed.error, raw)) {
        const prop = p.path === '(root)' ? '' : ` ${p.path}`;
        problem(node, `<${name}${prop}>`, p.found, p.expected, p.hint);
      }
    }
    const line = fileLine(node) ?? 0;
    if (name === 'Correction' && typeof props['original'] === 'string') model.corrections.push({ original: props['original'], line });
    const kind = blockOf(name);
    let inner = ctx;
    if (kind) {
      const block: GuideBlock = { kind, text: '', line };
      model.blocks.push(block);
      inner = { ...ctx, block };
    } else if (name === 'Addition') {
      inner = { ...ctx, addition: true };
    }
    return [{ type: 'component', name, props, children: convertAll(node.children ?? [], inner) }];
  };

  const convertElement = (node: AnyNode, ctx: Context): BodyNode[] => {
    const tag = node.tagName ?? '';
    if (tag === 'ol' && ctx.block?.kind === 'causes' && !ctx.inItem) {
      for (const item of node.children ?? []) {
        if (item.type !== 'element' || item.tagName !== 'li') continue;
        const text = textOf(item).trim().split('\n')[0]?.trim() ?? '';
        model.causes.push({ text, line: fileLine(item) ?? 0, addition: ctx.addition });
      }
    }
    if (/^h[1-6]$/.test(tag)) {
      const text = textOf(node).trim();
      const existing = node.properties?.['id'];
      const id = typeof existing === 'string' ? existing : slugger.slug(text);
      model.headings.push({ depth: Number(tag[1]), id, text, line: fileLine(node) ?? 0 });
      model.anchors.push(id);
      const children = convertAll(node.children ?? [], ctx);
      if (ctx.block) ctx.block.text += '\n';
      return [{ type: 'heading', depth: Number(tag[1]), id, children }];
    }
    if (tag === 'pre') {
      const code = node.children?.find((c) => c.type === 'element' && c.tagName === 'code');
      const className = code?.properties?.['className'];
      const fromClass = Array.isArray(className) ? className.find((c): c is string => typeof c === 'string' && c.startsWith('language-')) : undefined;
      const lang = (typeof code?.data?.lang === 'string' ? code.data.lang : undefined) ?? fromClass?.slice('language-'.length) ?? 'plaintext';
      const meta = typeof code?.data?.meta === 'string' ? code.data.meta : '';
      const index = model.code.length;
      model.code.push({ lang, meta, text: textOf(code ?? node).replace(/\n$/, ''), line: fileLine(node) ?? 0, ...(ctx.block ? { block: ctx.block.kind } : {}), addition: ctx.addition });
      return [{ type: 'code', index }];
    }
    if (tag === 'img') {
      const attrs = attributesOf(node);
      const src = attrs['src'] ?? '';
      const alt = (attrs['alt'] ?? '').trim();
      if (alt === '') problem(node, `![](${src})`, 'an image without alt text', 'a description of what the picture shows: ![the connection path …](./images/x.svg)', 'Readers of screen readers and of the search index only get the alt text.');
      if (!/^\.\.?\//.test(src)) problem(node, `![${alt}](${src})`, JSON.stringify(src), 'a path relative to the guide file, such as ./images/x.svg', 'Pictures live next to the guide and go through the image pipeline.');
      const index = model.images.length;
      model.images.push({ src, alt, ...(attrs['title'] ? { title: attrs['title'] } : {}), line: fileLine(node) ?? 0 });
      if (ctx.block) ctx.block.text += ` ${alt} `;
      return [{ type: 'image', index }];
    }
    if (!needsPage(node)) {
      collectText(node, ctx.block);
      return [{ type: 'html', html: toHtml(node as unknown as Nodes) }];
    }
    // An ordinary element around something the page draws: print its tags around the children.
    const empty = toHtml({ ...node, children: [] } as unknown as Nodes);
    const close = `</${tag}>`;
    const children = convertAll(node.children ?? [], tag === 'li' ? { ...ctx, inItem: true } : ctx);
    if (ctx.block && BLOCK_LEVEL.has(tag)) ctx.block.text += '\n';
    if (!empty.endsWith(close)) return [{ type: 'html', html: empty }, ...children];
    return [{ type: 'html', html: empty.slice(0, -close.length) }, ...children, { type: 'html', html: close }];
  };

  model.body = convertAll(tree.children ?? [], { addition: false, inItem: false });
  for (const block of model.blocks) block.text = block.text.replace(/[ \t]+\n/g, '\n').replace(/\n{2,}/g, '\n').trim();
  // Sätteri hands out its strings as slices of one decoded pool per guide, and V8 keeps a slice's
  // whole pool alive: a heading's text held the guide's pool. The build keeps every model to the
  // end, so the copy (fresh strings) saves about 40% of the models' memory (175 MB at 3,000 guides
  // per language).
  return { model: structuredClone(model), problems };
}

/** The 1-based line of `file` that `body` (the text after the frontmatter) starts on. */
export function bodyFirstLine(file: string, body: string): number {
  const at = body === '' ? -1 : file.lastIndexOf(body);
  return at < 0 ? 1 : file.slice(0, at).split('\n').length;
}
