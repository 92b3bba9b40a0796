/**
 * Every code block of every guide, in both languages, and every triage-tree command is valid for
 * its language: bash parses (`bash -n`) and passes shellcheck, Python compiles, YAML loads,
 * Dockerfile snippets are instructions, redis.conf excerpts are directives. SQL is run by
 * PostgreSQL itself in servers.test.ts, which prints its own count. Blocks that are not complete programs say so in their
 * fence meta (CONTRIBUTING.md, "Code fence metadata"). Prints how many blocks each rule covered.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse as parseYamlJs } from 'yaml';
import { VARIABLES } from '../../src/lib/variables/definitions.ts';
import { checkCompose } from '../support/verify/compose.ts';
import { checkDockerfile } from '../support/verify/dockerfile.ts';
import { fillPlaceholders } from '../support/verify/placeholders.ts';
import { embeddedPython, pythonModule } from '../support/verify/python-source.ts';
import { checkRedisConf } from '../support/verify/redis-conf.ts';
import { formatTable } from '../support/verify/table.ts';
import { siteCode, type CodeOrigin, type SiteCode } from '../support/site-code.ts';
import { ensureCommand, failIfMissing, skipUnlessCI } from '../support/system-packages.ts';

/**
 * shellcheck checks switched off for every block, each for a reason that holds for all of them.
 * Anything else shellcheck reports fails the test.
 */
const SHELLCHECK_EXCLUDED: Record<string, string> = {
  // `ps aux | grep redis-server` and `ps -efL | grep python` are the source guide's own commands,
  // kept verbatim (tests/unit/source-coverage.test.ts); the Note under them explains `pgrep`.
  SC2009: 'ps | grep instead of pgrep: source commands kept verbatim, pgrep explained in a Note',
  // `ps -efL | grep python | wc -l` is also the source's; `grep -c` would count the same lines.
  SC2126: 'grep | wc -l instead of grep -c: a source command kept verbatim',
  // `source .env` reads the reader's own file, which does not exist where the check runs.
  SC1091: 'not following a sourced file: .env is the reader\'s, absent here',
};

/** shellcheck checks switched off for one command only. */
const SHELLCHECK_EXCLUDED_AT: Record<string, Record<string, string>> = {
  // `ls -l /proc/<pid>/fd | grep -F .log`: the point is the `->` link targets that `ls -l` prints,
  // which a glob over the fd names would not show.
  'src/content/trees/logging.yaml#check-log-file[2]': { SC2010: 'ls -l | grep reads the link targets of /proc/<pid>/fd' },
};

const LANGS = ['bash', 'python', 'sql', 'yaml', 'dockerfile', 'ini'];
const code = siteCode();
const tmp = mkdtempSync(join(tmpdir(), 'arya-code-syntax-'));

/** rule → how many blocks of each origin it checked. */
const coverage = new Map<string, Record<CodeOrigin, number>>();
function covered(rule: string, block: SiteCode): void {
  const row = coverage.get(rule) ?? { 'guide-zh': 0, 'guide-en': 0, tree: 0 };
  row[block.origin] += 1;
  coverage.set(rule, row);
}

const filled = (b: SiteCode) => fillPlaceholders(b.code, b.lang, VARIABLES, b.meta.placeholders ?? []);
const of = (lang: string) => code.filter((b) => b.lang === lang);

after(() => {
  rmSync(tmp, { recursive: true, force: true });
  const rows = [...coverage].map(([rule, n]) => [rule, n['guide-zh'], n['guide-en'], n.tree, n['guide-zh'] + n['guide-en'] + n.tree]);
  console.log(`\n${formatTable(['rule', 'guide zh', 'guide en', 'trees', 'total'], rows)}\n`);
});

