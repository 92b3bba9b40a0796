/**
 * npm run build, after `astro build`: the Pagefind bundle in dist/pagefind/, one Pagefind run per
 * language (see src/lib/search/pagefind-bundle.ts for why), merged into one bundle. Files with the
 * same name in two runs (pagefind.js, the UI, the shared wasm) must be byte-identical.
 *
 * `node scripts/search-index.ts [dist]` (default: $ARYA_DIST, else dist; see astro.config.mjs)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LANGS } from '../src/lib/i18n/langs.ts';
import { mergeEntries, PAGEFIND_BODY, pagefindGlob, type PagefindEntry } from '../src/lib/search/pagefind-bundle.ts';

const DIST = process.argv[2] ?? process.env['ARYA_DIST'] ?? 'dist';
const OUT = join(DIST, 'pagefind');
const PAGEFIND = join('node_modules', '.bin', 'pagefind');
const ENTRY = 'pagefind-entry.json';

const work = mkdtempSync(join(tmpdir(), 'arya-pagefind-'));
try {
  const runs: Array<{ name: string; entry: PagefindEntry; dir: string }> = [];
  for (const lang of LANGS) {
    const dir = join(work, lang);
    const pages = readdirSync(join(DIST, lang), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.html'))
      .map((f) => ({ path: `${lang}/${f}`, marked: readFileSync(join(DIST, lang, f), 'utf8').includes(PAGEFIND_BODY) }));
    const glob = pagefindGlob(lang, pages);
    console.log(`Pagefind: indexing ${DIST}/${glob} (${String(pages.filter((p) => p.marked).length)} of ${String(pages.length)} pages marked)`);
    const run = spawnSync(PAGEFIND, ['--site', DIST, '--glob', glob, '--output-path', dir, '--quiet'], {
      stdio: 'inherit',
      // Pagefind's Linux build allocates with jemalloc: one arena and memory returned to the system
      // at once lowered its peak by a seventh at 3,000 guides per language (bench), and ran faster.
      env: { ...process.env, _RJEM_MALLOC_CONF: 'narenas:1,dirty_decay_ms:0,muzzy_decay_ms:0' },
    });
    if (run.status !== 0) throw new Error(`Pagefind failed on ${lang}/ (exit ${String(run.status ?? run.signal)})`);
    runs.push({ name: lang, dir, entry: JSON.parse(readFileSync(join(dir, ENTRY), 'utf8')) as PagefindEntry });
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
  console.log(`Pagefind: ${Object.entries(entry.languages).map(([l, i]) => `${l} ${String(i.page_count)} pages`).join(', ')} in ${OUT}/`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
