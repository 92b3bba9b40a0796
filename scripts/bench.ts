/**
 * npm run bench: builds synthetic corpora made from the real guides (N guides per language) in a
 * temporary folder and measures the build and the result. BENCH_SIZES=1000 npm run bench runs
 * one size. Writes bench-results/bench.json and bench-results/bench.md (ignored by git).
 *
 * First, the real guide (13 sections per language) is built and its header search raced against
 * Starlight's build of the same guide, in one run (scripts/bench/search.ts says how): paste to
 * first result on cold pages, alternating site by site, BENCH_ROUNDS times over the queries of
 * ../shared/bench/search-latency.mjs; then further queries on a warm page. Then each size: build
 * time and peak memory, page weights, and what the first search downloads before its first result.
 *
 * Each copy of a guide gets a unique slug and section number and a paragraph of its own words
 * (from a deterministic generator), so the search index grows the way real content makes it grow.
 * Copy 0 keeps the real slugs, so the triage trees still link to existing sections.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join, relative, sep } from 'node:path';
import { pageWeight } from '../tests/support/page-weight.ts';
import { splitFrontmatter } from '../tests/support/guide-files.ts';
import { firstSearchBytes, furtherQueries, launch, median, pasteToFirstResult, serve, starlight, thisSite } from './bench/search.ts';

const ROOT = process.cwd();
/** The peer: Starlight's build of the same guide (see ../shared/bench/README.md). BENCH_PEER=none skips it. */
const PEER = process.env['BENCH_PEER'] ?? join(ROOT, '../shared/bench/peer-starlight/dist');
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 2);
const SIZES = (process.env['BENCH_SIZES'] ?? '100,1000,3000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const OUT = join(ROOT, 'bench-results');

/** A small deterministic PRNG (mulberry32), so every run builds the same corpus. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SYLLABLES = 'ka ze ri mo lu pa ne ti so ga vu be do fi ha ji ku la mi no pe qu ra se tu vi wa xo yu zi'.split(' ');
const HAN = '数据连接缓存任务队列服务容器日志内存网络超时重试索引查询进程线程节点集群配置端口延迟'.split('');
function words(rand: () => number, n: number, lang: 'zh' | 'en'): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (lang === 'zh' && rand() < 0.5) out.push(Array.from({ length: 2 + Math.floor(rand() * 3) }, () => HAN[Math.floor(rand() * HAN.length)]).join(''));
    else out.push(Array.from({ length: 2 + Math.floor(rand() * 3) }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join(''));
  }
  return out.join(' ');
}

interface Guide {
  lang: 'zh' | 'en';
  slug: string;
  section: string;
  text: string;
}
function realGuides(): Guide[] {
  const out: Guide[] = [];
  for (const lang of ['zh', 'en'] as const) {
    for (const f of readdirSync(join(ROOT, 'src/content/guides', lang)).filter((x) => x.endsWith('.mdx')).sort()) {
      const text = readFileSync(join(ROOT, 'src/content/guides', lang, f), 'utf8');
      const data = splitFrontmatter(text).data as { section: string };
      out.push({ lang, slug: f.replace(/\.mdx$/, ''), section: data.section, text });
    }
  }
  return out;
}

function makeCorpus(dir: string, perLang: number): void {
  const guides = realGuides();
  const byChapter = new Map<string, string[]>();
  for (const g of guides.filter((x) => x.lang === 'zh')) {
    const c = g.section.split('.')[0] ?? '';
    byChapter.set(c, [...(byChapter.get(c) ?? []), g.slug].sort());
  }
  const real = guides.filter((g) => g.lang === 'zh').length;
  const codes = new Set<string>();
  for (const lang of ['zh', 'en'] as const) {
    mkdirSync(join(dir, 'src/content/guides', lang), { recursive: true });
    // The guides' pictures, which every copy of a guide refers to as ./images/….
    const images = join(ROOT, 'src/content/guides', lang, 'images');
    if (existsSync(images)) cpSync(images, join(dir, 'src/content/guides', lang, 'images'), { recursive: true });
  }
  for (let i = 0; i < perLang; i++) {
    const k = Math.floor(i / real);
    const zhGuide = guides.filter((g) => g.lang === 'zh')[i % real];
    if (!zhGuide) continue;
    for (const lang of ['zh', 'en'] as const) {
      const g = guides.find((x) => x.lang === lang && x.slug === zhGuide.slug);
      if (!g) continue;
      const chapter = g.section.split('.')[0] ?? '';
      const inChapter = byChapter.get(chapter) ?? [];
      const section = `${chapter}.${String(k * inChapter.length + inChapter.indexOf(g.slug) + 1)}`;
      const slug = k === 0 ? g.slug : `${g.slug}-${String(k)}`;
      const rand = prng(i * 7919 + (lang === 'zh' ? 1 : 2));
      let text = g.text.replace(/^section: "[^"]+"/m, `section: "${section}"`);
      if (k > 0) {
        text = text.replace(/^title: (.+)$/m, (_, t: string) => `title: ${t} ${String(k)}`);
        // An error code belongs to one section: a copy's codes get the copy's number.
        text = renumberCodes(text, k);
        text = text.replace('<Symptom>\n', `<Symptom>\n\n${words(rand, 120, lang)}\n\n`);
      }
      writeFileSync(join(dir, 'src/content/guides', lang, `${slug}.mdx`), text);
      for (const m of text.matchAll(CODE_FIELD)) codes.add(m[1] ?? '');
    }
  }
  // The copies' codes are published, as a release would publish them (src/data/error-codes.json).
  const published = JSON.parse(readFileSync(join(ROOT, 'src/data/error-codes.json'), 'utf8')) as { codes: string[] };
  writeFileSync(join(dir, 'src/data/error-codes.json'), `${JSON.stringify({ ...published, codes: [...new Set([...published.codes, ...codes])].sort() }, null, 2)}\n`);
}

/** A signature's `code` field (other fields, such as `when`, may follow it). */
const CODE_FIELD = /, code: ([a-z0-9-]+)(?=,| })/g;

