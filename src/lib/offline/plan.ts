/**
 * What the offline service worker decides, as plain functions over plain data, so node's test runner
 * can walk every case (the worker, scripts/offline/sw.js, only does the I/O).
 *
 * Data shape and lifecycle. A *build* is one deploy of the site, named by a hash of its files. Each
 * build's files are saved in one cache of its own, in *parts*:
 *   - `shared`: what every page needs (scripts, styles, icons, the search index, Pagefind's loader,
 *     the root and the offline pages), saved when the build's worker installs;
 *   - one part per language (`zh`, `en`): that language's pages and its Pagefind index, saved after
 *     a visit in that language, and saved again by the next build's install once the reader has it.
 * A build's state records which parts it holds whole. A tab belongs to the build its page came
 * from, and is served from that build's cache until it reloads; a build's cache is deleted once no
 * open tab belongs to it and a newer build holds every part it held.
 * Paths here are relative to the site's base (`en/guides/x/`, `_astro/a.B1c2.js`), never absolute,
 * so the same plan works under `/` and under a sub-path base.
 */

import { inBundleFolder, MORE_BUNDLES_FILE, PAGEFIND_CODE } from '../search/pagefind-bundle.ts';

/**
 * What Astro writes in `<html data-build>`; scripts/offline/build.ts replaces it with the build's
 * id once every file is written (the id is a hash of them all, so no page can know it sooner).
 */
export const UNBUILT = 'unbuilt';

/** A part of a build: `shared`, or a site language. */
export type Part = string;
export const SHARED: Part = 'shared';

export interface BuildState {
  /** The build's id (its worker's version). */
  build: string;
  /** When its worker installed (ms since epoch): orders builds, newest last. */
  installedAt: number;
  /** Parts saved whole. */
  complete: Part[];
}

/** One file of a build, as the worker's manifest lists it (Workbox's manifest entry, plus its part). */
export interface ManifestFile {
  /** Path relative to the base, in the form the site links to (`en/guides/x/`, not `…/index.html`). */
  url: string;
  /** The file's SHA-256, hex, first 128 bits: the worker checks every file it saves against it. */
  revision: string;
  part: Part;
}

/**
 * Files whose name changes whenever their bytes do: Vite's `_astro/` output, the search index
 * (`search/index/<name>.<hash>.json`, see src/components/search/index-files.ts) and Pagefind's index,
 * metadata, fragment and filter files. Any copy of such a file is the right one, so it may come
 * from any build's cache or from the network; every other file belongs to exactly one build.
 */
export function isContentHashed(path: string): boolean {
  return /^_astro\/|^search\/index\/[\w-]+\.[0-9a-f]{10,}\.json$|^pagefind\/.*\.pf_(?:meta|index|fragment|filter)$/.test(path);
}

/**
 * The part a built file belongs to, or undefined when no reader needs it offline.
 * `file` is relative to dist/ (`en/guides/x/index.html`); `pagefindLangs` maps Pagefind's language
 * codes (`zh-cn`) and wasm names (`unknown`) to the site language they serve.
 */
export function partOfFile(file: string, langs: readonly string[], pagefind: { langs: Record<string, string>; wasm: Record<string, string> }): Part | undefined {
  if (file === '404.html' || file === 'sw.js') return undefined; // the 404 page saves nothing; the worker is never cached
  const first = file.split('/')[0] ?? '';
  if (langs.includes(first)) return /^[^/]+\/offline\//.test(file) ? SHARED : first;
  if (first === 'pagefind') {
    const name = file.slice('pagefind/'.length);
    if (['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json', MORE_BUNDLES_FILE].includes(name)) return SHARED;
    // A language's second and later Pagefind runs (pagefind-bundle.ts): `zh-1/…`, all of it that language's.
    const more = inBundleFolder(name);
    if (more) return langs.includes(more.lang) && more.rest !== '' && !PAGEFIND_CODE.test(more.rest) ? more.lang : undefined;
    const wasm = /^wasm\.([\w-]+)\.pagefind$/.exec(name)?.[1];
    if (wasm !== undefined) return pagefind.wasm[wasm];
    const lang = /^(?:pagefind\.|(?:index|fragment|filter)\/)([a-z]+(?:-[a-z]+)?)_[0-9a-f]+\.pf_\w+$/.exec(name)?.[1];
    return lang === undefined ? undefined : pagefind.langs[lang]; // Pagefind's UI bundles are not used by the site
  }
  return SHARED;
}

