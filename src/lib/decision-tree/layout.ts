/**
 * Lays out a tree overview for an SVG drawn at build time, in layers from the start down (a
 * Sugiyama-style layered drawing):
 * 1. layers: each node below all of its parents, and no layer holding more than `maxColumns`
 *    boxes, so the drawing's width is bounded however large the tree (it grows downwards);
 * 2. an answer that skips layers passes through a narrow waypoint in each layer it crosses, so
 *    arrows run between boxes, never through one;
 * 3. order within a layer: parents' and children's average positions, swept down and up, keeping
 *    the order with the fewest crossings;
 * 4. positions: each box pulled towards the average of its neighbours above and below, never
 *    closer to the next than the gap; the start ends up above its answers.
 * Box heights come from the caller (the number of lines of each label, label.ts); coordinates
 * only, drawing is the component's job.
 */
import { hasOptions } from './kinds.ts';
import type { Tree } from './schema.ts';

export interface LaidNode {
  id: string;
  kind: 'question' | 'diagnostic' | 'outcome';
  /** Top-left corner; every box of a layer has the layer's height. */
  x: number;
  y: number;
  w: number;
  h: number;
  layer: number;
}
export interface LaidEdge {
  from: string;
  to: string;
  /** From the bottom centre of `from`, through the waypoints, to the top centre of `to`. */
  points: Array<{ x: number; y: number }>;
}
export interface Layout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  width: number;
  height: number;
  /** The most boxes in one layer. */
  columns: number;
}

export interface LayoutOptions {
  /** The most boxes side by side. */
  maxColumns: number;
  boxWidth: number;
  /** Height of a box with `lines` lines of label. */
  boxHeight: (id: string) => number;
  gapX: number;
  gapY: number;
  margin: number;
  /** Width a waypoint takes in its layer. */
  waypoint: number;
}

const DEFAULTS: LayoutOptions = { maxColumns: 6, boxWidth: 176, boxHeight: () => 52, gapX: 20, gapY: 40, margin: 12, waypoint: 4 };

interface Item {
  id: string;
  /** A real node, or a waypoint of an edge. */
  node: boolean;
  w: number;
  x: number;
  layer: number;
  up: Item[];
  down: Item[];
}

