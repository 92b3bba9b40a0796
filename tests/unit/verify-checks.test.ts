import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VARIABLES } from '../../src/lib/variables/definitions.ts';
import { checkCompose } from '../support/verify/compose.ts';
import { checkDockerfile, dockerfileInstructions } from '../support/verify/dockerfile.ts';
import { parseFenceMeta } from '../support/verify/fence-meta.ts';
import { fillPlaceholders, shellPlaceholders } from '../support/verify/placeholders.ts';
import { embeddedPython, pythonModule } from '../support/verify/python-source.ts';
import { checkRedisConf } from '../support/verify/redis-conf.ts';
import { formatTable } from '../support/verify/table.ts';

describe('code fence metadata', () => {
  test('an empty meta means a complete program with no placeholders', () => {
    assert.deepEqual(parseFenceMeta(''), { meta: {}, problems: [] });
  });

  test('fragment, file and placeholders are read from key="value" pairs', () => {
    assert.deepEqual(parseFenceMeta('fragment="async" file="app/x.py" placeholders="pid image"'), {
      meta: { fragment: 'async', file: 'app/x.py', placeholders: ['pid', 'image'] },
      problems: [],
    });
  });

  test('an unknown key is a problem that names the known ones', () => {
    const { problems } = parseFenceMeta('title="x"');
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /unknown key "title": known keys are fragment, file, placeholders/);
  });

  test('an unknown fragment kind is a problem that quotes the value', () => {
    assert.match(parseFenceMeta('fragment="method"').problems[0] ?? '', /^fragment="method": /);
  });

  test('text that is not a key="value" pair is a problem', () => {
    assert.deepEqual(parseFenceMeta('{1,3}').problems, ['"{1,3}" is not a key="value" pair']);
  });
});

describe('placeholders', () => {
  test('command variables get their example value and declared placeholders their name in capitals', () => {
    const { code, undeclared } = fillPlaceholders('docker logs <container_id> && kill <pid> && curl /tasks/{task_id}', 'bash', VARIABLES, ['pid']);
    assert.equal(code, 'docker logs arya-api-1 && kill PID && curl /tasks/3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b');
    assert.deepEqual(undeclared, []);
  });

  test('an undeclared placeholder in shell code is reported, one in a comment or heredoc is not', () => {
    const code = '# replace <image> below\nps -o user= -p <pid>\ncat <<EOF\n<service>\nEOF\n';
    assert.deepEqual(fillPlaceholders(code, 'bash', VARIABLES, []).undeclared, ['pid']);
    assert.deepEqual(shellPlaceholders('ls -l /proc/<pid>/fd | grep -F .log'), ['pid']);
  });

  test('placeholders are only looked for in shell code', () => {
    assert.deepEqual(fillPlaceholders('x = "<pid>"', 'python', VARIABLES, []).undeclared, []);
  });
});

describe('python sources', () => {
  test('a module is compiled as written', () => {
    assert.deepEqual(pythonModule('x = 1', undefined), { source: 'x = 1', lineOffset: 0 });
  });

  test('an async fragment becomes the body of an async def, blank lines kept blank', () => {
    assert.deepEqual(pythonModule('x = await f()\n\nreturn x', 'async'), {
      source: 'async def __fragment__():\n    x = await f()\n\n    return x\n    pass\n',
      lineOffset: 1,
    });
  });

  test('a function fragment becomes the body of a plain def', () => {
    assert.match(pythonModule('return 1', 'function').source, /^def __fragment__\(\):\n    return 1\n/);
  });

  test('the python of a heredoc and of -c arguments is taken out of bash, escapes undone', () => {
    const bash = [
      "python - <<'EOF'",
      'print("hi")',
      'EOF',
      `python -c "import redis; print(f'x: {1:.3f}s', \\"q\\")"`,
      `python -X importtime -c 'import app.main' 2> log`,
    ].join('\n');
    assert.deepEqual(embeddedPython(bash), [
      { via: 'heredoc', code: 'print("hi")' },
      { via: '-c', code: `import redis; print(f'x: {1:.3f}s', "q")` },
      { via: '-c', code: 'import app.main' },
    ]);
  });

  test('a -c argument with a shell expansion is left out', () => {
    assert.deepEqual(embeddedPython('python -c "print($HOME)"'), []);
  });
});

