/**
 * The site carries the whole source guide (tests/fixtures/source, a copy of the team's guide):
 * every section in both languages under one slug, the Chinese titles and sub-headings as written,
 * and every line of every source code block, either verbatim in a code block of the Chinese
 * entry or kept as the `original` of a marked correction.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { codeBlocks, correctionOriginals } from '../../src/lib/guides/mdx-parts.ts';
import { readGuideFolder, type GuideFile } from '../../src/lib/guides/read-folder.ts';
import { validateGuideEntries } from '../../src/lib/guides/validate.ts';

interface SourceSection {
  number: string;
  title: string;
  subheadings: string[];
  code: string[];
}

function sourceSections(text: string): SourceSection[] {
  const parts = text.split(/^### /m).slice(1);
  return parts.map((part) => {
    const [heading = '', ...rest] = part.split('\n');
    const body = rest.join('\n').split(/^## /m)[0] ?? '';
    const match = /^(\d+\.\d+)\s+(.+)$/.exec(heading.trim());
    assert.ok(match, `unexpected section heading: ${heading}`);
    return {
      number: match[1] ?? '',
      title: (match[2] ?? '').trim(),
      subheadings: [...body.matchAll(/^##### (.+)$/gm)].map((m) => (m[1] ?? '').trim()),
      code: codeBlocks(body).map((b) => b.code),
    };
  });
}

const source = sourceSections(readFileSync('tests/fixtures/source/troubleshooting-guide.zh.md', 'utf8'));
const guides = readGuideFolder('src/content/guides');
const { entries, problems } = validateGuideEntries(guides);

function entryFile(lang: 'zh' | 'en', section: string): GuideFile | undefined {
  const entry = entries.find((e) => e.lang === lang && e.data.section === section);
  return guides.find((g) => g.file === entry?.file);
}

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
        const zh = entries.find((e) => e.lang === 'zh' && e.data.section === section.number);
        const en = entries.find((e) => e.lang === 'en' && e.data.section === section.number);
        assert.ok(zh, `no zh entry with section "${section.number}"`);
        assert.ok(en, `no en entry with section "${section.number}"`);
        assert.equal(en.slug, zh.slug);
      });

      test('keeps the Chinese title and every sub-heading as written', () => {
        const zh = entryFile('zh', section.number);
        assert.ok(zh);
        assert.equal((zh.data as { title?: string }).title, section.title);
        const headings = [...zh.body.matchAll(/^### (.+)$/gm)].map((m) => (m[1] ?? '').trim());
        for (const sub of section.subheadings) assert.ok(headings.includes(sub), `missing heading "### ${sub}"`);
      });

      test('carries every line of every code block, verbatim or as a marked correction', () => {
        const zh = entryFile('zh', section.number);
        assert.ok(zh);
        const shown = new Set(codeBlocks(zh.body).flatMap((b) => lines(b.code)));
        const corrected = new Set(correctionOriginals(zh.body).flatMap(lines));
        const missing = section.code.flatMap(lines).filter((l) => !shown.has(l) && !corrected.has(l));
        assert.deepEqual(missing, [], `lines of section ${section.number} neither shown nor corrected`);
      });

      test('has the four blocks, in order, in both languages', () => {
        for (const lang of ['zh', 'en'] as const) {
          const file = entryFile(lang, section.number);
          assert.ok(file);
          const order = [...file.body.matchAll(/^<(Symptom|Causes|Diagnosis|Solutions)>/gm)].map((m) => m[1]);
          assert.deepEqual(order, ['Symptom', 'Causes', 'Diagnosis', 'Solutions'], file.file);
          const afterSolutions = file.body.split(/^<Solutions>/m)[0] ?? '';
          assert.doesNotMatch(afterSolutions, /^### /m, `${file.file}: ### headings belong inside <Solutions>`);
        }
      });
    });
  }
});
