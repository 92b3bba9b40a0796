/**
 * Rendering a guide body: what the page prints, the heading ids the table of contents and the
 * triage links rely on, and the errors an author sees for MDX that a guide may not hold.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ContentError } from '../../src/lib/errors/problems.ts';
import { renderGuide, type GuideNode, type Highlight } from '../../src/lib/guides/render.ts';
import { siteHighlighter } from '../../src/lib/highlight.ts';

const COMPONENTS = ['Symptom', 'Solutions', 'Note', 'Correction', 'pre', 'h3'];
const render = (body: string, highlight?: Highlight, firstLine?: number) =>
  renderGuide(body, { file: 'src/content/guides/en/x.mdx', components: COMPONENTS, ...(highlight ? { highlight } : {}), ...(firstLine ? { firstLine: () => firstLine } : {}) });

/** The rendered tree in a short form: `Note{kind=tip}[<p>…</p>]`. */
function outline(nodes: GuideNode[]): string {
  return nodes
    .map((n) => (n.type === 'html' ? n.html.trim().replace(/>\s+</g, '> <') : `${n.name}{${Object.entries(n.props).map(([k, v]) => `${k}=${v}`).join(',')}}[${outline(n.children)}]`))
    .filter((s) => s !== '')
    .join(' ');
}

async function problemsOf(body: string, firstLine?: number): Promise<string[]> {
  try {
    await render(body, undefined, firstLine);
  } catch (error) {
    assert.ok(error instanceof ContentError, `expected a ContentError, got ${String(error)}`);
    return error.problems.map((p) => `${p.file} ${p.path}: found ${p.found}; expected ${p.expected}`);
  }
  assert.fail('expected the body to be refused');
}

describe('rendering a guide body', () => {
  test('components wrap their rendered Markdown; plain Markdown is one run of HTML', async () => {
    const { nodes } = await render('<Symptom>\n\nIt **fails** at start.\n\n</Symptom>\n\nPlain *text*.\n\n<Note kind="tip">\n\nA tip.\n\n</Note>\n');
    assert.equal(outline(nodes), 'Symptom{}[<p>It <strong>fails</strong> at start.</p>] <p>Plain <em>text</em>.</p> Note{kind=tip}[<p>A tip.</p>]');
  });

  test('text is escaped: angle brackets in prose and in code stay text', async () => {
    const { nodes } = await render('Use `<container_id>` and a &lt;b&gt; tag.\n');
    const html = outline(nodes);
    assert.doesNotMatch(html, /<container_id>|<b>/);
    assert.match(html, /<code>&#x3C;container_id><\/code>/);
  });

  test('smart punctuation and GFM tables are on, as in Astro', async () => {
    const { nodes } = await render('"quoted" -- it\'s\n\n| a | b |\n| - | - |\n| 1 | 2 |\n');
    const html = outline(nodes);
    assert.match(html, /“quoted” – it’s/);
    assert.match(html, /<table>/);
  });

  test('headings get github-slugger ids (duplicates numbered) and are listed for the table of contents', async () => {
    const { nodes, headings } = await render('<Solutions>\n\n### Problem 1: Redis\n\n### Problem 1: Redis\n\n</Solutions>\n');
    assert.deepEqual(headings, [
      { depth: 3, slug: 'problem-1-redis', text: 'Problem 1: Redis' },
      { depth: 3, slug: 'problem-1-redis-1', text: 'Problem 1: Redis' },
    ]);
    assert.equal(outline(nodes), 'Solutions{}[h3{id=problem-1-redis}[Problem 1: Redis] h3{id=problem-1-redis-1}[Problem 1: Redis]]');
  });

  test('code blocks are highlighted with the site config and drawn by the page as <pre>', async () => {
    const { nodes } = await render('```bash\ndocker logs <container_id>\n```\n', await siteHighlighter());
    const [pre] = nodes;
    assert.ok(pre?.type === 'component' && pre.name === 'pre');
    assert.equal(pre.props['data-language'], 'bash');
    assert.equal(pre.props['tabindex'], '0');
    assert.match(pre.props['class'] ?? '', /astro-code/);
    assert.match(pre.props['style'] ?? '', /--s-light-bg:/);
    assert.match(outline(pre.children), /data-var="container_id"/);
  });

  test('without a highlighter, or for an unhighlighted language, code stays plain text', async () => {
    const { nodes } = await render('```math\na < b\n```\n', await siteHighlighter());
    assert.equal(outline(nodes), 'pre{}[<code class="language-math">a &#x3C; b\n</code>]');
  });

  test('static props: quoted strings and template literals without ${…}, escapes undone', async () => {
    const { nodes } = await render('<Correction original={`pip list | grep -i "error\\\\|missing"`}>\n\nWhy.\n\n</Correction>\n\n<Correction original={"a\\nb"}>\n\nWhy.\n\n</Correction>\n');
    assert.deepEqual(
      nodes.filter((n) => n.type === 'component').map((n) => n.props['original']),
      ['pip list | grep -i "error\\|missing"', 'a\nb'],
    );
  });

  test('comments are dropped', async () => {
    const { nodes } = await render('Before.\n\n{/* a note for authors */}\n\nAfter.\n');
    assert.equal(outline(nodes), '<p>Before.</p> <p>After.</p>');
  });
});

describe('MDX a guide may not hold', () => {
  test('each mistake names the file, the file line, what was found and what was expected, all at once', async () => {
    const body = ['import X from "./x.ts"', '', '<Warning>', '', 'Text {x}.', '', '</Warning>', '', '<Correction original={cmd}>', '', 'Why.', '', '</Correction>', '', 'Costs {price} dollars.', ''].join('\n');
    assert.deepEqual(await problemsOf(body, 20), [
      'src/content/guides/en/x.mdx line 20 import/export: found "import X from \\"./x.ts\\""; expected no imports or exports in a guide',
      'src/content/guides/en/x.mdx line 22 <Warning>: found <Warning>; expected one of <Symptom>, <Solutions>, <Note>, <Correction>',
      'src/content/guides/en/x.mdx line 24 {expression}: found {x}; expected text, Markdown or a component; guides hold no JavaScript expressions',
      'src/content/guides/en/x.mdx line 28 <Correction original>: found {cmd}; expected a string: "…", or {`…`} without ${…}',
      'src/content/guides/en/x.mdx line 34 {expression}: found {price}; expected text, Markdown or a component; guides hold no JavaScript expressions',
    ]);
  });

  test('interpolation in a template literal is not static', async () => {
    const [problem] = await problemsOf('<Note kind={`${"tip"}`}>\n\nA.\n\n</Note>\n');
    assert.match(problem ?? '', /line 1 <Note kind>: found \{`\$\{"tip"\}`\}/);
  });

  test('HTML tags are refused: a guide is Markdown, and nothing raw reaches the page', async () => {
    const [problem] = await problemsOf('<script>alert(1)</script>\n');
    assert.match(problem ?? '', /<script>: found <script>; expected Markdown instead of HTML tags/);
  });

  test('MDX that does not parse fails with the file named', async () => {
    const [problem] = await problemsOf('<Note>\n\nunclosed\n');
    assert.match(problem ?? '', /^src\/content\/guides\/en\/x\.mdx \(file\): found .+; expected MDX that parses/);
  });
});
