/**
 * npm run bench: builds synthetic corpora made from the real guides (N guides per language) in a
 * temporary folder and measures the build and the result. BENCH_SIZES=1000 npm run bench runs
 * one size. Writes bench-results/bench.json and bench-results/bench.md (ignored by git).
 *
 * Each copy of a guide gets a unique slug and section number and a paragraph of its own words
 * (from a deterministic generator), so the search index grows the way real content makes it grow.
 * Copy 0 keeps the real slugs, so the triage trees still link to existing sections.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join, relative, sep } from 'node:path';
import { chromium } from '@playwright/test';
import { pageWeight } from '../tests/support/page-weight.ts';
import { splitFrontmatter } from '../tests/support/guide-files.ts';
import { browserPath } from '../tests/e2e/browser-path.ts';

const ROOT = process.cwd();
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
  for (const lang of ['zh', 'en'] as const) {
    mkdirSync(join(dir, 'src/content/guides', lang), { recursive: true });
    // The guides' pictures: every copy of a guide points at the same files.
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
        text = text.replace('<Symptom>\n', `<Symptom>\n\n${words(rand, 120, lang)}\n\n`);
      }
      writeFileSync(join(dir, 'src/content/guides', lang, `${slug}.mdx`), text);
    }
  }
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

interface SearchBytes {
  firstBytes: number;
  firstGz: number;
  warmBytes: number;
  warmGz: number;
  /** First search, gz, by part: Pagefind, our sharded index, the search code. */
  parts: Record<string, number>;
  firstResultMs: number;
}

async function measureSearch(dist: string): Promise<SearchBytes> {
  const port = 4500 + Math.floor(Math.random() * 400);
  const server = spawn(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'tests/support/serve.ts'), String(port)], { cwd: join(dist, '..'), stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 700));
  const browser = await chromium.launch({ executablePath: browserPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    let bytes = 0;
    let gzBytes = 0;
    const parts: Record<string, number> = {};
    page.on('response', (res) => {
      const url = res.url();
      if (!/pagefind|search\/index|search-panel|render|SearchResults/.test(url)) return;
      void res.body().then(
        (b) => {
          bytes += b.length;
          // Pagefind's index files are already gzip; a static host gzips the rest on the way.
          const wire = /\.pf_|\.pagefind$/.test(url) ? b.length : gzipSync(b).length;
          gzBytes += wire;
          const part = url.includes('/pagefind/') ? 'pagefind' : url.includes('/search/index/') ? 'index' : 'code';
          parts[part] = (parts[part] ?? 0) + wire;
        },
        () => undefined,
      );
    });
    const start = Date.now();
    await page.goto(`http://127.0.0.1:${String(port)}/en/search/?q=${encodeURIComponent('sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached')}`);
    await page.locator('a[data-search-result]').first().waitFor({ timeout: 60_000 });
    const firstResultMs = Date.now() - start;
    await page.waitForLoadState('networkidle');
    const firstBytes = bytes;
    const firstGz = gzBytes;
    const firstParts = { ...parts };
    await page.locator('#search-page-q').fill('redis OOM command not allowed maxmemory');
    await page.locator('#search-page-q').press('Enter');
    await page.locator('search-results[data-search-state="done"]').waitFor();
    await page.waitForLoadState('networkidle');
    return { firstBytes, firstGz, warmBytes: bytes - firstBytes, warmGz: gzBytes - firstGz, parts: firstParts, firstResultMs };
  } finally {
    await browser.close();
    server.kill();
  }
}

const results: Array<Record<string, number | string>> = [];
for (const n of SIZES) {
  console.log(`\n== ${String(n)} guides per language`);
  const dir = prepare(n);
  try {
    // The bench's own copy of the project is where `src/` and `dist/` live; serve.ts serves ./dist.
    const steps = BUILD_STEPS.map((step) => ({ ...step, ...timed(step.cmd, step.args, dir) }));
    const build = stepNamed(steps, 'scripts/astro-build.ts');
    const index = stepNamed(steps, 'scripts/search-index.ts');
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
    const search = await measureSearch(dist);
    const row = {
      guidesPerLang: n,
      pages: html.length,
      buildSeconds: build.seconds,
      allStepsSeconds: Math.round(steps.reduce((sum, st) => sum + st.seconds, 0) * 10) / 10,
      msPerPage: Math.round((build.seconds * 1000) / html.length),
      peakMemoryMB: Math.round(Math.max(...steps.map((st) => st.peakKb)) / 1024),
      buildPeakMB: Math.round(build.peakKb / 1024),
      pagefindPeakMB: Math.round(index.peakKb / 1024),
      pagefindSeconds: index.seconds,
      distMB: Math.round((files.reduce((s, f) => s + statSync(f).size, 0) / 1048576) * 10) / 10,
      distFiles: files.length,
      guideHtmlGzMax: max('html'),
      guideCssGzMax: max('css'),
      guideJsGzMax: max('js'),
      guideHtmlCssGzMax: Math.max(...weights.map((w) => w.html + w.css)),
      guideNavGzMax: Math.max(...navGz),
      firstSearchKB: Math.round(search.firstBytes / 1024),
      firstSearchGzKB: Math.round(search.firstGz / 1024),
      firstSearchParts: Object.entries(search.parts).map(([k, v]) => `${k} ${String(Math.round(v / 1024))}`).join(', '),
      warmSearchKB: Math.round(search.warmBytes / 1024),
      warmSearchGzKB: Math.round(search.warmGz / 1024),
      firstResultMs: search.firstResultMs,
    };
    console.log(row);
    results.push(row);
  } finally {
    if (!process.env['BENCH_KEEP']) rmSync(dir, { recursive: true, force: true });
  }
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
const cols = Object.keys(results[0] ?? {});
const md = [`| ${cols.join(' | ')} |`, `| ${cols.map(() => '---').join(' | ')} |`, ...results.map((r) => `| ${cols.map((c) => String(r[c])).join(' | ')} |`)].join('\n');
writeFileSync(join(OUT, 'bench.md'), `${md}\n`);
console.log(`\n${md}`);
if (results.length >= 2) {
  const a = results.find((r) => r['guidesPerLang'] === 1000);
  const b = results.find((r) => r['guidesPerLang'] === 3000);
  if (a && b) console.log(`\ntime ratio 3000/1000: ${(Number(b['buildSeconds']) / Number(a['buildSeconds'])).toFixed(2)}`);
}