/**
 * `code: db-pool-timeout` on signatures and `db-pool-timeout:` under `errors:` become
 * `db-pool-timeout-3`; a copy that narrows another section narrows that section's copy.
 */
function renumberCodes(text: string, k: number): string {
  const suffix = `-${String(k)}`;
  let out = text.replace(CODE_FIELD, (_, c: string) => `, code: ${c}${suffix}`);
  out = out.replace(/^errors:\n((?:  .*\n)+)/m, (_, block: string) => `errors:\n${block.replace(/^  ([a-z0-9-]+):/gm, (__, c: string) => `  ${c}${suffix}:`)}`);
  out = out.replace(/^(narrows: \{ guide: )([a-z0-9-]+)/m, (_, head: string, slug: string) => `${head}${slug}${suffix}`);
  return out;
}

function prepare(perLang: number): string {
  const dir = mkdtempSync(join(tmpdir(), `arya-bench-${String(perLang)}-`));
  for (const f of ['astro.config.mjs', 'tsconfig.json', 'package.json']) cpSync(join(ROOT, f), join(dir, f));
  cpSync(join(ROOT, 'public'), join(dir, 'public'), { recursive: true });
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true, filter: (p) => !p.includes(`${sep}content${sep}guides`) });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  makeCorpus(dir, perLang);
  return dir;
}

/**
 * The steps of `npm run build`, read from package.json so the bench measures what the build runs:
 * `node <script> …` commands joined by `&&`, paths relative to the project.
 */
const BUILD_STEPS = (() => {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build'] ?? '';
  return script.split('&&').map((command) => {
    const [cmd, ...args] = command.trim().split(/\s+/);
    if (cmd !== 'node' || args.length === 0 || args.some((a) => a.startsWith('-'))) {
      throw new Error(`bench: cannot run the build step "${command.trim()}"; expected node <script>`);
    }
    return { name: args.join(' '), cmd: join(ROOT, 'node_modules/.bin/node'), args: args.map((a) => join(ROOT, a)) };
  });
})();

