/**
 * A guide body, read once: the model every part of the site uses (headings and their ids, blocks
 * and their text, code blocks, corrections, causes, pictures), what the page prints from it, and
 * the errors an author sees for MDX a guide may not hold.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { imageProblems } from '../../src/lib/guides/checks.ts';
import { parseGuide, staticString, type GuideModel } from '../../src/lib/guides/parse.ts';
import { renderGuide, type GuideNode } from '../../src/lib/guides/render.ts';
import { siteHighlighter } from '../../src/lib/highlight.ts';
import { indexRecord } from '../../src/lib/search/index-record.ts';
import { variablesUsed } from '../../src/lib/variables/context.ts';
import { VARIABLES } from '../../src/lib/variables/definitions.ts';

const FILE = 'src/content/guides/en/x.mdx';

function parse(body: string, firstLine = 1): GuideModel {
  const { model, problems } = parseGuide(body, { file: FILE, firstLine: () => firstLine });
  assert.deepEqual(problems, []);
  return model;
}

function problemsOf(body: string, firstLine = 1): string[] {
  const { problems } = parseGuide(body, { file: FILE, firstLine: () => firstLine });
  assert.ok(problems.length > 0, 'expected the body to be refused');
  return problems.map((p) => `${p.file} ${p.path}: found ${p.found}; expected ${p.expected}`);
}

/** The rendered tree in a short form: `Note{kind=tip}[<p>…</p>]`. */
function outline(nodes: GuideNode[]): string {
  return nodes
    .map((n) => (n.type === 'html' ? n.html.trim().replace(/>\s+</g, '> <') : `${n.name}{${Object.entries(n.props).map(([k, v]) => `${k}=${String(v)}`).join(',')}}[${outline(n.children)}]`))
    .filter((s) => s !== '')
    .join(' ');
}

const render = async (body: string, highlight = false) => renderGuide(parse(body), highlight ? { highlight: await siteHighlighter() } : {});