/** The path a built file is requested by: `en/x/index.html` → `en/x/`. */
export function pathOfFile(file: string): string {
  return file.replace(/(^|\/)index\.html$/, '$1');
}

/** The part holding a page the reader navigates to: its language's, or shared (root, offline pages). */
export function partOfPage(path: string, langs: readonly string[]): Part {
  const first = path.split('/')[0] ?? '';
  if (!langs.includes(first)) return SHARED;
  return /^[^/]+\/offline\//.test(path) ? SHARED : first;
}

/** The site language of a path (`zh/…` → zh), else undefined. */
export function langOfPath(path: string, langs: readonly string[]): string | undefined {
  const first = path.split('/')[0] ?? '';
  return langs.includes(first) ? first : undefined;
}

const newestFirst = (builds: readonly BuildState[]) => [...builds].sort((a, b) => b.installedAt - a.installedAt);

/**
 * Offline, the builds to look in for a page, best first: the newest build holding the page's part
 * whole (so the reader walks one whole build, never pages of two), then builds holding the part in
 * part, newest first (a page being saved is better than none).
 */
export function offlineOrder(part: Part, builds: readonly BuildState[]): string[] {
  const sorted = newestFirst(builds);
  const whole = sorted.filter((b) => b.complete.includes(part));
  return [...whole.slice(0, 1), ...sorted.filter((b) => !b.complete.includes(part))].map((b) => b.build);
}

/** Parts an installing build saves: shared, and every language some saved build holds whole. */
export function partsToInstall(builds: readonly BuildState[]): Part[] {
  const parts = new Set<Part>([SHARED]);
  for (const b of builds) for (const p of b.complete) parts.add(p);
  return [...parts];
}

/**
 * The builds whose caches must stay: the active one and any installed after it (a newer build's
 * worker may be installing); every build an open tab belongs to (its search and its wizard load
 * files after the page did); and, per part the active build does not hold whole, the newest build
 * that does (what is saved for offline never shrinks).
 */
export function buildsToKeep(active: string, builds: readonly BuildState[], inUse: ReadonlySet<string>): Set<string> {
  const keep = new Set<string>([active]);
  const activeState = builds.find((b) => b.build === active);
  for (const b of builds) {
    if (inUse.has(b.build) || (activeState !== undefined && b.installedAt > activeState.installedAt)) keep.add(b.build);
  }
  const held = new Set(activeState?.complete ?? []);
  for (const b of newestFirst(builds)) {
    for (const p of b.complete) {
      if (held.has(p)) continue;
      held.add(p);
      keep.add(b.build);
    }
  }
  return keep;
}

/** A save's next write waits until the reader's page requests have been over this long (ms). */
export const QUIET_MS = 300;
/** … but never longer than this in one wait (ms): a page that never stops fetching does not stop the save. */
export const MAX_GIVE_WAY_MS = 3_000;

/** What the worker knows of the reader's requests: how many it is answering, and when the last ended. */
export interface Foreground {
  inFlight: number;
  lastEnd: number;
}

/**
 * How long a save waits before its next cache write (0: write now). Saving a language is a few
 * hundred writes, and Chromium runs a cache's writes one at a time and its reads behind every write
 * already queued: a reader searching while the save ran waited ~190 ms longer for a first result
 * (scripts/bench/search.ts, this site's first visit). So the reader's requests go first: a write
 * waits while one is being answered and for QUIET_MS after the last, up to MAX_GIVE_WAY_MS from
 * `since` (when it began to wait).
 */
export function giveWayMs(now: number, since: number, fg: Foreground): number {
  const left = since + MAX_GIVE_WAY_MS - now;
  if (left <= 0) return 0;
  const wait = fg.inFlight > 0 ? QUIET_MS : fg.lastEnd + QUIET_MS - now;
  return Math.max(0, Math.min(wait, left));
}