function stepNamed<T extends { name: string }>(steps: T[], name: string): T {
  const step = steps.find((s) => s.name === name);
  if (!step) throw new Error(`bench: npm run build has no step "node ${name}"`);
  return step;
}

/** Runs a command under GNU time; returns wall seconds and peak RSS (KB) of the biggest process. */
function timed(cmd: string, args: string[], cwd: string): { seconds: number; peakKb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${(r.stderr ?? '').slice(-3000)}`);
  const last = (r.stderr ?? '').trim().split('\n').at(-1) ?? '';
  const [secs, kb] = last.split(' ').map(Number);
  return { seconds: secs ?? 0, peakKb: kb ?? 0 };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

/** The queries of ../shared/bench/search-latency.mjs (the peer is built in Chinese only). */
const PEER_QUERIES = ['redis 连接失败', 'QueuePool limit', '内存泄漏', 'Connection refused', '慢查询', 'ModuleNotFoundError', '连接池', 'Redis'];
/** Further queries on a warm page: error lines, a traceback, described symptoms, both languages. */
const FURTHER = [
  'redis.exceptions.ConnectionError: Error 111 connecting to redis:6379. Connection refused.',
  'Traceback (most recent call last):\n  File "/app/app/main.py", line 12, in <module>\n    from app.api import router\nModuleNotFoundError: No module named \'app.api\'',
  '接口越来越慢',
  'OOMKilled',
  'worker keeps restarting',
  'psycopg2.OperationalError: FATAL: too many connections for role "arya"',
  '日志里什么都没有',
  'httpx.ReadTimeout',
];

function build(dir: string) {
  const steps = BUILD_STEPS.map((step) => ({ ...step, ...timed(step.cmd, step.args, dir) }));
  return { steps, build: stepNamed(steps, 'scripts/astro-build.ts'), index: stepNamed(steps, 'scripts/search-index.ts') };
}

const ms = (x: number) => `${String(Math.round(x))} ms`;
const results: Array<Record<string, number | string>> = [];
const browser = await launch();
let latency: Record<string, number | string> = {};
try {
  // The real guide against the peer, in one run.
  console.log('\n== search latency: this site (13 sections per language) against Starlight, one run');
  const real = prepare(13);
  try {
    build(real);
    const site = await serve(join(real, 'dist'));
    const peer = PEER !== 'none' && existsSync(join(PEER, 'pagefind')) ? await serve(PEER) : undefined;
    try {
      if (!peer) console.log(`peer not measured: no Starlight build at ${PEER} (build it as ../shared/bench/README.md says, or set BENCH_PEER)`);
      const targets = [thisSite(site.origin), ...(peer ? [starlight(peer.origin)] : [])];
      const queries = Array.from({ length: ROUNDS }, () => PEER_QUERIES).flat();
      const times = await pasteToFirstResult(browser, targets, queries);
      for (const [name, t] of times) console.log(`paste to first result, ${name}: median ${ms(median(t))} [${t.map((x) => x.toFixed(0)).join(', ')}]`);
      const mine = median(times.get('this site') ?? []);
      const theirs = median(times.get('Starlight') ?? []);
      if (peer) console.log(`ratio this site / Starlight: ${(mine / theirs).toFixed(2)} (target ≤ 0.50)`);
      const further = await furtherQueries(browser, thisSite(site.origin), PEER_QUERIES[0] ?? '', FURTHER);
      console.log(`further query on a warm page: median ${ms(median(further))} [${further.map((x) => x.toFixed(0)).join(', ')}] (target ≤ 50 ms)`);
      latency = {
        pasteToFirstResultMs: Math.round(mine),
        starlightPasteToFirstResultMs: peer ? Math.round(theirs) : 'not measured',
        ratio: peer ? Number((mine / theirs).toFixed(2)) : 'not measured',
        furtherQueryMs: Math.round(median(further)),
      };
    } finally {
      site.stop();
      peer?.stop();
    }
  } finally {
    if (!process.env['BENCH_KEEP']) rmSync(real, { recursive: true, force: true });
  }

  for (const n of SIZES) {
    console.log(`\n== ${String(n)} guides per language`);
    const dir = prepare(n);
    try {
      // The bench's own copy of the project is where `src/` and `dist/` live.
      const { steps, build: astro, index } = build(dir);
      const dist = join(dir, 'dist');
      const files = walk(dist);
      const html = files.filter((f) => f.endsWith('.html'));
      const read = (p: string) => {
        const f = join(dist, p);
        return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
      };
      const guidePages = html.filter((f) => /[\\/]guides[\\/]/.test(f));
      const sample = guidePages.filter((_, i) => i % Math.max(1, Math.floor(guidePages.length / 200)) === 0);
      const weights = sample.map((f) => pageWeight(`/${relative(dist, f).split(sep).join('/')}`.replace(/index\.html$/, ''), readFileSync(f, 'utf8'), read));
      const max = (k: 'html' | 'css' | 'js') => Math.max(...weights.map((w) => w[k]));
      // The section navigation's share of a guide page (both copies: sidebar and menu), which must
      // not grow with the guide (src/lib/guides/nav.ts).
      const navGz = sample.map((f) => {
        const text = readFileSync(f, 'utf8');
        return gzipSync(text, { level: 9 }).length - gzipSync(text.replace(/<nav class="section-nav[\s\S]*?<\/nav>/g, ''), { level: 9 }).length;
      });
      const server = await serve(dist);
      let bytes;
      let further;
      try {
        bytes = await firstSearchBytes(browser, thisSite(server.origin, 'en'), 'sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached');
        further = await furtherQueries(browser, thisSite(server.origin), PEER_QUERIES[0] ?? '', FURTHER);
      } finally {
        server.stop();
      }
      const row = {
        guidesPerLang: n,
        pages: html.length,
        buildSeconds: astro.seconds,
        allStepsSeconds: Math.round(steps.reduce((sum, st) => sum + st.seconds, 0) * 10) / 10,
        msPerPage: Math.round((astro.seconds * 1000) / html.length),
        peakMemoryMB: Math.round(Math.max(...steps.map((st) => st.peakKb)) / 1024),
        buildPeakMB: Math.round(astro.peakKb / 1024),
        pagefindPeakMB: Math.round(index.peakKb / 1024),
        pagefindSeconds: index.seconds,
        distMB: Math.round((files.reduce((s, f) => s + statSync(f).size, 0) / 1048576) * 10) / 10,
        distFiles: files.length,
        guideHtmlGzMax: max('html'),
        guideCssGzMax: max('css'),
        guideJsGzMax: max('js'),
        guideHtmlCssGzMax: Math.max(...weights.map((w) => w.html + w.css)),
        guideNavGzMax: Math.max(...navGz),
        firstResultGzKB: Math.round(bytes.beforeFirstResult / 1024),
        firstResultParts: Object.entries(bytes.parts).map(([k, v]) => `${k} ${String(Math.round(v / 1024))}`).join(', '),
        wholeFirstSearchGzKB: Math.round(bytes.wholeFirstSearch / 1024),
        furtherQueryMs: Math.round(median(further)),
      };
      console.log(row);
      results.push(row);
    } finally {
      if (!process.env['BENCH_KEEP']) rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await browser.close();
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'bench.json'), `${JSON.stringify({ latency, sizes: results }, null, 2)}\n`);
const cols = Object.keys(results[0] ?? {});
const md = [
  `Search latency (13 sections, one run): ${Object.entries(latency).map(([k, v]) => `${k} ${String(v)}`).join(', ')}`,
  '',
  `| ${cols.join(' | ')} |`,
  `| ${cols.map(() => '---').join(' | ')} |`,
  ...results.map((r) => `| ${cols.map((c) => String(r[c])).join(' | ')} |`),
].join('\n');
writeFileSync(join(OUT, 'bench.md'), `${md}\n`);
console.log(`\n${md}`);
const a = results.find((r) => r['guidesPerLang'] === 1000);
const b = results.find((r) => r['guidesPerLang'] === 3000);
if (a && b) console.log(`\ntime ratio 3000/1000: ${(Number(b['buildSeconds']) / Number(a['buildSeconds'])).toFixed(2)}`);
