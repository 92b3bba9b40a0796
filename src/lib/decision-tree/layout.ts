/**
 * Lays out a tree overview for an SVG drawn at build time: nodes in rows by depth (longest path
 * from the start, so every edge points down), ordered within a row by the average position of
 * their parents to keep crossings few. Coordinates only; drawing is the component's job.
 */
import { hasOptions } from './kinds.ts';
import type { Tree } from './schema.ts';

export interface LaidNode {
  id: string;
  kind: 'question' | 'diagnostic' | 'outcome';
  x: number;
  y: number;
}
export interface LaidEdge {
  from: string;
  to: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
export interface Layout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  width: number;
  height: number;
  box: { w: number; h: number };
}

export function layoutTree(tree: Tree, box = { w: 168, h: 52 }, gap = { x: 20, y: 44 }): Layout {
  const byId = new Map(tree.nodes.map((n) => [n.id, n]));
  const depth = new Map<string, number>([[tree.start, 0]]);
  // Longest-path depth: relax edges until nothing changes (the tree is acyclic; validated first).
  for (let changed = true, rounds = 0; changed && rounds <= tree.nodes.length; rounds++) {
    changed = false;
    for (const n of tree.nodes) {
      const d = depth.get(n.id);
      if (d === undefined || !hasOptions(n)) continue;
      for (const o of n.options) {
        if ((depth.get(o.next) ?? -1) < d + 1) {
          depth.set(o.next, d + 1);
          changed = true;
        }
      }
    }
  }
  const rows: string[][] = [];
  for (const n of tree.nodes) {
    const d = depth.get(n.id);
    if (d === undefined) continue;
    (rows[d] ??= []).push(n.id);
  }
  const col = new Map<string, number>();
  rows.forEach((row, r) => {
    if (r > 0) {
      const parentsPos = (id: string) => {
        const ps = tree.nodes.filter((p) => hasOptions(p) && p.options.some((o) => o.next === id)).map((p) => col.get(p.id) ?? 0);
        return ps.length === 0 ? 0 : ps.reduce((a, b) => a + b, 0) / ps.length;
      };
      row.sort((a, b) => parentsPos(a) - parentsPos(b));
    }
    row.forEach((id, i) => col.set(id, i - (row.length - 1) / 2));
  });
  const widest = Math.max(1, ...rows.map((r) => r.length));
  const width = widest * box.w + (widest - 1) * gap.x + 2 * gap.x;
  const height = rows.length * box.h + (rows.length - 1) * gap.y + 2 * gap.x;
  const center = width / 2;
  const nodes: LaidNode[] = [];
  for (const [id, c] of col) {
    const node = byId.get(id);
    if (!node) continue;
    nodes.push({ id, kind: node.kind, x: Math.round(center + c * (box.w + gap.x) - box.w / 2), y: gap.x + (depth.get(id) ?? 0) * (box.h + gap.y) });
  }
  const pos = new Map(nodes.map((n) => [n.id, n]));
  const edges: LaidEdge[] = [];
  for (const n of tree.nodes) {
    if (!hasOptions(n)) continue;
    const a = pos.get(n.id);
    for (const o of n.options) {
      const b = pos.get(o.next);
      if (!a || !b || edges.some((e) => e.from === n.id && e.to === o.next)) continue;
      edges.push({ from: n.id, to: o.next, x1: a.x + box.w / 2, y1: a.y + box.h, x2: b.x + box.w / 2, y2: b.y });
    }
  }
  return { nodes, edges, width, height, box };
}
