/**
 * Code colours are classes, never style attributes (the CSP refuses inline styles): every
 * declaration highlighting can write has a class and a rule, and the command-variable marks
 * survive the swap.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import type { Element, Root } from 'hast';
import { classesFor, codeStyle, joinTokens, type TextMateTheme } from '../../src/lib/code-style.ts';
import { CODE_STYLE, siteHighlighter } from '../../src/lib/highlight.ts';

const SAMPLES: Record<string, string> = {
  bash: 'docker logs <container_id> --tail 100 | grep -i "error" # last errors\nexport PGPASSWORD=$(cat /run/secret)',
  python: 'async def f(task_id: str) -> None:\n    """Doc."""\n    await db.execute(select(Task).where(Task.id == task_id))  # comment\n    return 1.5e3',
  sql: "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle'; -- idle",
  yaml: 'services:\n  api:\n    image: "arya:1.0"\n    ports: [8000]  # host',
  ini: '# redis.conf\nmaxmemory 2gb\nmaxmemory-policy allkeys-lru',
  dockerfile: 'FROM python:3.11-slim\nRUN pip install -r requirements.txt\nCMD ["uvicorn", "app.main:app"]',
};

describe('code colours as classes', () => {
  test("highlighting each of the site's languages leaves no style attribute, only classes that have a rule", async () => {
    const highlight = await siteHighlighter();
    const rules = new Set([...CODE_STYLE.css.matchAll(/^\.(s\d+)\{/gm)].map((m) => m[1]));
    for (const [lang, code] of Object.entries(SAMPLES)) {
      const tree = await highlight(code, lang);
      assert.ok(tree, lang);
      const html = toHtml(tree);
      assert.doesNotMatch(html, /\sstyle=/, lang);
      const used = [...html.matchAll(/\sclass="([^"]*)"/g)].flatMap((m) => (m[1] ?? '').split(' ')).filter((c) => /^s\d+$/.test(c));
      assert.ok(used.length > 3, `${lang}: no code classes`);
      for (const c of used) assert.ok(rules.has(c), `${lang}: .${c} has no rule`);
    }
  });

  test('keeps the command-variable marks, with their data, around the coloured tokens', async () => {
    const html = toHtml((await (await siteHighlighter())('docker logs <container_id>', 'bash')) ?? { type: 'root', children: [] });
    assert.match(html, /<span class="var-slot" data-var="container_id" data-ctx="sh" data-written="<container_id>">(?:<span class="s\d+ s\d+">[^<]*<\/span>|[^<]+)+<\/span>/);
  });

  test('gives every colour, default background and font style of the themes a class, and no rule background', () => {
    const theme = (fg: string, bg: string): TextMateTheme => ({
      colors: { 'editor.foreground': fg, 'editor.background': bg },
      tokenColors: [
        { scope: 'comment', settings: { foreground: '#6E7781' } },
        { scope: 'markup.italic', settings: { fontStyle: 'italic' } },
        { scope: 'markup.deleted', settings: { foreground: '#82071E', background: '#FFEBE9', fontStyle: 'strikethrough underline' } },
      ],
    });
    const style = codeStyle({ light: theme('#1F2328', '#FFFFFF'), dark: theme('#E6EDF3', '#0D1117') }, { prefix: '--s-', extra: ['overflow-x: auto'] });
    assert.deepEqual([...style.classes.keys()].filter((d) => d.startsWith('--s-light')), [
      '--s-light-bg:#ffffff',
      '--s-light-font-style:italic',
      '--s-light-text-decoration:underline line-through',
      '--s-light:#1f2328',
      '--s-light:#6e7781',
      '--s-light:#82071e',
    ]);
    assert.equal(style.classes.get('overflow-x:auto'), `s${String(style.classes.size - 1)}`);
    assert.match(style.css, /^\.s0\{--s-light-bg:#ffffff\}\n/);
    assert.equal(style.css.trim().split('\n').length, style.classes.size);
  });

  test('turns a style attribute into its classes: case and spacing as Shiki writes them, inherited variables dropped', () => {
    const style = codeStyle({ light: { fg: '#1f2328', bg: '#fff', tokenColors: [{ settings: { foreground: '#0A3069' } }] } }, { prefix: '--s-', extra: ['overflow-x: auto'] });
    const c = (d: string) => style.classes.get(d) ?? '?';
    assert.deepEqual(classesFor('--s-light:#0A3069', style.classes), [c('--s-light:#0a3069')]);
    assert.deepEqual(classesFor('--s-light:#1f2328;--s-light-bg:#fff; overflow-x: auto;', style.classes), [c('--s-light:#1f2328'), c('--s-light-bg:#fff'), c('overflow-x:auto')]);
    assert.deepEqual(classesFor('--s-light-font-style:inherit', style.classes), []);
  });

  test('joins tokens that look the same: default-coloured text loses its span, equal neighbours become one, slots stay', () => {
    const decl = new Map([['s8', '--s-light:#1f2328'], ['s28', '--s-dark:#e6edf3'], ['s0', '--s-light-bg:#fff'], ['s14', '--s-light:#cf222e'], ['s30', '--s-dark:#ff7b72'], ['s1', '--s-light-font-style:italic']]);
    const span = (cls: string, text: string): Element => ({ type: 'element', tagName: 'span', properties: { class: cls }, children: [{ type: 'text', value: text }] });
    const slot: Element = { type: 'element', tagName: 'span', properties: { class: 'var-slot', 'data-var': 'id' }, children: [span('s14 s30', 'x'), span('s14 s30', 'y'), span('s8 s28', 'z')] };
    const line: Element = { type: 'element', tagName: 'span', properties: { class: 'line' }, children: [span('s14 s30', 'async'), span('s14 s30', ' def'), span('s8 s28', ' f'), span('s28 s8', '('), span('s8 s1 s28', 'i'), slot, span('s14 s30', ')')] };
    const root: Root = { type: 'root', children: [{ type: 'element', tagName: 'pre', properties: { class: 'astro-code s8 s28 s0' }, children: [{ type: 'element', tagName: 'code', properties: {}, children: [line] }] }] };
    joinTokens(root, decl);
    assert.equal(toHtml(line), '<span class="line"><span class="s14 s30">async def</span> f(<span class="s8 s1 s28">i</span><span class="var-slot" data-var="id"><span class="s14 s30">xy</span>z</span><span class="s14 s30">)</span></span>');
  });

  test("highlighted code keeps every line's text, with no default-coloured span and no two equal spans side by side", async () => {
    const highlight = await siteHighlighter();
    for (const [lang, code] of Object.entries(SAMPLES)) {
      const html = toHtml((await highlight(code, lang)) ?? { type: 'root', children: [] });
      const plain = /<pre class="[^"]*?\b(s\d+ s\d+) s\d+ s\d+/.exec(html);
      assert.ok(plain, lang);
      assert.doesNotMatch(html, new RegExp(`<span class="${plain[1] ?? ''}">`), `${lang}: a default-coloured token kept its span`);
      assert.doesNotMatch(html, /<span class="(s[\d ]+)">[^<]*<\/span><span class="\1">/, `${lang}: equal tokens side by side`);
      const text = html.replace(/<(?:[^>"]|"[^"]*")*>/g, '').replaceAll('&#x3C;', '<').replaceAll('&#x26;', '&').replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&gt;', '>').replaceAll('&lt;', '<').replaceAll('&amp;', '&');
      assert.equal(text, code, lang);
    }
  });

  test('fails with the declaration when highlighting writes a style no class stands for', () => {
    assert.throws(() => classesFor('--s-light:#123456', CODE_STYLE.classes), /"--s-light:#123456"/);
    assert.throws(() => classesFor('color: red', CODE_STYLE.classes), /no class stands for: "color:red"/);
  });
});