describe('Dockerfile snippets', () => {
  test('continuation lines join into one instruction', () => {
    assert.deepEqual(dockerfileInstructions('# Dockerfile\nHEALTHCHECK --interval=30s \\\n    CMD true\n'), [
      { keyword: 'HEALTHCHECK', args: '--interval=30s CMD true', line: 2 },
    ]);
  });

  test('a valid HEALTHCHECK has no problems', () => {
    assert.deepEqual(checkDockerfile('HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 \\\n    CMD curl -f http://localhost:8000/health || exit 1'), []);
  });

  test('an unknown instruction, a bad option and a missing CMD are each reported', () => {
    assert.deepEqual(checkDockerfile('HEALTHCHEK CMD true\nHEALTHCHECK --interval=30 --every=5s true'), [
      'line 1: "HEALTHCHEK" is not a Dockerfile instruction',
      'line 2: --interval=30 is not a valid value',
      'line 2: HEALTHCHECK has no option --every',
      'line 2: HEALTHCHECK options must be followed by CMD <command> or NONE',
    ]);
  });

  test('a trailing backslash and a single-quoted exec form are reported', () => {
    assert.deepEqual(checkDockerfile("CMD ['uvicorn', 'app.main:app']\nRUN true \\"), [
      'the last line ends with "\\", continuing into nothing',
      'line 1: the exec form of CMD must be a JSON list of strings (double quotes)',
    ]);
  });
});

describe('redis.conf excerpts', () => {
  test('directive lines and comments pass', () => {
    assert.deepEqual(checkRedisConf('# edit redis.conf\nmaxmemory 2gb\nmaxmemory-policy allkeys-lru\n'), []);
  });

  test('a directive without a value or with a shell-looking name is reported', () => {
    assert.deepEqual(checkRedisConf('maxmemory\nredis-cli CONFIG SET x\n$ docker restart redis'), [
      'line 1: maxmemory has no value',
      'line 3: "$" is not a directive name (lower case, digits and "-")',
    ]);
  });
});

describe('compose files', () => {
  test('services waiting for healthy dependencies that have health checks pass', () => {
    const doc = {
      services: {
        api: { depends_on: { db: { condition: 'service_healthy' } }, healthcheck: { test: ['CMD', 'curl', '-f', 'http://localhost/'], interval: '30s', retries: 3 } },
        db: { healthcheck: { test: ['CMD-SHELL', 'pg_isready -U postgres'], timeout: '5s' } },
        cache: null,
      },
    };
    assert.deepEqual(checkCompose(doc), []);
  });

  test('a missing dependency, an unhealthy wait and a bad test form are reported', () => {
    const doc = { services: { api: { depends_on: { db: { condition: 'service_healthy' }, mq: { condition: 'started' } }, healthcheck: { test: ['RUN', 'x'], interval: '30' } }, db: {} } };
    assert.deepEqual(checkCompose(doc), [
      'services.api waits for db to be healthy, but db has no healthcheck',
      'services.api.depends_on names "mq", which is not a service here',
      'services.api.depends_on.mq.condition is "started", expected one of service_started, service_healthy, service_completed_successfully',
      'services.api.healthcheck.test starts with "RUN", expected "CMD", "CMD-SHELL" or "NONE"',
      'services.api.healthcheck.interval is "30", expected a duration like 30s or 1m30s',
    ]);
  });

  test('a document without services is reported', () => {
    assert.deepEqual(checkCompose({ version: '3' }), ['the file has no "services:" mapping']);
  });
});

describe('the coverage table', () => {
  test('columns are padded to their widest cell and numbers right-aligned', () => {
    assert.equal(formatTable(['rule', 'n'], [['bash -n', 12], ['yaml', 3]]), ['rule    | n', '--------|---', 'bash -n | 12', 'yaml    |  3'].join('\n'));
  });
});
