/**
 * npm run build, last step (after `astro build` and Pagefind): the offline worker, dist/sw.js.
 *
 * 1. Every file a reader needs offline is put in a part (src/lib/offline/plan.ts): `shared`,
 *    saved when the worker installs, or a language, saved after a visit in it. The 404 page and
 *    Pagefind's unused UI bundles are in none.
 * 2. The build's id is a hash of those files (with `<html data-build>` still unset), so a new deploy
 *    is a new worker (browsers compare sw.js byte for byte) and an unchanged one is not; then every
 *    page gets the id in `<html data-build>`, which tells the worker which build a tab belongs to.
 * 3. scripts/offline/sw.js is bundled with Workbox by esbuild, and workbox-build's injectManifest
 *    writes the file list into it: each entry's revision is the file's SHA-256 (its first 128 bits) (the worker checks
 *    every byte it saves against it) and it carries its part.
 * Running it again over the same dist/ gives the same sw.js. `node scripts/offline/build.ts [dist]`
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { injectManifest } from 'workbox-build';
import { LANGS } from '../../src/lib/i18n/langs.ts';
import { htmlLang } from '../../src/lib/i18n/index.ts';
import { partOfFile, pathOfFile, UNBUILT, type ManifestFile, type Part } from '../../src/lib/offline/plan.ts';

// `node scripts/offline/build.ts [dist]` (default: $ARYA_DIST, else dist). The paths listed are
// relative to the site's root, and the worker resolves them against its scope, so the same list
// serves a site under a sub-path base.
const DIST = process.argv[2] ?? process.env['ARYA_DIST'] ?? 'dist';
const files = readdirSync(DIST, { recursive: true, encoding: 'utf8' })
  .map((f) => f.split(sep).join('/'))
  .filter((f) => statSync(join(DIST, f)).isFile())
  .sort();

// Pagefind names its files by its own language codes (zh-cn) and its wasm by language or `unknown`.
const entry = JSON.parse(readFileSync(join(DIST, 'pagefind/pagefind-entry.json'), 'utf8')) as {
  languages: Record<string, { hash: string; wasm: string | null }>;
};
const pagefind = { langs: {} as Record<string, string>, wasm: {} as Record<string, string> };
for (const lang of LANGS) {
  const code = htmlLang(lang).toLowerCase();
  pagefind.langs[code] = lang;
  pagefind.wasm[entry.languages[code]?.wasm ?? 'unknown'] = lang;
}
const partOf = (file: string) => partOfFile(file, LANGS, pagefind);

const BUILD_ATTR = /(<html\b[^>]*\sdata-build=")[^"]*(")/;
const setBuild = (id: string) => {
  for (const f of files.filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(DIST, f), 'utf8');
    const next = html.replace(BUILD_ATTR, `$1${id}$2`);
    if (next !== html) writeFileSync(join(DIST, f), next);
  }
};
/** 128 bits of SHA-256 name a file's bytes well enough, and keep sw.js (fetched on every update check) small. */
const REVISION_HEX = 32;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(join(DIST, file))).digest('hex');

setBuild(UNBUILT);
const id = createHash('sha256');
for (const f of files) if (partOf(f) !== undefined) id.update(`${f} ${sha256(f)}\n`);
const BUILD = id.digest('hex').slice(0, 16);
setBuild(BUILD);

const bundled = await build({
  entryPoints: [fileURLToPath(new URL('./sw.js', import.meta.url))],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  write: false,
  define: { __BUILD__: JSON.stringify(BUILD), __LANGS__: JSON.stringify(LANGS), 'process.env.NODE_ENV': '"production"' },
});
const tmp = mkdtempSync(join(tmpdir(), 'arya-sw-'));
const swSrc = join(tmp, 'sw.js');
writeFileSync(swSrc, bundled.outputFiles[0]?.text ?? '');

const bytes = new Map<Part, { files: number; bytes: number }>();
try {
  const { count, warnings } = await injectManifest({
    swSrc,
    swDest: join(DIST, 'sw.js'),
    globDirectory: DIST,
    globPatterns: ['**/*'],
    globIgnores: ['sw.js'],
    // A file left out would be missing offline: no size limit, and any warning fails the build.
    maximumFileSizeToCacheInBytes: Number.MAX_SAFE_INTEGER,
    manifestTransforms: [
      (entries) => {
        const manifest: Array<ManifestFile & { size: number }> = [];
        for (const e of entries) {
          const part = partOf(e.url);
          if (part === undefined) continue;
          manifest.push({ url: pathOfFile(e.url), revision: sha256(e.url).slice(0, REVISION_HEX), part, size: e.size });
          const sum = bytes.get(part) ?? { files: 0, bytes: 0 };
          bytes.set(part, { files: sum.files + 1, bytes: sum.bytes + e.size });
        }
        return { manifest, warnings: [] };
      },
    ],
  });
  if (warnings.length > 0) throw new Error(`offline build: ${warnings.join('\n')}`);
  const parts = [...bytes].map(([p, s]) => `${p} ${String(s.files)} files (${String(Math.round(s.bytes / 1024))} KB)`).join(', ');
  console.log(`sw.js ${BUILD}: ${String(count)} files; ${parts}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
