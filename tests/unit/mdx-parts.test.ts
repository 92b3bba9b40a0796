import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeBlocks, correctionOriginals } from '../../src/lib/guides/mdx-parts.ts';

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
});
