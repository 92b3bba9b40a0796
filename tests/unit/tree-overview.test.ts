/**
 * The tree overview: labels broken into lines at build time (English at spaces, Chinese between
 * characters, never inside an English word), and the layered layout of every real tree in both
 * languages (within its width, every box below its parents, no box on another, no arrow through
 * a box, every label inside its box).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { textWidth, wrapLabel } from '../../src/lib/decision-tree/label.ts';
import { layoutTree } from '../../src/lib/decision-tree/layout.ts';
import { OVERVIEW, treeOverview } from '../../src/lib/decision-tree/overview.ts';
import type { Tree } from '../../src/lib/decision-tree/schema.ts';
import { plainText } from '../../src/lib/guides/order.ts';
import { LANGS } from '../../src/lib/i18n/langs.ts';
import { readTrees } from '../support/tree-files.ts';

const trees: Array<{ name: string; tree: Tree }> = readTrees().map(({ id, tree }) => ({ name: id, tree }));
const LINE_EM = (OVERVIEW.box - 2 * OVERVIEW.padX) / OVERVIEW.font;

describe('overview labels', () => {
  test('English breaks at spaces only: the lines are whole words, in order', () => {
    const text = 'Ping Redis at the address the application uses';
    const lines = wrapLabel(text, LINE_EM);
    assert.ok(lines.length > 1);
    assert.equal(lines.join(' '), text);
    assert.deepEqual(lines, ['Ping Redis at the', 'address the', 'application uses']);
  });

  test('Chinese breaks between characters, never before closing or after opening punctuation', () => {
    const lines = wrapLabel('队列积压：消费者死了，消息没人处理，任务一直停在等待中', 6);
    assert.equal(lines.join(''), '队列积压：消费者死了，消息没人处理，任务一直停在等待中');
    for (const l of lines) {
      assert.doesNotMatch(l, /^[，。：；）]/, `${l} starts with closing punctuation`);
      assert.doesNotMatch(l, /[（“]$/, `${l} ends with opening punctuation`);
      assert.ok(textWidth(l) <= 6, l);
    }
  });

  test('a Latin word inside Chinese text is never broken', () => {
    const lines = wrapLabel('检查 PostgreSQL 是否在运行、是否监听 5432', 7);
    assert.ok(lines.some((l) => l.includes('PostgreSQL')), lines.join(' | '));
  });

  test('a word wider than a line breaks after its own punctuation', () => {
    assert.deepEqual(wrapLabel('sqlalchemy.exc.MissingGreenlet', 10), ['sqlalchemy.exc.', 'MissingGreenlet']);
    assert.deepEqual(wrapLabel('sqlalchemy.exc.TimeoutError', 7.5), ['sqlalchemy.', 'exc.', 'TimeoutError']);
  });

  for (const lang of LANGS) {
    test(`every label of every tree (${lang}) fits its box, and keeps every word that fits a line whole`, () => {
      for (const { name, tree } of trees) {
        for (const node of tree.nodes) {
          const text = plainText(node.title[lang]).replace(/\s+/g, ' ').trim();
          const lines = wrapLabel(text, LINE_EM);
          for (const l of lines) assert.ok(textWidth(l) <= LINE_EM, `${name}/${node.id}: "${l}" is wider than its box`);
          const words = text.split(' ').filter((w) => textWidth(w) <= LINE_EM && !/[\u3000-\u9fff\uff00-\uffef]/.test(w));
          const shown = ` ${lines.join(' ')} `;
          for (const w of words) assert.ok(shown.includes(w), `${name}/${node.id}: "${w}" was broken (${lines.join(' | ')})`);
        }
      }
    });
  }
});

describe('overview layout', () => {
  for (const lang of LANGS) {
    test(`every tree (${lang}) is at most six boxes wide, each box below its parents, none on another, no arrow through a box`, () => {
      for (const { name, tree } of trees) {
        const overview = treeOverview(tree, lang);
        const layout = layoutTree(tree, { boxWidth: OVERVIEW.box, maxColumns: OVERVIEW.maxColumns, boxHeight: (id) => (overview.nodes.find((n) => n.id === id)?.h ?? 0) });
        assert.equal(layout.nodes.length, tree.nodes.length, name);
        assert.ok(layout.columns <= OVERVIEW.maxColumns, `${name}: ${String(layout.columns)} boxes side by side`);
        // Six boxes, their gaps and room for the arrows that pass between them: 1,280 px wide pages show it at least 90 % of its size.
        assert.ok(overview.width <= 1320, `${name}: ${String(overview.width)} px wide`);
        const box = new Map(layout.nodes.map((n) => [n.id, n]));
        for (const e of layout.edges) {
          const from = box.get(e.from);
          const to = box.get(e.to);
          assert.ok(from && to && to.layer > from.layer, `${name}: ${e.from} → ${e.to} points down`);
          for (let i = 1; i < e.points.length; i++) assert.ok((e.points[i]?.y ?? 0) >= (e.points[i - 1]?.y ?? 0), `${name}: ${e.from} → ${e.to} turns back up`);
          // Waypoints: the vertical runs through the layers the arrow skips.
          for (let i = 1; i < e.points.length - 1; i += 2) {
            const p = e.points[i];
            for (const n of layout.nodes) {
              const inside = p && p.x > n.x && p.x < n.x + n.w && p.y >= n.y && p.y < n.y + n.h;
              assert.ok(!inside, `${name}: ${e.from} → ${e.to} passes through ${n.id}`);
            }
          }
        }
        for (const a of layout.nodes) {
          for (const b of layout.nodes) {
            if (a === b) continue;
            const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
            assert.ok(!overlap, `${name}: ${a.id} overlaps ${b.id}`);
          }
          assert.ok(a.x >= 0 && a.x + a.w <= overview.width && a.y >= 0 && a.y + a.h <= overview.height, `${name}: ${a.id} outside the drawing`);
        }
      }
    });
  }

  test('the start is the top box', () => {
    for (const { name, tree } of trees) {
      const layout = layoutTree(tree);
      const start = layout.nodes.find((n) => n.id === tree.start);
      assert.equal(start?.layer, 0, name);
      assert.equal(layout.nodes.filter((n) => n.layer === 0).length, 1, name);
    }
  });
});
