import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dictionaries, htmlLang, t } from '../../src/lib/i18n/index.ts';
import { preferredLang } from '../../src/lib/i18n/negotiate.ts';
import { switchLangPath } from '../../src/lib/paths.ts';
import { CHAPTERS } from '../../src/lib/schemas/chapters.ts';

describe('UI strings', () => {
  test('both languages define exactly the same keys, none empty', () => {
    const zh = Object.keys(dictionaries.zh).sort();
    const en = Object.keys(dictionaries.en).sort();
    assert.deepEqual(zh, en);
    for (const [lang, dict] of Object.entries(dictionaries)) {
      for (const [key, value] of Object.entries(dict)) assert.notEqual(value.trim(), '', `${lang}: ${key} is empty`);
    }
  });

  test('every chapter has a title in both languages', () => {
    for (const c of CHAPTERS) {
      assert.ok(dictionaries.zh[`chapter.${c}`]);
      assert.ok(dictionaries.en[`chapter.${c}`]);
    }
  });

  test('placeholders are filled, and unknown ones left visible', () => {
    assert.equal(t('zh', 'chapter.label', { n: 3 }), '第 3 章');
    assert.equal(t('en', 'chapter.label'), 'Chapter {n}');
  });

  test('Chinese pages are zh-CN, the code Pagefind picks its Chinese index by', () => {
    assert.equal(htmlLang('zh'), 'zh-CN');
    assert.equal(htmlLang('en'), 'en');
  });
});

describe('language negotiation and switching', () => {
  test('the first Chinese or English preference wins; anything else reads English', () => {
    assert.equal(preferredLang(['zh-TW', 'en']), 'zh');
    assert.equal(preferredLang(['de-DE', 'en-US', 'zh']), 'en');
    assert.equal(preferredLang(['fr']), 'en');
    assert.equal(preferredLang([]), 'en');
  });

  test('the language switch keeps the page and its base path', () => {
    assert.equal(switchLangPath('/zh/guides/slow-queries/', 'en'), '/en/guides/slow-queries/');
    assert.equal(switchLangPath('/docs/en/', 'zh', '/docs/'), '/docs/zh/');
    assert.equal(switchLangPath('/404.html', 'zh'), '/zh/');
  });
});
