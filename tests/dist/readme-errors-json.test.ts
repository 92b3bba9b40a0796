/**
 * The README's Python example for /errors.json runs against the built file and prints what its
 * comment says: the documentation of the catalogue cannot drift from the catalogue.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

test("the README's errors.json example in Python prints the page its comment promises", () => {
  const readme = readFileSync('README.md', 'utf8');
  const code = /```python\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(code, 'README.md has a Python example');
  const promised = [...code.matchAll(/^# (https:\/\/\S+)$/gm)].map((m) => m[1]);
  assert.equal(promised.length, 1, 'the example ends with the link it prints, as a comment');
  const dir = mkdtempSync(join(tmpdir(), 'arya-readme-'));
  try {
    copyFileSync(join('dist', 'errors.json'), join(dir, 'errors.json'));
    writeFileSync(join(dir, 'example.py'), code);
    const run = spawnSync('python3', ['example.py'], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), promised[0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
