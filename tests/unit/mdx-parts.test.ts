import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bodyFirstLine, codeBlocks, correctionOriginals, staticString } from '../../src/lib/guides/mdx-parts.ts';

describe('reading guide MDX', () => {
  test('code blocks keep their language, meta and exact text', () => {
    const blocks = codeBlocks('intro\n\n```bash title="x"\necho "a"\n  indented\n```\n\n~~~python\nx = 1\n~~~\n');
    assert.deepEqual(blocks, [
      { lang: 'bash', meta: 'title="x"', code: 'echo "a"\n  indented', line: 3 },
      { lang: 'python', meta: '', code: 'x = 1', line: 8 },
    ]);
  });

  test('code blocks indented inside list items lose the list indentation only', () => {
    assert.deepEqual(codeBlocks('1. step\n   ```bash\n   ls -la\n     x\n   ```\n').map((b) => b.code), ['ls -la\n  x']);
  });

  test('correction originals are unescaped back to the source text', () => {
    const mdx = [
      '<Correction original={`pip list | grep -i "error\\\\|missing"`}>why</Correction>',
      '<Correction original={"a \\"quoted\\" word"}>why</Correction>',
      '<Correction original={`uses \\`backticks\\` and \\${x}`}>why</Correction>',
    ].join('\n');
    assert.deepEqual(correctionOriginals(mdx), [
      'pip list | grep -i "error\\|missing"',
      'a "quoted" word',
      'uses `backticks` and ${x}',
    ]);
  });

  test('a static string is a quoted string or a template literal without ${…}', () => {
    assert.equal(staticString('"a \\"b\\""'), 'a "b"');
    assert.equal(staticString("'it\\'s'"), "it's");
    assert.equal(staticString('`two\nlines, \\` and \\${x}`'), 'two\nlines, ` and ${x}');
    assert.equal(staticString('`joined \\\nline`'), 'joined line');
    assert.equal(staticString('`${x}`'), undefined);
    assert.equal(staticString('cmd'), undefined);
    assert.equal(staticString('"a" + "b"'), undefined);
  });

  test('the body of a guide starts on the line after its frontmatter', () => {
    const file = '---\ntitle: x\nsection: "1.1"\n---\n\n<Symptom>\n';
    assert.equal(bodyFirstLine(file, '\n<Symptom>\n'), 5);
    assert.equal(bodyFirstLine(file, 'not in the file'), 1);
  });
});