/** Nodes in an order where every parent comes before its children (Kahn), file order among equals. */
function topological(tree: Tree): string[] {
  const parents = new Map<string, number>(tree.nodes.map((n) => [n.id, 0]));
  for (const n of tree.nodes) if (hasOptions(n)) for (const next of new Set(n.options.map((o) => o.next))) parents.set(next, (parents.get(next) ?? 0) + 1);
  const byId = new Map(tree.nodes.map((n) => [n.id, n]));
  const order: string[] = [];
  const ready = tree.nodes.filter((n) => parents.get(n.id) === 0).map((n) => n.id);
  ready.sort((a, b) => (a === tree.start ? -1 : b === tree.start ? 1 : 0));
  while (ready.length > 0) {
    const id = ready.shift() ?? '';
    order.push(id);
    const node = byId.get(id);
    if (!node || !hasOptions(node)) continue;
    for (const next of new Set(node.options.map((o) => o.next))) {
      const left = (parents.get(next) ?? 0) - 1;
      parents.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  return order;
}

function crossings(upper: Item[], lower: Item[]): number {
  const pos = new Map(lower.map((it, i) => [it, i]));
  const ends: Array<[number, number]> = [];
  upper.forEach((u, i) => {
    for (const d of u.down) ends.push([i, pos.get(d) ?? 0]);
  });
  let n = 0;
  for (let a = 0; a < ends.length; a++) {
    for (let b = a + 1; b < ends.length; b++) {
      const [a1 = 0, a2 = 0] = ends[a] ?? [];
      const [b1 = 0, b2 = 0] = ends[b] ?? [];
      if ((a1 - b1) * (a2 - b2) < 0) n++;
    }
  }
  return n;
}

const mean = (xs: number[], fallback: number) => (xs.length === 0 ? fallback : xs.reduce((s, x) => s + x, 0) / xs.length);

/**
 * Places a layer's items as near their desired centres as the gaps and the drawing's width
 * allow: the mean of the tightest placement from the left and the tightest from the right, each
 * kept inside [0, width], which keeps every gap.
 */
function place(layer: Item[], desired: number[], gap: (a: Item | undefined, b: Item | undefined) => number, width: number): void {
  const n = layer.length;
  const sep = (i: number) => ((layer[i - 1]?.w ?? 0) + (layer[i]?.w ?? 0)) / 2 + gap(layer[i - 1], layer[i]);
  const lowest: number[] = [];
  const highest: number[] = [];
  for (let i = 0; i < n; i++) lowest[i] = i === 0 ? (layer[0]?.w ?? 0) / 2 : (lowest[i - 1] ?? 0) + sep(i);
  for (let i = n - 1; i >= 0; i--) highest[i] = i === n - 1 ? width - (layer[i]?.w ?? 0) / 2 : (highest[i + 1] ?? 0) - sep(i + 1);
  const clamp = (i: number, x: number) => Math.min(highest[i] ?? x, Math.max(lowest[i] ?? x, x));
  const left: number[] = [];
  const right: number[] = [];
  for (let i = 0; i < n; i++) left[i] = clamp(i, i === 0 ? (desired[0] ?? 0) : Math.max(desired[i] ?? 0, (left[i - 1] ?? 0) + sep(i)));
  for (let i = n - 1; i >= 0; i--) right[i] = clamp(i, i === n - 1 ? (desired[i] ?? 0) : Math.min(desired[i] ?? 0, (right[i + 1] ?? 0) - sep(i + 1)));
  layer.forEach((it, i) => (it.x = ((left[i] ?? 0) + (right[i] ?? 0)) / 2));
}

export function layoutTree(tree: Tree, options: Partial<LayoutOptions> = {}): Layout {
  const o: LayoutOptions = { ...DEFAULTS, ...options };
  const byId = new Map(tree.nodes.map((n) => [n.id, n]));
  const children = (id: string) => {
    const n = byId.get(id);
    return n && hasOptions(n) ? [...new Set(n.options.map((x) => x.next))] : [];
  };
  const parentsOf = new Map<string, string[]>();
  for (const n of tree.nodes) for (const c of children(n.id)) parentsOf.set(c, [...(parentsOf.get(c) ?? []), n.id]);

  // 1. Layers: below every parent, in the first layer with room.
  const layerOf = new Map<string, number>();
  const count: number[] = [];
  for (const id of topological(tree)) {
    let l = Math.max(0, ...(parentsOf.get(id) ?? []).map((p) => (layerOf.get(p) ?? 0) + 1));
    while ((count[l] ?? 0) >= o.maxColumns) l++;
    layerOf.set(id, l);
    count[l] = (count[l] ?? 0) + 1;
  }

  // 2. Items per layer, with a waypoint wherever an edge crosses a layer.
  const layers: Item[][] = count.map(() => []);
  const items = new Map<string, Item>();
  for (const id of topological(tree)) {
    const it: Item = { id, node: true, w: o.boxWidth, x: 0, layer: layerOf.get(id) ?? 0, up: [], down: [] };
    items.set(id, it);
    layers[layerOf.get(id) ?? 0]?.push(it);
  }
  const chains: Array<{ from: string; to: string; via: Item[] }> = [];
  for (const n of tree.nodes) {
    for (const c of children(n.id)) {
      const from = items.get(n.id);
      const to = items.get(c);
      if (!from || !to) continue;
      const via: Item[] = [];
      let prev = from;
      for (let l = (layerOf.get(n.id) ?? 0) + 1; l < (layerOf.get(c) ?? 0); l++) {
        const w: Item = { id: `${n.id}>${c}`, node: false, w: o.waypoint, x: 0, layer: l, up: [prev], down: [] };
        prev.down.push(w);
        layers[l]?.push(w);
        via.push(w);
        prev = w;
      }
      prev.down.push(to);
      to.up.push(prev);
      chains.push({ from: n.id, to: c, via });
    }
  }

  // 3. Order: barycentres, down and up, keeping the order with the fewest crossings.
  const index = (it: Item, layer: Item[]) => layer.indexOf(it);
  const total = () => layers.slice(1).reduce((s, layer, i) => s + crossings(layers[i] ?? [], layer), 0);
  let best = layers.map((l) => [...l]);
  let fewest = total();
  for (let sweep = 0; sweep < 8 && fewest > 0; sweep++) {
    const down = sweep % 2 === 0;
    const range = down ? layers.map((_, i) => i).slice(1) : layers.map((_, i) => i).slice(0, -1).reverse();
    for (const l of range) {
      const layer = layers[l] ?? [];
      const next = layers[down ? l - 1 : l + 1] ?? [];
      const key = new Map(layer.map((it, i) => [it, mean((down ? it.up : it.down).map((x) => index(x, next)), i)]));
      layer.sort((a, b) => (key.get(a) ?? 0) - (key.get(b) ?? 0));
    }
    const c = total();
    if (c < fewest) {
      fewest = c;
      best = layers.map((l) => [...l]);
    }
  }
  best.forEach((l, i) => (layers[i] = l));
  // Then neighbours swapped wherever that alone removes crossings (the "transpose" step).
  const around = (l: number) => crossings(layers[l - 1] ?? [], layers[l] ?? []) + crossings(layers[l] ?? [], layers[l + 1] ?? []);
  for (let improved = true, rounds = 0; improved && rounds < 20; rounds++) {
    improved = false;
    layers.forEach((layer, l) => {
      for (let i = 0; i + 1 < layer.length; i++) {
        const before = around(l);
        [layer[i], layer[i + 1]] = [layer[i + 1] as Item, layer[i] as Item];
        if (around(l) < before) improved = true;
        else [layer[i], layer[i + 1]] = [layer[i + 1] as Item, layer[i] as Item];
      }
    });
  }

  // 4. Positions: packed and centred, then pulled towards the neighbours, down and up.
  // Arrows need less room beside them than boxes.
  const gap = (a: Item | undefined, b: Item | undefined) => (a?.node && b?.node ? o.gapX : a?.node || b?.node ? o.gapX * 0.6 : o.gapX * 0.4);
  const packed = (layer: Item[]) => layer.reduce((s, it, i) => s + it.w + (i > 0 ? gap(layer[i - 1], it) : 0), 0);
  // Room to spread into, up to the width of `maxColumns` boxes; the drawing ends up as wide as it needs.
  const inner = Math.max(...layers.map(packed), o.maxColumns * o.boxWidth + (o.maxColumns - 1) * o.gapX);
  for (const layer of layers) {
    let x = (inner - packed(layer)) / 2;
    layer.forEach((it, i) => {
      x += i > 0 ? gap(layer[i - 1], it) : 0;
      it.x = x + it.w / 2;
      x += it.w;
    });
  }
  // Each item pulled towards the mean of its neighbours above and below, layer by layer, down
  // and up: parents settle over their answers, and a skipped layer's waypoints line up.
  for (let round = 0; round < 12; round++) {
    const order = round % 2 === 0 ? layers : [...layers].reverse();
    for (const layer of order) place(layer, layer.map((it) => mean([...it.up, ...it.down].map((x) => x.x), it.x)), gap, inner);
  }
  // An arrow across several layers runs straight down wherever its neighbours leave it a common x.
  for (const { via } of chains) {
    if (via.length < 2) continue;
    let lo = -Infinity;
    let hi = Infinity;
    for (const w of via) {
      const layer = layers[w.layer] ?? [];
      const i = layer.indexOf(w);
      const left = layer[i - 1];
      const right = layer[i + 1];
      if (left) lo = Math.max(lo, left.x + left.w / 2 + gap(left, w) + w.w / 2);
      if (right) hi = Math.min(hi, right.x - right.w / 2 - gap(w, right) - w.w / 2);
    }
    if (lo <= hi) {
      const x = Math.min(hi, Math.max(lo, mean(via.map((w) => w.x), 0)));
      for (const w of via) w.x = x;
    }
  }
  // The drawing is as wide as what it holds.
  const all = layers.flat();
  const minX = Math.min(...all.map((it) => it.x - it.w / 2));
  for (const it of all) it.x -= minX;
  const used = Math.max(...all.map((it) => it.x + it.w / 2));

  // Heights: each layer as tall as its tallest box.
  const tops: number[] = [];
  const heights = layers.map((layer) => Math.max(0, ...layer.filter((it) => it.node).map((it) => o.boxHeight(it.id))));
  let y = o.margin;
  for (const [i, h] of heights.entries()) {
    tops[i] = y;
    y += h + o.gapY;
  }
  const height = Math.round(y - o.gapY + o.margin);
  const width = Math.round(used + 2 * o.margin);
  const X = (x: number) => Math.round(x + o.margin);

  const nodes: LaidNode[] = [];
  layers.forEach((layer, l) => {
    for (const it of layer) {
      const node = byId.get(it.id);
      if (!it.node || !node) continue;
      nodes.push({ id: it.id, kind: node.kind, x: X(it.x - it.w / 2), y: tops[l] ?? 0, w: it.w, h: heights[l] ?? 0, layer: l });
    }
  });
  const box = new Map(nodes.map((n) => [n.id, n]));
  const edges: LaidEdge[] = chains.map(({ from, to, via }) => {
    const a = box.get(from);
    const b = box.get(to);
    const points = [{ x: (a?.x ?? 0) + o.boxWidth / 2, y: (a?.y ?? 0) + (a?.h ?? 0) }];
    for (const w of via) points.push({ x: X(w.x), y: tops[w.layer] ?? 0 }, { x: X(w.x), y: (tops[w.layer] ?? 0) + (heights[w.layer] ?? 0) });
    points.push({ x: (b?.x ?? 0) + o.boxWidth / 2, y: b?.y ?? 0 });
    return { from, to, points };
  });
  return { nodes, edges, width, height, columns: Math.max(...count) };
}
