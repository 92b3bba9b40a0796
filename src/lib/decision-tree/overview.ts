/**
 * The tree overview as the page draws it, in one language: every box with its label broken into
 * lines (label.ts) and placed (layout.ts), and every arrow as an SVG path. Pure, so the unit tests
 * check the same geometry the page shows; TreeOverview.astro only prints it.
 */
import { wrapLabel } from './label.ts';
import { layoutTree, type LaidNode } from './layout.ts';
import { plainText } from '../guides/order.ts';
import type { Lang } from '../i18n/langs.ts';
import type { Tree } from './schema.ts';

/** Font size and line height of the labels (px, the SVG's units), and the box's size and padding. */
export const OVERVIEW = { font: 13, line: 16, padX: 8, padY: 9, box: 176, maxColumns: 6 } as const;

/** A box of the overview: where layout.ts put it, and its label. */
export interface OverviewNode extends Omit<LaidNode, 'layer'> {
  /** The label's lines, each with the baseline of its centred text. */
  lines: Array<{ text: string; x: number; y: number }>;
}

export interface Overview {
  width: number;
  height: number;
  nodes: OverviewNode[];
  edges: Array<{ from: string; to: string; d: string }>;
}

/** A path through the points: straight down, curved where it moves sideways; it stops 2 px short of the box for the arrowhead. */
export function edgePath(points: ReadonlyArray<{ x: number; y: number }>): string {
  const [first = { x: 0, y: 0 }, ...rest] = points;
  let out = `M${String(first.x)},${String(first.y)}`;
  let prev = first;
  rest.forEach((p, i) => {
    const y = i === rest.length - 1 ? p.y - 2 : p.y;
    const mid = Math.round((prev.y + y) / 2);
    out += p.x === prev.x ? `V${String(y)}` : `C${String(prev.x)},${String(mid)} ${String(p.x)},${String(mid)} ${String(p.x)},${String(y)}`;
    prev = p;
  });
  return out;
}

/** Every step page of a tree prints the same overview: computed once per tree and language. */
const drawn = new WeakMap<Tree, Partial<Record<Lang, Overview>>>();

export function treeOverview(tree: Tree, lang: Lang): Overview {
  const known = drawn.get(tree)?.[lang];
  if (known) return known;
  const overview = draw(tree, lang);
  drawn.set(tree, { ...drawn.get(tree), [lang]: overview });
  return overview;
}

function draw(tree: Tree, lang: Lang): Overview {
  const { font, line, padX, padY, box, maxColumns } = OVERVIEW;
  const labels = new Map(tree.nodes.map((n) => [n.id, wrapLabel(plainText(n.title[lang]), (box - 2 * padX) / font)]));
  const layout = layoutTree(tree, { boxWidth: box, maxColumns, boxHeight: (id) => (labels.get(id)?.length ?? 1) * line + 2 * padY });
  return {
    width: layout.width,
    height: layout.height,
    nodes: layout.nodes.map((n) => {
      const ls = labels.get(n.id) ?? [];
      const lines = ls.map((text, i) => ({ text, x: n.x + n.w / 2, y: Math.round(n.y + n.h / 2 + (i - (ls.length - 1) / 2) * line + font * 0.35) }));
      return { id: n.id, kind: n.kind, x: n.x, y: n.y, w: n.w, h: n.h, lines };
    }),
    edges: layout.edges.map((e) => ({ from: e.from, to: e.to, d: edgePath(e.points) })),
  };
}
