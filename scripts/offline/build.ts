/**
 * After `astro build` and Pagefind: lists what a reader needs offline, per language, and writes
 * dist/sw.js with this build's version and list. The version is a hash of every listed file, so a
 * new deploy is a new worker (browsers compare sw.js byte for byte) and an unchanged one is not.
 *
 * shared: the assets every page needs (styles, scripts, icons, 404, the root) and the search
 *         index shards (one index for both languages);
 * zh, en: every page under that language, and that language's Pagefind index.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';

const DIST = process.argv[2] ?? 'dist';
const files = readdirSync(DIST, { recursive: true, encoding: 'utf8' })
  .map((f) => f.split(sep).join('/'))
  .filter((f) => statSync(join(DIST, f)).isFile())
  .sort();

const entry = JSON.parse(readFileSync(join(DIST, 'pagefind/pagefind-entry.json'), 'utf8')) as {
  languages: Record<string, { hash: string; wasm: string | null }>;
};

/** URL path of a built file: `en/guides/x/index.html` → `/en/guides/x/`. */
const pathOf = (f: string) => `/${f.replace(/(^|\/)index\.html$/, '$1')}`;

function pagefindFiles(lang: string): string[] {
  const info = entry.languages[lang];
  if (!info) return [];
  const out = [`pagefind/pagefind.${info.hash}.pf_meta`];
  out.push(`pagefind/wasm.${info.wasm ?? 'unknown'}.pagefind`);
  // Index chunks and fragments carry the language in their names (en_…, zh-cn_…).
  out.push(...files.filter((f) => (f.startsWith('pagefind/index/') || f.startsWith('pagefind/fragment/')) && f.split('/')[2]?.startsWith(`${lang}_`)));
  return out;
}

const shared = files.filter(
  (f) =>
    f.startsWith('_astro/') ||
    f.startsWith('search/index/') ||
    f.startsWith('icons/') ||
    ['favicon.svg', 'manifest.webmanifest', '404.html', 'index.html', 'pagefind/pagefind.js', 'pagefind/pagefind-worker.js', 'pagefind/pagefind-entry.json'].includes(f),
);
const langFiles = (lang: 'zh' | 'en', pagefindLang: string) => [
  ...files.filter((f) => f.startsWith(`${lang}/`) && f.endsWith('.html')),
  ...pagefindFiles(pagefindLang),
];
const manifest = {
  shared: shared.map(pathOf),
  langs: { zh: langFiles('zh', 'zh-cn').map(pathOf), en: langFiles('en', 'en').map(pathOf) },
};

const hash = createHash('sha256');
for (const f of [...new Set([...shared, ...langFiles('zh', 'zh-cn'), ...langFiles('en', 'en')])].sort()) {
  hash.update(f);
  hash.update(readFileSync(join(DIST, f)));
}
const version = hash.digest('hex').slice(0, 16);
const template = readFileSync(new URL('./sw.template.js', import.meta.url), 'utf8');
writeFileSync(join(DIST, 'sw.js'), template.replace("const VERSION = '__VERSION__';", `const VERSION = '${version}';`).replace('const MANIFEST = __MANIFEST__;', `const MANIFEST = ${JSON.stringify(manifest)};`));
const size = (list: string[]) => list.reduce((n, f) => n + statSync(join(DIST, f.replace(/^\//, '').replace(/(^|\/)$/, '$1index.html'))).size, 0);
console.log(
  `sw.js ${version}: shared ${String(manifest.shared.length)} files (${String(Math.round(size(manifest.shared) / 1024))} KB), ` +
    `zh ${String(manifest.langs.zh.length)} (${String(Math.round(size(manifest.langs.zh) / 1024))} KB), ` +
    `en ${String(manifest.langs.en.length)} (${String(Math.round(size(manifest.langs.en) / 1024))} KB)`,
);
