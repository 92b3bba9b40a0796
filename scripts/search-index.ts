/**
 * npm run build, after `astro build`: the Pagefind bundle in dist/pagefind/, one Pagefind run per
 * language (see src/lib/search/pagefind-bundle.ts for why), merged into one bundle. Files with the
 * same name in two runs (pagefind.js, the UI, the shared wasm) must be byte-identical.
 *
 * A language with more guide pages than one run should hold (PAGES_PER_RUN) is indexed in several
 * runs: the first joins the main bundle, each other one is a bundle of its own in
 * dist/pagefind/<lang>-<k>/, listed in dist/pagefind/bundles.json for the browser to merge.
 *
 * `node scripts/search-index.ts [dist]` (default: $ARYA_DIST, else dist; see astro.config.mjs)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LANGS } from '../src/lib/i18n/langs.ts';
import { bundleFolder, MORE_BUNDLES_FILE, mergeEntries, PAGEFIND_BODY, PAGEFIND_CODE, PAGES_PER_RUN, pagefindGlob, pagefindRuns, type MoreBundles, type PagefindEntry } from '../src/lib/search/pagefind-bundle.ts';

const DIST = process.argv[2] ?? process.env['ARYA_DIST'] ?? 'dist';
const OUT = join(DIST, 'pagefind');
const PAGEFIND = join('node_modules', '.bin', 'pagefind');
const ENTRY = 'pagefind-entry.json';
const PER_RUN = Number(process.env['ARYA_PAGEFIND_PAGES_PER_RUN'] ?? PAGES_PER_RUN);

/** One Pagefind run over `glob` under `site`, written to `dir`. */
function pagefind(site: string, glob: string, dir: string, what: string): PagefindEntry {
  const run = spawnSync(PAGEFIND, ['--site', site, '--glob', glob, '--output-path', dir, '--quiet'], {
    stdio: 'inherit',
    // Pagefind's Linux build allocates with jemalloc: one arena and memory returned to the system
    // at once lowered its peak by a seventh at 3,000 guides per language (bench), and ran faster.
    env: { ...process.env, _RJEM_MALLOC_CONF: 'narenas:1,dirty_decay_ms:0,muzzy_decay_ms:0' },
  });
  if (run.status !== 0) throw new Error(`Pagefind failed on ${what} (exit ${String(run.status ?? run.signal)})`);
  return JSON.parse(readFileSync(join(dir, ENTRY), 'utf8')) as PagefindEntry;
}

/** A site folder holding only `pages` (same paths as in DIST: hard links, or copies across file systems). */
function siteOf(pages: readonly string[], at: string): string {
  for (const page of pages) {
    const to = join(at, page);
    mkdirSync(dirname(to), { recursive: true });
    try {
      linkSync(join(DIST, page), to);
    } catch {
      cpSync(join(DIST, page), to);
    }
  }
  return at;
}

const work = mkdtempSync(join(tmpdir(), 'arya-pagefind-'));
try {
  const runs: Array<{ name: string; entry: PagefindEntry; dir: string }> = [];
  const more: Array<{ lang: string; folder: string; dir: string }> = [];
  for (const lang of LANGS) {
    const pages = readdirSync(join(DIST, lang), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.html'))
      .map((f) => ({ path: `${lang}/${f}`, marked: readFileSync(join(DIST, lang, f), 'utf8').includes(PAGEFIND_BODY) }));
    const glob = pagefindGlob(lang, pages);
    const marked = pages.filter((p) => p.marked).map((p) => p.path);
    const parts = pagefindRuns(marked, PER_RUN);
    console.log(`Pagefind: indexing ${DIST}/${glob} (${String(marked.length)} of ${String(pages.length)} pages marked)${parts.length > 1 ? ` in ${String(parts.length)} runs of up to ${String(PER_RUN)} pages` : ''}`);
    if (parts.length === 1) {
      const dir = join(work, lang);
      runs.push({ name: lang, dir, entry: pagefind(DIST, glob, dir, `${lang}/`) });
      continue;
    }
    for (const [k, part] of parts.entries()) {
      const dir = join(work, `${lang}-${String(k)}`);
      const site = siteOf(part, join(work, `site-${lang}-${String(k)}`));
      const entry = pagefind(site, glob, dir, `${lang}/ (run ${String(k + 1)} of ${String(parts.length)})`);
      rmSync(site, { recursive: true, force: true });
      if (k === 0) runs.push({ name: lang, dir, entry });
      else more.push({ lang, folder: bundleFolder(lang, k), dir });
    }
  }
  const entry = mergeEntries(runs);

  rmSync(OUT, { recursive: true, force: true });
  for (const { name, dir } of runs) {
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const from = join(dir, f);
      const to = join(OUT, f);
      if (f === ENTRY || statSync(from).isDirectory()) continue;
      if (existsSync(to) && !readFileSync(to).equals(readFileSync(from))) {
        throw new Error(`Pagefind: ${f} differs between the runs (found in ${name} after another run); cannot merge`);
      }
      cpSync(from, to);
    }
  }
  writeFileSync(join(OUT, ENTRY), JSON.stringify(entry));
  // A later run's bundle: its index and the wasm its language needs (the loader and UI are the main bundle's).
  for (const { folder, dir } of more) {
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (statSync(join(dir, f)).isDirectory() || PAGEFIND_CODE.test(f)) continue;
      cpSync(join(dir, f), join(OUT, folder, f));
    }
  }
  const bundles: MoreBundles = Object.fromEntries(LANGS.map((lang) => [lang, more.filter((m) => m.lang === lang).map((m) => m.folder)]));
  writeFileSync(join(OUT, MORE_BUNDLES_FILE), JSON.stringify(bundles));
  const extra = more.length > 0 ? `; merged in the browser: ${more.map((m) => `${m.folder} (${m.lang})`).join(', ')}` : '';
  console.log(`Pagefind: ${Object.entries(entry.languages).map(([l, i]) => `${l} ${String(i.page_count)} pages`).join(', ')} in ${OUT}/${extra}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
