/**
 * Guide frontmatter errors: every mistake names the file, the field path, what was found and what
 * was expected, and all problems are reported at once. Messages are pinned here on purpose: they
 * are the interface authors see.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatProblems } from '../../src/lib/errors/problems.ts';
import { entryProblems, validateGuideEntries } from '../../src/lib/guides/collection.ts';
import { readGuideFolder } from '../support/guide-files.ts';

const FIXTURES = 'tests/fixtures/guides';

function messageFor(fixture: string): string {
  const { problems } = validateGuideEntries(readGuideFolder(`${FIXTURES}/${fixture}`));
  return formatProblems('Invalid guide frontmatter', problems);
}

describe('guide frontmatter', () => {
  test('a valid pair of twins has no problems', () => {
    const { entries, problems } = validateGuideEntries(readGuideFolder(`${FIXTURES}/valid`));
    assert.deepEqual(problems, []);
    assert.equal(entries.length, 2);
  });

  test('missing fields are named, each with what was expected, all at once', () => {
    assert.equal(
      messageFor('missing-field'),
      [
        'Invalid guide frontmatter: 2 problems in 1 file.',
        '',
        'tests/fixtures/guides/missing-field/zh/app-fails.mdx',
        '  ✖ symptom: found nothing (the field is missing); expected a string.',
        '  ✖ lastReviewed: found nothing (the field is missing); expected a date written as YYYY-MM-DD.',
      ].join('\n'),
    );
  });

  test('wrong types name the field path, the value found and the type expected', () => {
    assert.equal(
      messageFor('wrong-type'),
      [
        'Invalid guide frontmatter: 4 problems in 1 file.',
        '',
        'tests/fixtures/guides/wrong-type/zh/db-pool.mdx',
        '  ✖ section: found 2.1 (a number); expected a string.',
        '    ↳ YAML read this as a number; put it in quotes: "2.1".',
        '  ✖ signatures[0].kind: found "error" (a string); expected one of "exception", "message", "output", "symptom".',
        '  ✖ components: found "postgres" (a string); expected a list (`[a, b]`, or one `- item` per line).',
        '  ✖ severity: found an unknown field "severity"; expected only the documented fields (check the spelling).',
      ].join('\n'),
    );
  });

  test('an unknown chapter lists the chapters that exist', () => {
    assert.match(
      messageFor('unknown-chapter'),
      /unknown-chapter\/zh\/redis-down\.mdx\n {2}✖ chapter: found "caching" \(a string\); expected one of "startup", "database", "redis", "api", "tasks", "performance", "memory", "network", "logging", "deployment"\./,
    );
  });

  test('a chapter that does not match the section number names the right chapter', () => {
    assert.match(
      messageFor('chapter-mismatch'),
      /✖ chapter: found "database"; expected "redis", chapter 3, which section "3\.1" belongs to\./,
    );
  });

  test('a duplicate section number is reported on both files, and a twin with another number too', () => {
    const message = messageFor('duplicate-section');
    assert.match(message, /^Invalid guide frontmatter: 3 problems in 3 files\./);
    assert.match(
      message,
      /zh\/pool\.mdx\n {2}✖ section: found "2\.2", also used by tests\/fixtures\/guides\/duplicate-section\/zh\/slow-queries\.mdx; expected a section number used by one zh entry only\./,
    );
    assert.match(message, /zh\/slow-queries\.mdx\n {2}✖ section: found "2\.2", also used by .*zh\/pool\.mdx/);
    assert.match(message, /en\/pool\.mdx\n {2}✖ section: found "2\.1"; expected "2\.2", as in its twin .*zh\/pool\.mdx\./);
  });

  test('a zh entry without its en twin names the missing file and how to fix it', () => {
    assert.equal(
      messageFor('missing-twin'),
      [
        'Invalid guide frontmatter: 1 problem in 1 file.',
        '',
        'tests/fixtures/guides/missing-twin/zh/slow-startup.mdx',
        '  ✖ (file): found no en twin (tests/fixtures/guides/missing-twin/en/slow-startup.mdx does not exist); expected the same slug in zh and en.',
        '    ↳ Add the en translation under the same file name, or rename one of the two so the slugs match.',
      ].join('\n'),
    );
  });

  test('`when: startup` is for error signatures: another value, or the field on a symptom phrase, is named with what was expected', () => {
    const withSignatures = (signatures: unknown[]) =>
      validateGuideEntries(readGuideFolder(`${FIXTURES}/valid`).map((f) => (f.file.includes('/zh/') ? { ...f, data: { ...(f.data as object), signatures } } : f))).problems.map(
        (p) => `${p.path}: found ${p.found}; expected ${p.expected}`,
      );
    assert.deepEqual(withSignatures([{ kind: 'exception', text: 'ModuleNotFoundError', when: 'startup' }]), []);
    assert.deepEqual(withSignatures([{ kind: 'message', text: 'boom', when: 'later' }]), ['signatures[0].when: found "later" (a string); expected "startup"']);
    assert.deepEqual(withSignatures([{ kind: 'exception', text: 'ModuleNotFoundError' }, { kind: 'symptom', text: 'crash on boot', when: 'startup' }]), [
      'signatures[1].when: found "startup" on a symptom phrase; expected when on exception, message and output signatures only (a phrase has no phase of the application)',
    ]);
  });

  test('`wraps: true` is for error signatures: another value, or the field on a symptom phrase, is named with what was expected', () => {
    const withSignatures = (signatures: unknown[]) =>
      validateGuideEntries(readGuideFolder(`${FIXTURES}/valid`).map((f) => (f.file.includes('/zh/') ? { ...f, data: { ...(f.data as object), signatures } } : f))).problems.map(
        (p) => `${p.path}: found ${p.found}; expected ${p.expected}`,
      );
    assert.deepEqual(withSignatures([{ kind: 'output', text: 'ERROR:    Application startup failed. Exiting.', wraps: true }]), []);
    assert.deepEqual(withSignatures([{ kind: 'output', text: 'boom', wraps: 'yes' }]), ['signatures[0].wraps: found "yes" (a string); expected true']);
    assert.deepEqual(withSignatures([{ kind: 'exception', text: 'ModuleNotFoundError' }, { kind: 'symptom', text: 'crash on boot', wraps: true }]), [
      'signatures[1].wraps: found true on a symptom phrase; expected wraps on exception, message and output signatures only (a phrase wraps no error)',
    ]);
  });

  test('`narrows` names another guide of the same language and a lexicon concept, the same in both twins', () => {
    const files = readGuideFolder(`${FIXTURES}/valid`);
    const other = (lang: string) => ({ file: `${FIXTURES}/valid/${lang}/other.mdx`, data: { ...(files.find((f) => f.file.includes(`/${lang}/`))?.data as object), section: '1.2' } });
    const withNarrows = (zh: unknown, en: unknown = zh) =>
      validateGuideEntries([...files.map((f) => ({ ...f, data: { ...(f.data as object), narrows: f.file.includes('/zh/') ? zh : en } })), other('zh'), other('en')]).problems.map(
        (p) => `${p.file.replace(`${FIXTURES}/valid/`, '')} ${p.path}: found ${p.found}; expected ${p.expected}`,
      );
    assert.deepEqual(withNarrows({ guide: 'other', concept: 'container' }), []);
    assert.deepEqual(
      withNarrows({ guide: 'app-fails', concept: 'container' }),
      ['en', 'zh'].map((lang) => `${lang}/app-fails.mdx narrows.guide: found "app-fails", this section itself; expected the slug of the other section whose problem this one is in a setting`),
    );
    assert.deepEqual(withNarrows({ guide: 'missing', concept: 'container' }, { guide: 'other', concept: 'container' }), [
      'zh/app-fails.mdx narrows.guide: found "missing", which is no zh guide; expected one of "other"',
      'en/app-fails.mdx narrows: found other in container; expected missing in container, as in its twin tests/fixtures/guides/valid/zh/app-fails.mdx',
    ]);
    assert.deepEqual(withNarrows({ guide: 'other', concept: 'container', unless: ['localhost'] }), []);
    assert.deepEqual(withNarrows({ guide: 'other', concept: 'container', unless: ['localhost'] }, { guide: 'other', concept: 'container' }), [
      'en/app-fails.mdx narrows: found other in container; expected other in container unless localhost, as in its twin tests/fixtures/guides/valid/zh/app-fails.mdx',
    ]);
    assert.match(withNarrows({ guide: 'other', concept: 'container', unless: [] })[0] ?? '', /narrows\.unless: found \[\]/);
    const [unknownConcept] = withNarrows({ guide: 'other', concept: 'kubernetes' });
    assert.match(unknownConcept ?? '', /^(?:zh|en)\/app-fails\.mdx narrows\.concept: found "kubernetes" \(a string\); expected one of .*"container"/);
  });

  test('an entry checked on its own (as the content loader does, to keep it out of the store) is not rejected for a rule between entries', () => {
    // 10.1 narrows 1.1: alone, 1.1 is missing, which only the whole collection can judge.
    const [alone] = readGuideFolder('src/content/guides').filter((f) => f.file.endsWith('/zh/container-exits-on-start.mdx'));
    assert.ok(alone);
    assert.deepEqual(entryProblems(alone), []);
    assert.deepEqual(validateGuideEntries([alone]).problems.map((p) => p.path), ['(file)', 'narrows.guide']);
  });

  test('a file outside a language folder is rejected with the layout expected', () => {
    const { problems } = validateGuideEntries([{ file: 'src/content/guides/fr/x.mdx', data: {} }]);
    assert.deepEqual(problems, [
      {
        file: 'src/content/guides/fr/x.mdx',
        path: '(file)',
        found: 'the file at "src/content/guides/fr/x.mdx"',
        expected: 'a file in a language folder: guides/zh|en/<slug>.mdx',
      },
    ]);
  });
});
