/**
 * Renders a guide's model (parse.ts) into what the guide page prints: runs of finished HTML, and
 * the nodes the page draws with its own Astro components (the dialect's components, and `pre`,
 * `h3` and `img`; see dialect.ts). src/components/guide/GuideContent.astro prints the result.
 *
 * Why guides are not rendered by Astro's MDX pipeline (`render(entry)`): every MDX entry then
 * becomes a module of the server bundle, and the bundler holds all of them, highlighted code
 * included, at once. Peak memory grew by about 1 MB per guide (bench: 3.1 GB at 1,000 guides per
 * language, 7.2 GB at 3,000). Rendered here, one page at a time, a guide costs its highlighting
 * and is then garbage; the build stays linear (1.8 GB at 3,000).
 *
 * Code is highlighted by Astro's own Shiki highlight function with the site's one config
 * (src/lib/highlight.ts), so a block looks the same as Astro would draw it.
 */
import type { Element, ElementContent, Nodes } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { DialectName, ElementName } from './dialect.ts';
import { attributesOf, type BodyNode, type GuideModel } from './parse.ts';

/** What the page prints, in order: finished HTML, or one of its components around more nodes. */
export type GuideNode =
  | { type: 'html'; html: string }
  | { type: 'component'; name: DialectName | ElementName; props: Record<string, unknown>; children: GuideNode[] };

/** Highlights one code block; returns Shiki's `<pre>` element (or nothing to keep it plain). */
export type Highlight = (code: string, lang: string, meta?: string) => Promise<Nodes | undefined>;

export interface RenderOptions {
  highlight?: Highlight;
  /** Where an image written `./images/x.svg` in the guide lives, for the page's image component. */
  imagePath?: (src: string) => string;
}

/** Languages Astro leaves unhighlighted (its `defaultExcludeLanguages`). */
const PLAIN_LANGUAGES = new Set(['math']);

/** A code block as Sätteri parses it, for languages that are not highlighted. */
function plainPre(text: string, lang: string): Element {
  const code: Element = {
    type: 'element',
    tagName: 'code',
    properties: lang === 'plaintext' ? {} : { className: [`language-${lang}`] },
    children: [{ type: 'text', value: `${text}\n` }],
  };
  return { type: 'element', tagName: 'pre', properties: {}, children: [code] };
}

export async function renderGuide(model: GuideModel, options: RenderOptions = {}): Promise<GuideNode[]> {
  const { highlight, imagePath = (src: string) => src } = options;
  // Highlighting is asynchronous: all blocks at once, then the tree is converted in order.
  const pres = await Promise.all(
    model.code.map(async (c): Promise<Element> => {
      const shown = highlight && !PLAIN_LANGUAGES.has(c.lang) ? await highlight(c.text, c.lang, c.meta || undefined) : undefined;
      return shown?.type === 'element' ? shown : plainPre(c.text, c.lang);
    }),
  );

  const convertAll = (nodes: ReadonlyArray<BodyNode>): GuideNode[] => {
    const out: GuideNode[] = [];
    for (const node of nodes) {
      const converted = convert(node);
      for (const c of converted) {
        const last = out.at(-1);
        if (c.type === 'html' && last?.type === 'html') last.html += c.html;
        else out.push(c);
      }
    }
    return out;
  };

  const convert = (node: BodyNode): GuideNode[] => {
    switch (node.type) {
      case 'html':
        return [{ type: 'html', html: node.html }];
      case 'component':
        return [{ type: 'component', name: node.name, props: node.props, children: convertAll(node.children) }];
      case 'heading': {
        const children = convertAll(node.children);
        if (node.depth === 3) return [{ type: 'component', name: 'h3', props: { id: node.id }, children }];
        const tag = `h${String(node.depth)}`;
        const open = toHtml({ type: 'element', tagName: tag, properties: { id: node.id }, children: [] }).replace(`</${tag}>`, '');
        return [{ type: 'html', html: open }, ...children, { type: 'html', html: `</${tag}>` }];
      }
      case 'code': {
        const pre = pres[node.index];
        if (!pre) return [];
        return [{ type: 'component', name: 'pre', props: attributesOf(pre), children: [{ type: 'html', html: toHtml(pre.children as ElementContent[]) }] }];
      }
      case 'image': {
        const image = model.images[node.index];
        if (!image) return [];
        return [{ type: 'component', name: 'img', props: { src: imagePath(image.src), alt: image.alt, ...(image.title ? { title: image.title } : {}) }, children: [] }];
      }
    }
  };

  return convertAll(model.body);
}