describe('the code on the site', () => {
  test('the guides and trees have code to check', () => {
    assert.ok(code.filter((b) => b.origin === 'guide-zh').length > 50);
    assert.equal(code.filter((b) => b.origin === 'guide-zh').length, code.filter((b) => b.origin === 'guide-en').length);
    assert.ok(code.some((b) => b.origin === 'tree'));
  });

  test('every block names a language the checks know', () => {
    assert.deepEqual(code.filter((b) => !LANGS.includes(b.lang)).map((b) => `${b.where}: "${b.lang}"`), []);
  });

  test('every fence meta is made of known key="value" pairs', () => {
    const problems = code.flatMap((b) => b.metaProblems.map((p) => `${b.where}: ${p}`));
    assert.deepEqual(problems, []);
  });

  test('fence meta is used where it means something', () => {
    const problems: string[] = [];
    for (const b of code) {
      if (b.meta.fragment && b.lang !== 'python') problems.push(`${b.where}: fragment="${b.meta.fragment}" is for python blocks`);
      if (b.lang === 'ini' && b.meta.file !== 'redis.conf') problems.push(`${b.where}: an ini block must say which file it is (file="redis.conf")`);
      for (const name of b.meta.placeholders ?? []) {
        if (!b.code.includes(`<${name}>`)) problems.push(`${b.where}: placeholders names "${name}", but the block has no <${name}>`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('guide bash blocks declare every <placeholder> they use that is not a command variable', () => {
    const problems: string[] = [];
    for (const b of of('bash')) {
      const { undeclared } = filled(b);
      if (undeclared.length === 0) continue;
      if (b.origin === 'tree') {
        // Tree commands have no fence meta (src/lib/decision-tree/schema.ts): their placeholders
        // are filled in as found and counted in the table.
        covered(`bash: placeholders filled (${undeclared.map((n) => `<${n}>`).join(' ')})`, b);
        continue;
      }
      problems.push(`${b.where}: ${undeclared.map((n) => `<${n}>`).join(', ')}: add placeholders="${undeclared.join(' ')}" to the fence`);
    }
    for (const b of code.filter((x) => x.meta.placeholders)) covered(`${b.lang}: placeholders="…" filled`, b);
    assert.deepEqual(problems, []);
  });

  test('bash blocks parse (bash -n), placeholders filled with sample values', () => {
    const problems: string[] = [];
    for (const b of of('bash')) {
      const { code: text, undeclared } = filled(b);
      let script = text;
      for (const name of undeclared) script = script.replaceAll(`<${name}>`, name.toUpperCase());
      const r = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
      if (r.status !== 0) problems.push(`${b.where}: ${r.stderr.trim()}`);
      covered('bash: bash -n', b);
    }
    assert.deepEqual(problems, []);
  });

  const noShellcheck = ensureCommand('shellcheck', 'shellcheck');
  test('bash blocks pass shellcheck, except the checks excluded above', { skip: skipUnlessCI(noShellcheck) }, () => {
    failIfMissing(noShellcheck);
    const files = of('bash').map((b, i) => {
      const { code: text, undeclared } = filled(b);
      let script = text;
      for (const name of undeclared) script = script.replaceAll(`<${name}>`, name.toUpperCase());
      const file = join(tmp, `block-${String(i).padStart(3, '0')}.sh`);
      writeFileSync(file, `${script}\n`);
      const own = Object.keys(SHELLCHECK_EXCLUDED_AT[b.where] ?? {});
      covered(`bash: shellcheck (excluding ${Object.keys(SHELLCHECK_EXCLUDED).join(', ')}${own.length > 0 ? `, and ${own.join(', ')} here` : ''})`, b);
      return { file, block: b };
    });
    const r = spawnSync('shellcheck', ['--shell=bash', '--format=json1', `--exclude=${Object.keys(SHELLCHECK_EXCLUDED).join(',')}`, ...files.map((f) => f.file)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    // shellcheck exits 0 when clean and 1 when it has findings; anything else (a crash, a bad
    // option, a file it could not read) means it did not check, which must not read as clean.
    assert.ok(!r.error, `shellcheck did not run: ${String(r.error)}`);
    assert.ok(r.status === 0 || r.status === 1, `shellcheck failed (exit ${String(r.status ?? r.signal)}): ${r.stderr.trim()}`);
    const report = JSON.parse(r.stdout) as { comments: Array<{ file: string; line: number; code: number; message: string }> };
    assert.equal(r.status === 1, report.comments.length > 0, `shellcheck exit ${String(r.status)} with ${String(report.comments.length)} findings`);
    const problems = report.comments.flatMap((c) => {
      const where = files.find((f) => f.file === c.file)?.block.where ?? c.file;
      if (SHELLCHECK_EXCLUDED_AT[where]?.[`SC${String(c.code)}`]) return [];
      return [`${where} (block line ${String(c.line)}): SC${String(c.code)} ${c.message}`];
    });
    assert.deepEqual(problems, []);
  });

  const noPython = ensureCommand('python3', 'python3');
  test('python blocks compile, fragments as the function body they say they are', { skip: skipUnlessCI(noPython) }, () => {
    failIfMissing(noPython);
    const items: Array<{ name: string; source: string; offset: number; rule: string; block: SiteCode }> = [];
    for (const b of of('python')) {
      const { source, lineOffset } = pythonModule(b.code, b.meta.fragment);
      const rule = b.meta.fragment ? `python: compile as fragment="${b.meta.fragment}"` : 'python: compile as a module';
      items.push({ name: b.where, source, offset: lineOffset, rule, block: b });
    }
    for (const b of of('bash')) {
      for (const [i, p] of embeddedPython(b.code).entries()) {
        items.push({ name: `${b.where} (python ${p.via} #${String(i + 1)})`, source: p.code, offset: 0, rule: `python: compile, passed by bash (${p.via})`, block: b });
      }
    }
    for (const it of items) covered(it.rule, it.block);
    // compile(), not ast.parse(): only the compiler rejects `await` or `return` outside a function.
    const program = [
      'import json, sys',
      'out = []',
      'for it in json.load(sys.stdin):',
      '    try:',
      "        compile(it['source'], it['name'], 'exec', dont_inherit=True)",
      '    except SyntaxError as e:',
      "        out.append({'name': it['name'], 'line': e.lineno or 0, 'msg': e.msg})",
      'print(json.dumps(out))',
    ].join('\n');
    const r = spawnSync('python3', ['-c', program], { input: JSON.stringify(items.map(({ name, source }) => ({ name, source }))), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const errors = JSON.parse(r.stdout) as Array<{ name: string; line: number; msg: string }>;
    const problems = errors.map((e) => {
      const offset = items.find((it) => it.name === e.name)?.offset ?? 0;
      return `${e.name} (block line ${String(e.line - offset)}): ${e.msg}`;
    });
    assert.deepEqual(problems, []);
  });

  test('yaml blocks load, and compose files have valid services, dependencies and health checks', () => {
    const pyYaml = spawnSync('python3', ['-c', 'import yaml; print(yaml.__version__)'], { encoding: 'utf8' });
    const loader = pyYaml.status === 0 ? `PyYAML ${pyYaml.stdout.trim()}` : 'npm yaml';
    const problems: string[] = [];
    for (const b of of('yaml')) {
      let doc: unknown;
      if (pyYaml.status === 0) {
        const r = spawnSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], { input: b.code, encoding: 'utf8' });
        if (r.status !== 0) problems.push(`${b.where}: ${r.stderr.trim().split('\n').at(-1) ?? ''}`);
        else doc = JSON.parse(r.stdout) as unknown;
      } else {
        try {
          doc = parseYamlJs(b.code) as unknown;
        } catch (error) {
          problems.push(`${b.where}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      covered(`yaml: load (${loader})`, b);
      if (b.meta.file === 'docker-compose.yml' && doc !== undefined) {
        problems.push(...checkCompose(doc).map((p) => `${b.where}: ${p}`));
        covered('yaml file="docker-compose.yml": services, depends_on, healthcheck', b);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('dockerfile blocks are valid instructions', () => {
    const problems = of('dockerfile').flatMap((b) => {
      covered('dockerfile: known instructions, continuations, HEALTHCHECK options', b);
      return checkDockerfile(b.code).map((p) => `${b.where}: ${p}`);
    });
    assert.deepEqual(problems, []);
  });

  test('redis.conf blocks are directive lines (redis-server loads them in servers.test.ts)', () => {
    const problems = code
      .filter((b) => b.meta.file === 'redis.conf')
      .flatMap((b) => {
        covered('ini file="redis.conf": directive lines; redis-server loads it (servers.test.ts)', b);
        return checkRedisConf(b.code).map((p) => `${b.where}: ${p}`);
      });
    assert.deepEqual(problems, []);
  });
});
