/**
 * Code colours are classes, never style attributes (the CSP refuses inline styles): every
 * declaration highlighting can write has a class and a rule, and the command-variable marks
 * survive the swap.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import { classesFor, codeStyle, type TextMateTheme } from '../../src/lib/code-style.ts';
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
    assert.match(html, /<span class="var-slot" data-var="container_id" data-ctx="sh" data-written="<container_id>">(?:<span class="s\d+ s\d+">[^<]*<\/span>)+<\/span>/);
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

  test('fails with the declaration when highlighting writes a style no class stands for', () => {
    assert.throws(() => classesFor('--s-light:#123456', CODE_STYLE.classes), /"--s-light:#123456"/);
    assert.throws(() => classesFor('color: red', CODE_STYLE.classes), /no class stands for: "color:red"/);
  });
});