describe('one reading of a guide body', () => {
  test('a "##" inside a code fence is code, not a heading, for every reader of the model', () => {
    const model = parse('<Solutions>\n\n### Fix it\n\n```bash\n## not a heading\necho hi\n```\n\n</Solutions>\n');
    assert.deepEqual(model.headings.map((h) => h.text), ['Fix it']);
    assert.deepEqual(model.anchors, ['symptom', 'causes', 'diagnosis', 'solutions', 'signatures', 'fix-it']);
    assert.equal(model.code[0]?.text, '## not a heading\necho hi');
    assert.doesNotMatch(model.blocks[0]?.text ?? '', /not a heading/, 'code is not prose');
    assert.match(indexRecord({ lang: 'en', slug: 'x', data: { section: '1.1', chapter: 'startup', title: 'T', symptom: 'S', signatures: [], components: ['app'], lastReviewed: new Date(0), errors: {} }, model }).text?.body ?? '', /## not a heading/, 'the search index covers code');
  });

  test('a heading with inline code gets its id from its text, code included, once', () => {
    const model = parse('<Solutions>\n\n### Set `pool_size` and `max_overflow`\n\n</Solutions>\n');
    assert.deepEqual(model.headings, [{ depth: 3, id: 'set-pool_size-and-max_overflow', text: 'Set pool_size and max_overflow', line: 3 }]);
    assert.ok(model.anchors.includes('set-pool_size-and-max_overflow'));
  });

  test('a component inside a list is found, rendered and read as text once', async () => {
    const body = '<Causes>\n\n1. **Pool too small**\n\n   <Note kind="tip">\n\n   Size it per worker.\n\n   </Note>\n\n2. **Leak**\n\n</Causes>\n';
    const model = parse(body);
    assert.deepEqual(model.causes.map((c) => c.text), ['Pool too small', 'Leak']);
    assert.equal(model.blocks[0]?.text.match(/Size it per worker/g)?.length, 1);
    const html = outline(await renderGuide(model));
    assert.match(html, /<li>.*Note\{kind=tip\}\[<p>Size it per worker\.<\/p>\].*<\/li>/s);
  });

  test('code blocks keep their language, fence meta, text and file line; corrections their original', () => {
    const model = parse('<Diagnosis>\n\n```python fragment="async"\nawait x()\n```\n\n<Correction original={"a\\nb"}>\n\nWhy.\n\n</Correction>\n\n</Diagnosis>\n', 10);
    assert.deepEqual(model.code, [{ lang: 'python', meta: 'fragment="async"', text: 'await x()', line: 12, block: 'diagnosis', addition: false }]);
    assert.deepEqual(model.corrections, [{ original: 'a\nb', line: 16 }]);
  });

  test('each block has its prose as plain text, and code inside an <Addition> is marked as such', () => {
    const model = parse('<Symptom>\n\nIt **fails** at `start`.\n\n</Symptom>\n\n<Diagnosis>\n\n<Addition>\n\n```bash\nls\n```\n\n</Addition>\n\n</Diagnosis>\n');
    assert.deepEqual(model.blocks.map((b) => [b.kind, b.text]), [['symptom', 'It fails at start.'], ['diagnosis', '']]);
    assert.equal(model.code[0]?.addition, true);
  });

  test('the variables panel reads the code of the model', () => {
    const model = parse('```bash\ndocker logs <container_id>\n```\n');
    assert.deepEqual(variablesUsed(model.code.map((c) => ({ code: c.text, lang: c.lang })), VARIABLES), ['container_id']);
  });

  test('static props: quoted strings and template literals without ${…}, escapes undone', () => {
    assert.equal(staticString('`pip list | grep -i "error\\\\|missing"`'), 'pip list | grep -i "error\\|missing"');
    assert.equal(staticString('"a\\nb"'), 'a\nb');
    assert.equal(staticString('"\\u{110000}"'), '\ufffd');
    assert.equal(staticString('`${x}`'), undefined);
    assert.equal(staticString('cmd'), undefined);
  });
});

describe('what the page prints', () => {
  test('components wrap their rendered Markdown; plain Markdown is one run of HTML', async () => {
    const nodes = await render('<Symptom>\n\nIt **fails** at start.\n\n</Symptom>\n\nPlain *text*.\n\n<Note kind="tip">\n\nA tip.\n\n</Note>\n');
    assert.equal(outline(nodes), 'Symptom{}[<p>It <strong>fails</strong> at start.</p>] <p>Plain <em>text</em>.</p> Note{kind=tip}[<p>A tip.</p>]');
  });

  test('a Note without a kind is a plain note (the registry’s default)', async () => {
    assert.equal(outline(await render('<Note>\n\nA.\n\n</Note>\n')), 'Note{kind=note}[<p>A.</p>]');
  });

  test('text is escaped: angle brackets in prose and in code stay text', async () => {
    const html = outline(await render('Use `<container_id>` and a &lt;b&gt; tag.\n'));
    assert.doesNotMatch(html, /<container_id>|<b>/);
    assert.match(html, /<code>&#x3C;container_id><\/code>/);
  });

  test('smart punctuation and GFM tables are on, as in Astro', async () => {
    const html = outline(await render('"quoted" -- it\'s\n\n| a | b |\n| - | - |\n| 1 | 2 |\n'));
    assert.match(html, /“quoted” – it’s/);
    assert.match(html, /<table>/);
  });

  test('### headings are drawn by the page with their github-slugger ids, duplicates numbered', async () => {
    const model = parse('<Solutions>\n\n### Problem 1: Redis\n\n### Problem 1: Redis\n\n</Solutions>\n');
    assert.deepEqual(model.headings.map((h) => h.id), ['problem-1-redis', 'problem-1-redis-1']);
    assert.equal(outline(await renderGuide(model)), 'Solutions{}[h3{id=problem-1-redis}[Problem 1: Redis] h3{id=problem-1-redis-1}[Problem 1: Redis]]');
  });

  test('code blocks are highlighted with the site config and drawn by the page as <pre>', async () => {
    const [pre] = await render('```bash\ndocker logs <container_id>\n```\n', true);
    assert.ok(pre?.type === 'component' && pre.name === 'pre');
    assert.equal(pre.props['data-language'], 'bash');
    assert.equal(pre.props['tabindex'], '0');
    assert.match(String(pre.props['class']), /astro-code/);
    assert.match(outline(pre.children), /data-var="container_id"/);
  });

  test('an unhighlighted language stays plain text', async () => {
    assert.equal(outline(await render('```math\na < b\n```\n', true)), 'pre{}[<code class="language-math">a &#x3C; b\n</code>]');
  });

  test('comments are dropped', async () => {
    assert.equal(outline(await render('Before.\n\n{/* a note for authors */}\n\nAfter.\n')), '<p>Before.</p> <p>After.</p>');
  });

  test('a picture is drawn by the page from its path next to the guide', async () => {
    const model = parse('<Symptom>\n\n![The connection path](./images/path.svg "App to database")\n\n</Symptom>\n');
    assert.deepEqual(model.images, [{ src: './images/path.svg', alt: 'The connection path', title: 'App to database', line: 3 }]);
    const nodes = await renderGuide(model, { imagePath: (src) => `/src/content/guides/en/${src.slice(2)}` });
    assert.match(outline(nodes), /img\{src=\/src\/content\/guides\/en\/images\/path\.svg,alt=The connection path,title=App to database\}\[\]/);
    assert.equal(model.blocks[0]?.text, 'The connection path');
  });
});

describe('MDX a guide may not hold', () => {
  test('each mistake names the file, the file line, what was found and what was expected, all at once', () => {
    const body = ['import X from "./x.ts"', '', '<Warning>', '', 'Text {x}.', '', '</Warning>', '', '<Correction original={cmd}>', '', 'Why.', '', '</Correction>', '', 'Costs {price} dollars.', ''].join('\n');
    assert.deepEqual(problemsOf(body, 20), [
      'src/content/guides/en/x.mdx line 20 import/export: found "import X from \\"./x.ts\\""; expected no imports or exports in a guide',
      'src/content/guides/en/x.mdx line 22 <Warning>: found <Warning>; expected one of <Symptom>, <Causes>, <Diagnosis>, <Solutions>, <Note>, <Correction>, <Addition>',
      'src/content/guides/en/x.mdx line 24 {expression}: found {x}; expected text, Markdown or a component; guides hold no JavaScript expressions',
      'src/content/guides/en/x.mdx line 28 <Correction original>: found {cmd}; expected a string: "…", or {`…`} without ${…}',
      'src/content/guides/en/x.mdx line 34 {expression}: found {price}; expected text, Markdown or a component; guides hold no JavaScript expressions',
    ]);
  });

  test('props are checked against the dialect registry: a wrong value, a missing prop, an unknown prop', () => {
    assert.deepEqual(problemsOf('<Note kind="danger">\n\nA.\n\n</Note>\n\n<Correction>\n\nB.\n\n</Correction>\n\n<Symptom size="big">\n\nC.\n\n</Symptom>\n'), [
      'src/content/guides/en/x.mdx line 1 <Note kind>: found "danger" (a string); expected one of "note", "tip", "warning"',
      'src/content/guides/en/x.mdx line 7 <Correction original>: found nothing (the field is missing); expected a string',
      'src/content/guides/en/x.mdx line 13 <Symptom size>: found an unknown field "size"; expected only the documented fields (check the spelling)',
    ]);
  });

  test('an empty original is refused', () => {
    assert.deepEqual(problemsOf('<Correction original="  ">\n\nWhy.\n\n</Correction>\n'), ['src/content/guides/en/x.mdx line 1 <Correction original>: found "  " (a string); expected the source text, not empty']);
  });

  test('interpolation in a template literal is not static', () => {
    const [problem] = problemsOf('<Note kind={`${"tip"}`}>\n\nA.\n\n</Note>\n');
    assert.match(problem ?? '', /line 1 <Note kind>: found \{`\$\{"tip"\}`\}/);
  });

  test('HTML tags are refused: a guide is Markdown, and nothing raw reaches the page', () => {
    const [problem] = problemsOf('<script>alert(1)</script>\n');
    assert.match(problem ?? '', /<script>: found <script>; expected Markdown instead of HTML tags/);
  });

  test('a picture needs alt text and a path next to the guide, and its file must exist', () => {
    assert.deepEqual(problemsOf('![](./images/a.png)\n\n![Diagram](https://example.com/a.png)\n'), [
      'src/content/guides/en/x.mdx line 1 ![](./images/a.png): found an image without alt text; expected a description of what the picture shows: ![the connection path …](./images/x.svg)',
      'src/content/guides/en/x.mdx line 3 ![Diagram](https://example.com/a.png): found "https://example.com/a.png"; expected a path relative to the guide file, such as ./images/x.svg',
    ]);
    const model = parse('Text.\n\n![Diagram](./images/missing.svg)\n', 5);
    assert.deepEqual(
      imageProblems(FILE, model, () => false).map((p) => `${p.path}: found ${p.found}`),
      ['line 7 ![Diagram](./images/missing.svg): found no file src/content/guides/en/images/missing.svg'],
    );
    assert.deepEqual(imageProblems(FILE, model, (p) => p === '/src/content/guides/en/images/missing.svg'), []);
  });

  test('MDX that does not parse fails with the file named', () => {
    const [problem] = problemsOf('<Note>\n\nunclosed\n');
    assert.match(problem ?? '', /^src\/content\/guides\/en\/x\.mdx \(file\): found .+; expected MDX that parses/);
  });
});

describe("a guide's body read from its file", () => {
  test("is the body Astro's MDX entry type gives, for every guide and for the file shapes Astro accepts", async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { parseFrontmatter } = await import('@astrojs/internal-helpers/frontmatter');
    const { mdxBody } = await import('../../src/lib/guides/entries.ts');
    const astro = (text: string) => parseFrontmatter(text, { frontmatter: 'empty-with-spaces' }).content.trim();
    const texts = ['zh', 'en'].flatMap((lang) =>
      readdirSync(`src/content/guides/${lang}`)
        .filter((f) => f.endsWith('.mdx'))
        .map((f) => readFileSync(`src/content/guides/${lang}/${f}`, 'utf8')),
    );
    assert.ok(texts.length >= 26);
    const shapes = ['\uFEFF---\ntitle: x\n---\n\nBody\n', '\n\n---\na: 1\n---\nBody with --- inside\n---\n', 'No frontmatter\n', '---\na: 1\n---\n'];
    for (const text of [...texts, ...shapes]) assert.equal(mdxBody(text), astro(text));
  });
});
