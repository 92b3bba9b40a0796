/**
 * The site carries the whole source guide (tests/fixtures/source, a copy of the team's guide):
 * every section in both languages under one slug, the Chinese titles and sub-headings as written,
 * and every line of every source code block, either verbatim in a code block of the Chinese
 * entry or kept as the `original` of a marked correction.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { markdownToMdast } from 'satteri';
import { readGuides, type ReadGuide } from '../support/guide-files.ts';

interface SourceSection {
  number: string;
  title: string;
  subheadings: string[];
  code: string[];
}

interface MdNode {
  type: string;
  depth?: number;
  value?: string;
  children?: MdNode[];
}
const textOf = (n: MdNode): string => (n.type === 'text' || n.type === 'inlineCode' ? (n.value ?? '') : (n.children ?? []).map(textOf).join(''));

/** The source guide (Markdown) read by the same parser: sections are `###` headings, sub-headings `#####`. */
function sourceSections(text: string): SourceSection[] {
  const sections: SourceSection[] = [];
  let current: SourceSection | undefined;
  for (const node of (markdownToMdast(text) as MdNode).children ?? []) {
    if (node.type === 'heading' && node.depth !== undefined && node.depth <= 3) {
      current = undefined;
      if (node.depth !== 3) continue;
      const match = /^(\d+\.\d+)\s+(.+)$/.exec(textOf(node).trim());
      assert.ok(match, `unexpected section heading: ${textOf(node)}`);
      current = { number: match[1] ?? '', title: (match[2] ?? '').trim(), subheadings: [], code: [] };
      sections.push(current);
    } else if (current && node.type === 'heading' && node.depth === 5) current.subheadings.push(textOf(node).trim());
    else if (current && node.type === 'code') current.code.push(node.value ?? '');
  }
  return sections;
}

const source = sourceSections(readFileSync('tests/fixtures/source/troubleshooting-guide.zh.md', 'utf8'));
const { guides, problems } = readGuides();
const guideOf = (lang: 'zh' | 'en', section: string): ReadGuide | undefined => guides.find((g) => g.lang === lang && g.data.section === section);

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '');

describe('the source guide on the site', () => {
  test('the source has 13 sections in 10 chapters', () => {
    assert.equal(source.length, 13);
    assert.equal(new Set(source.map((s) => s.number.split('.')[0])).size, 10);
  });

  test('the guide collection is valid', () => {
    assert.deepEqual(problems, []);
  });

  for (const section of source) {
    describe(`section ${section.number} ${section.title}`, () => {
      test('exists in Chinese and English under the same slug', () => {
        const zh = guideOf('zh', section.number);
        const en = guideOf('en', section.number);
        assert.ok(zh, `no zh entry with section "${section.number}"`);
        assert.ok(en, `no en entry with section "${section.number}"`);
        assert.equal(en.slug, zh.slug);
      });

      test('keeps the Chinese title and every sub-heading as written', () => {
        const zh = guideOf('zh', section.number);
        assert.ok(zh);
        assert.equal(zh.data.title, section.title);
        const headings = zh.model.headings.filter((h) => h.depth === 3).map((h) => h.text);
        for (const sub of section.subheadings) assert.ok(headings.includes(sub), `missing heading "### ${sub}"`);
      });

      test('carries every line of every code block, verbatim or as a marked correction', () => {
        const zh = guideOf('zh', section.number);
        assert.ok(zh);
        const shown = new Set(zh.model.code.flatMap((b) => lines(b.text)));
        const corrected = new Set(zh.model.corrections.flatMap((c) => lines(c.original)));
        const missing = section.code.flatMap(lines).filter((l) => !shown.has(l) && !corrected.has(l));
        assert.deepEqual(missing, [], `lines of section ${section.number} neither shown nor corrected`);
      });

      test('has the four blocks, in order, in both languages', () => {
        for (const lang of ['zh', 'en'] as const) {
          const guide = guideOf(lang, section.number);
          assert.ok(guide);
          assert.deepEqual(guide.model.blocks.map((b) => b.kind), ['symptom', 'causes', 'diagnosis', 'solutions'], guide.file);
          const solutionsAt = guide.model.blocks.find((b) => b.kind === 'solutions')?.line ?? 0;
          const early = guide.model.headings.filter((h) => h.depth === 3 && h.line < solutionsAt);
          assert.deepEqual(early.map((h) => h.text), [], `${guide.file}: ### headings belong inside <Solutions>`);
        }
      });
    });
  }
});
