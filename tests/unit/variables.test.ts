/**
 * Command variables: a value typed by a person is pasted into a production shell. Whatever it
 * is, it must land as exactly itself (or be refused), never as a second command, an option, a
 * new line or a terminal escape. The shell-quoting checks run real bash.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { readGuides } from '../support/guide-files.ts';
import { findPlaceholders, shellStateAt } from '../../src/lib/variables/context.ts';
import { VARIABLES } from '../../src/lib/variables/definitions.ts';
import { encodeFor, shellQuote } from '../../src/lib/variables/quote.ts';
import { VARIABLE_KINDS, validateValue, type VariableKind } from '../../src/lib/variables/values.ts';

const PAYLOADS = [
  '$(touch /tmp/pwned)',
  '`touch /tmp/pwned`',
  'a; touch /tmp/pwned',
  'a && touch /tmp/pwned',
  'a | tee /tmp/pwned',
  `it's "quoted"`,
  "'",
  '"',
  'line1\nline2',
  'line1\r\nline2',
  '-rf',
  '--privileged',
  '*',
  '~',
  '~root/.ssh',
  '\u001b[31mred\u001b[0m',
  'zero\u200bwidth',
  'rtl\u202eoverride',
  '$HOME ${PATH} \\ \\\\',
  'x'.repeat(10_240),
];

/** What bash sees as arguments of printf for `words` (NUL-separated). */
function bashArgs(words: string): string[] {
  const out = execFileSync('bash', ['--noprofile', '--norc', '-c', `printf '%s\\0' ${words}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('shell quoting', () => {
  test('every payload becomes exactly one word with exactly its value', () => {
    for (const p of PAYLOADS) assert.deepEqual(bashArgs(shellQuote(p)), [p], JSON.stringify(p.slice(0, 40)));
  });

  test('a value with a leading dash is quoted, so it is never bare', () => {
    assert.equal(shellQuote('-rf'), "'-rf'");
  });

  test('inside "…" and \'…\' a value stays inside the same word; new lines are refused', () => {
    for (const p of PAYLOADS) {
      for (const [ctx, wrap] of [['sh-dq', (e: string) => `"pre${e}post"`], ['sh-sq', (e: string) => `'pre${e}post'`]] as const) {
        const encoded = encodeFor(ctx, p);
        if (/[\r\n]/.test(p)) {
          assert.equal(encoded, null, `${ctx} refuses a new line`);
          continue;
        }
        assert.ok(encoded !== null);
        assert.deepEqual(bashArgs(wrap(encoded)), [`pre${p}post`], `${ctx}: ${JSON.stringify(p.slice(0, 40))}`);
      }
    }
  });

  test('in a URL path the value is percent-encoded, then shell-safe', () => {
    for (const p of PAYLOADS.filter((x) => !/[\ud800-\udfff]/.test(x))) {
      const encoded = encodeFor('url>sh', p);
      assert.ok(encoded !== null);
      const [word] = bashArgs(`http://h/x/${encoded}`);
      assert.equal(decodeURIComponent((word ?? '').slice('http://h/x/'.length)), p);
    }
  });

  test('inside a string literal of an embedded language only plain values are placed', () => {
    assert.equal(encodeFor('lit>sh-dq', 'user_42'), 'user_42');
    for (const p of ["'", '"', '\\', 'a\nb', '`x`', '$x']) assert.equal(encodeFor('lit>sh-dq', p), null, p);
  });
});

describe('validation', () => {
  test('no payload passes any kind of variable', () => {
    for (const kind of Object.keys(VARIABLE_KINDS) as VariableKind[]) {
      for (const p of PAYLOADS) assert.equal(validateValue(kind, p).ok, false, `${kind} accepted ${JSON.stringify(p.slice(0, 30))}`);
    }
  });

  test('ordinary values pass, trimmed', () => {
    const ok: Array<[VariableKind, string]> = [
      ['container-id', ' 9c2e41f07a3b '],
      ['container-id', 'arya-api-1'],
      ['task-id', '3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'],
      ['host', 'db.internal'],
      ['host', '10.0.0.5'],
      ['port', '65535'],
      ['http-url', 'https://api.internal:8443'],
      ['redis-url', 'redis://:s3cret@redis:6379/0'],
      ['identifier', 'arya_video_agent'],
      ['user-id', 'user_42'],
    ];
    for (const [kind, value] of ok) assert.deepEqual(validateValue(kind, value), { ok: true, value: value.trim() }, `${kind} ${value}`);
  });

  test('ports outside 1–65535 and a leading dash are refused with the reason', () => {
    assert.deepEqual(validateValue('port', '0'), { ok: false, reason: 'format' });
    assert.deepEqual(validateValue('port', '65536'), { ok: false, reason: 'format' });
    assert.deepEqual(validateValue('identifier', '-U'), { ok: false, reason: 'leading-dash' });
    assert.deepEqual(validateValue('task-id', 'a\u202eb'), { ok: false, reason: 'unsafe' });
  });
});

describe('placeholders in the guide', () => {
  test('the shell state is read through quotes, comments and heredocs', () => {
    const code = `echo "a $x" 'b' # c\npython - <<'EOF'\nprint(1)\nEOF\nls`;
    assert.equal(shellStateAt(code, code.indexOf('a $x')), 'sh-dq');
    assert.equal(shellStateAt(code, code.indexOf("b'")), 'sh-sq');
    assert.equal(shellStateAt(code, code.indexOf(' c')), 'comment');
    assert.equal(shellStateAt(code, code.indexOf('print')), 'heredoc');
    assert.equal(shellStateAt(code, code.indexOf('ls')), 'sh');
  });

  test('every placeholder in a command of the guide, in both languages, is declared and substitutable', () => {
    const unplaced: string[] = [];
    let placed = 0;
    for (const g of readGuides().guides) {
      for (const { text, lang } of g.model.code) {
        const b = { code: text, lang };
        if (!['bash', 'python', 'sql'].includes(b.lang)) continue;
        for (const p of findPlaceholders(b.code, b.lang, VARIABLES)) {
          const line = b.code.slice(b.code.lastIndexOf('\n', p.start) + 1).split('\n')[0] ?? '';
          if (p.ctx !== 'none') placed++;
          else if (!line.trimStart().startsWith('#')) unplaced.push(`${g.file}: ${p.name} in ${line.trim()}`);
        }
        // Written forms of the source's own placeholders must always be recognised.
        for (const raw of ['<container_id>', '{task_id}']) {
          if (b.code.includes(raw) && !findPlaceholders(b.code, b.lang, VARIABLES).some((p) => b.code.slice(p.start, p.end) === raw)) {
            unplaced.push(`${g.file}: ${raw} not recognised`);
          }
        }
      }
    }
    assert.deepEqual(unplaced, []);
    assert.ok(placed > 40, `only ${String(placed)} placeholders found`);
  });
});
