// Service worker of the Arya troubleshooting site. scripts/offline/build.ts bundles this file
// (with Workbox and src/lib/offline/plan.ts) into dist/sw.js and injects this build's id and
// file list. Plain JavaScript: it runs as a worker, outside the page's TypeScript program; the
// decisions it makes are pure functions in src/lib/offline/plan.ts, tested there.
//
// The model (plan.ts says it in full): every build is one snapshot, saved in a cache of its own,
// shared files when this worker installs and a language's pages after a visit in that language.
// Every tab belongs to the build its page came from, and its scripts, search and wizard get that
// build's files until it reloads. Cache policy, by kind of request:
//   navigations   network first, for NAV_TIMEOUT_S; then (offline, or the network too slow) the page
//                 from the newest build holding the page's language whole; else this site's
//                 offline page in the page's language. Nothing is written at runtime.
//   404           whatever the host answers; the 404 page has no script, so it saves nothing.
//   other files   the tab's build's cache first; a content-hashed name may come from any build's
//   (scripts,     cache (same name, same bytes); else the network, and the answer is not stored:
//   styles,       only a build's own save, whose every file is checked against its SHA-256,
//   search index, writes a build's cache, so a file of another build can never enter it.
//   Pagefind, all-steps pages)
// A new build's worker installs beside the old one (saving the shared files and every language
// the reader had saved), then takes over as soon as the browser has stopped the old worker (it
// does once that is idle); an old build's cache is deleted when no open tab belongs to it any more.
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { buildsToKeep, giveWayMs, isContentHashed, langOfPath, offlineOrder, partOfPage, partsToInstall } from '../../src/lib/offline/plan.ts';

/* global __BUILD__, __LANGS__ */
const BUILD = __BUILD__;
const LANGS = __LANGS__;
/** @type {Array<{ url: string; revision: string; part: string }>} */
const MANIFEST = self.__WB_MANIFEST;
/** Seconds a navigation waits for the network before a saved page is shown instead. */
const NAV_TIMEOUT_S = 4;
/** Files fetched at once while saving: a phone on a bad link should not open hundreds of requests. */
const BATCH = 8;
/** Header on every saved response: the SHA-256 it was checked against. */
const SHA_HEADER = 'x-offline-sha256';
/** A tab not seen open for this long (ms) is taken as closed (a page still loading is not listed yet). */
const CLIENT_GRACE_MS = 10_000;

const scope = new URL(self.registration.scope);
// Caches are per origin, so their names carry the scope: two sites under one origin keep apart.
const PREFIX = `arya-offline ${scope.pathname} `;
const CLIENTS_CACHE = `arya-offline-clients ${scope.pathname}`;
const STATE_URL = new URL('.offline-state', scope).href;
const CLIENTS_URL = new URL('.offline-clients', scope).href;
const cacheName = (build) => PREFIX + build;
/** Request URL without query or hash: the key of a saved file. */
const keyOf = (url) => url.origin + url.pathname;
const relative = (url) => url.pathname.slice(scope.pathname.length);
const inScope = (url) => url.origin === scope.origin && url.pathname.startsWith(scope.pathname);
/**
 * A saved file of one build's cache, or undefined. Never caches.open() to read: it creates the
 * cache when it is gone, and a read racing retire() would bring back an empty cache of a build it
 * just deleted, without a state, so never deleted again (seen in tests/e2e/deploy.spec.ts).
 */
const savedIn = (build, key) => caches.match(key, { cacheName: cacheName(build) });

// ---- Builds ------------------------------------------------------------------------------------

/** Every build with a cache here, as plan.ts's BuildState. */
async function builds() {
  const out = [];
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX)) continue;
    const state = await caches.match(STATE_URL, { cacheName: key });
    if (state) out.push(await state.json());
  }
  return out;
}

let stateLock = Promise.resolve();
/** Changes this build's state; one change at a time. */
function updateState(change) {
  const run = stateLock.then(async () => {
    const cache = await caches.open(cacheName(BUILD));
    const old = await cache.match(STATE_URL);
    const state = change(old ? await old.json() : { build: BUILD, installedAt: Date.now(), complete: [] });
    await cache.put(STATE_URL, new Response(JSON.stringify(state), { headers: { 'content-type': 'application/json' } }));
  });
  stateLock = run.catch(() => undefined);
  return run;
}

// ---- The reader first ---------------------------------------------------------------------------
// A save is hundreds of cache writes, and a cache's reads wait behind every write already queued:
// the reader's own requests (a first search, the next page) would wait for the save. So writes go
// one at a time, each after the reader's requests (plan.ts's giveWayMs says how long).

/** The requests this worker is answering for pages, and when the last one was answered. */
const foreground = { inFlight: 0, lastEnd: 0 };
/** Workbox plugin on every route: counts the requests being answered. */
const countsAsForeground = {
  handlerWillStart: async () => {
    foreground.inFlight += 1;
  },
  handlerDidRespond: async () => {
    foreground.inFlight -= 1;
    foreground.lastEnd = Date.now();
  },
};
async function giveWay() {
  const since = Date.now();
  for (let wait = giveWayMs(since, since, foreground); wait > 0; wait = giveWayMs(Date.now(), since, foreground)) {
    await new Promise((done) => setTimeout(done, wait));
  }
}
let writing = Promise.resolve();
/** Writes `response` under `key` in `cache`: one write at a time, after the reader's requests. */
function write(cache, key, response) {
  const run = writing.then(giveWay).then(() => cache.put(key, response));
  writing = run.catch(() => undefined);
  return run;
}

const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Saves one part of this build: each file copied from an older build's cache when it has the same
 * bytes, else fetched (revalidated, so no HTTP cache hands back another build's copy) and checked
 * against its SHA-256. A file the network has in another version (a newer deploy) fails the save:
 * a build's cache holds that build's files only. Returns the bytes fetched.
 */
async function savePart(part) {
  const all = await builds();
  const cache = await caches.open(cacheName(BUILD));
  const older = all.filter((b) => b.build !== BUILD);
  const files = MANIFEST.filter((f) => f.part === part);
  let bytes = 0;
  const saveOne = async (file) => {
    const key = new URL(file.url, scope).href;
    if ((await cache.match(key))?.headers.get(SHA_HEADER) === file.revision) return;
    for (const other of older) {
      const copy = await savedIn(other.build, key);
      if (copy?.headers.get(SHA_HEADER) === file.revision) return write(cache, key, copy);
    }
    const response = await fetch(key, { cache: isContentHashed(file.url) ? 'default' : 'no-cache', credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${file.url}: HTTP ${String(response.status)}`);
    const body = await response.arrayBuffer();
    if (!hex(await crypto.subtle.digest('SHA-256', body)).startsWith(file.revision)) {
      throw new Error(`${file.url}: the server has other bytes than build ${BUILD} (a newer deploy?)`);
    }
    bytes += body.byteLength;
    const headers = new Headers(response.headers);
    headers.set(SHA_HEADER, file.revision);
    // The body is stored decoded: these would describe the bytes on the wire.
    for (const h of ['content-encoding', 'content-length', 'transfer-encoding']) headers.delete(h);
    await write(cache, key, new Response(body, { status: 200, statusText: 'OK', headers }));
  };
  for (let i = 0; i < files.length; i += BATCH) await Promise.all(files.slice(i, i + BATCH).map(saveOne));
  await updateState((state) => ({ ...state, complete: [...new Set([...state.complete, part])] }));
  return bytes;
}

const saving = new Map();
/** One save per part at a time, however many tabs ask. */
function savePartOnce(part) {
  let run = saving.get(part);
  if (!run) {
    run = savePart(part).finally(() => saving.delete(part));
    saving.set(part, run);
  }
  return run;
}

// ---- Which build each tab belongs to -----------------------------------------------------------
// clientId → { build, seen }, kept in a cache as well: the browser stops an idle worker, and the
// next one must still serve an old tab from that tab's build.

let clientMap;
const reading = new Map(); // clientId → Promise<build> while a navigation's page is being read
function clients() {
  clientMap ??= caches
    .open(CLIENTS_CACHE)
    .then((cache) => cache.match(CLIENTS_URL))
    .then(async (r) => new Map(Object.entries(r ? await r.json() : {})))
    .catch(() => new Map());
  return clientMap;
}
let clientsLock = Promise.resolve();
function saveClients() {
  clientsLock = clientsLock
    .then(async () => {
      const map = await clients();
      await (await caches.open(CLIENTS_CACHE)).put(CLIENTS_URL, new Response(JSON.stringify(Object.fromEntries(map))));
    })
    .catch(() => undefined);
  return clientsLock;
}
/**
 * Records the build a tab belongs to; `fromSaved` when the worker answered its navigation with a
 * saved copy because the network failed or was too slow (the tab's status line says offline then:
 * `navigator.onLine` only knows whether a network link is up, not whether anything answers).
 */
async function setClientBuild(id, build, fromSaved = false) {
  if (!id || !build) return;
  const map = await clients();
  const old = map.get(id);
  if (old?.build === build && (old.fromSaved === true || !fromSaved)) return;
  map.set(id, { build, seen: Date.now(), ...(fromSaved || old?.fromSaved ? { fromSaved: true } : {}) });
  await saveClients();
}
async function buildOfClient(id) {
  if (!id) return undefined;
  const pending = reading.get(id);
  if (pending) return pending;
  return (await clients()).get(id)?.build;
}

/**
 * The build id in `<html data-build="…">` of a page from the network. Reads the whole copy: a copy
 * read in part and cancelled kept the navigation open in Chromium, and with it the old worker
 * busy, so a new build's worker stayed waiting instead of taking over.
 */
async function buildOfPage(response) {
  return /<html\b[^>]*\sdata-build="([^"]*)"/.exec(await response.text())?.[1];
}

let retiring = Promise.resolve();
/** Deletes the caches of builds no open tab belongs to (plan.ts's buildsToKeep says which stay). */
function retire() {
  retiring = retiring
    .then(async () => {
      const open = new Set((await self.clients.matchAll({ includeUncontrolled: true, type: 'all' })).map((c) => c.id));
      const map = await clients();
      const now = Date.now();
      let changed = false;
      for (const [id, entry] of map) {
        if (open.has(id)) entry.seen = now;
        else if (now - entry.seen > CLIENT_GRACE_MS && !reading.has(id)) {
          map.delete(id);
          changed = true;
        }
      }
      if (changed) await saveClients();
      const all = await builds();
      const keep = buildsToKeep(BUILD, all, new Set([...map.values()].map((e) => e.build)));
      for (const b of all) if (!keep.has(b.build)) await caches.delete(cacheName(b.build));
    })
    .catch(() => undefined);
  return retiring;
}

// ---- Lifecycle ---------------------------------------------------------------------------------

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // Takes over once installed and the old worker is stopped: tabs of the old build keep being
      // served from its cache. Pages do not message the old worker meanwhile (offline-client.ts).
      void self.skipWaiting();
      const parts = partsToInstall(await builds());
      await updateState((state) => state); // writes the state first: a build without one is not a build
      try {
        for (const part of parts) await savePartOnce(part);
      } catch (error) {
        // Offline or a newer deploy already: this build is not installed; the old one keeps serving.
        await caches.delete(cacheName(BUILD));
        throw error;
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // The first worker's caches (one `arya-<version>` per build, before builds were kept apart).
      for (const key of await caches.keys()) if (/^arya-[0-9a-f]{16}$/.test(key)) await caches.delete(key);
      await self.clients.claim();
      await retire();
    })(),
  );
});

// A page tells which build it belongs to and asks for its language to be saved (offline-client.ts).
self.addEventListener('message', (event) => {
  const data = event.data ?? {};
  if (data.type !== 'offline') return;
  const port = event.ports[0];
  event.waitUntil(
    (async () => {
      const pageBuild = String(data.build ?? '');
      const lang = LANGS.includes(data.lang) ? data.lang : undefined;
      const id = event.source && 'id' in event.source ? event.source.id : undefined;
      await setClientBuild(id, pageBuild);
      let bytes = 0;
      let all = await builds();
      const mine = all.find((b) => b.build === BUILD);
      if (pageBuild === BUILD && lang && mine && !mine.complete.includes(lang)) {
        bytes = await savePartOnce(lang).catch(() => 0);
        all = await builds();
      }
      const page = all.find((b) => b.build === pageBuild);
      const active = all.find((b) => b.build === BUILD);
      port?.postMessage({
        active: BUILD,
        known: page !== undefined,
        older: page !== undefined && active !== undefined && page.installedAt < active.installedAt,
        saved: page !== undefined && lang !== undefined && page.complete.includes(lang),
        bytes,
        fromSaved: id !== undefined && (await clients()).get(id)?.fromSaved === true,
      });
      await retire();
    })(),
  );
});

// ---- Requests ----------------------------------------------------------------------------------

/** Offline: a saved copy of the page, from the builds plan.ts's offlineOrder names. */
async function savedPage(url) {
  const all = await builds();
  for (const build of offlineOrder(partOfPage(relative(url), LANGS), all)) {
    const response = await savedIn(build, keyOf(url));
    if (response) return { build, response };
  }
  return undefined;
}

/** This site's offline page in the page's language (else the browser's), from the newest build that has it. */
async function offlinePage(url) {
  const lang = langOfPath(relative(url), LANGS) ?? (self.navigator.languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en');
  const key = new URL(`${lang}/offline/`, scope).href;
  const all = (await builds()).sort((a, b) => b.installedAt - a.installedAt);
  for (const b of all) {
    const saved = await savedIn(b.build, key);
    if (saved) return { build: b.build, response: new Response(saved.body, { status: 503, statusText: 'Offline', headers: saved.headers }) };
  }
  return undefined;
}

const noWrites = { cacheWillUpdate: async () => null };

registerRoute(
  ({ request, url }) => request.mode === 'navigate' && inScope(url),
  new NetworkFirst({
    cacheName: cacheName(BUILD),
    networkTimeoutSeconds: NAV_TIMEOUT_S,
    plugins: [
      noWrites,
      countsAsForeground,
      {
        // From the network: the tab belongs to the build the page names.
        fetchDidSucceed: async ({ response, event, state }) => {
          const id = event.resultingClientId;
          if (id && response.ok && (response.headers.get('content-type') ?? '').includes('text/html') && !state.served) {
            const build = buildOfPage(response.clone()).finally(() => reading.delete(id));
            reading.set(id, build);
            event.waitUntil(build.then((b) => setClientBuild(id, b)).then(retire));
          }
          return response;
        },
        // Offline or too slow: the saved page, and the tab belongs to the build it came from.
        cachedResponseWillBeUsed: async ({ request, event, state }) => {
          const found = await savedPage(new URL(request.url));
          if (!found) return null;
          state.served = found.build;
          event.waitUntil(setClientBuild(event.resultingClientId, found.build, true));
          return found.response;
        },
        handlerDidError: async ({ request, event }) => {
          const found = await offlinePage(new URL(request.url));
          if (!found) return undefined;
          event.waitUntil(setClientBuild(event.resultingClientId, found.build, true));
          return found.response;
        },
      },
    ],
  }),
);

registerRoute(
  ({ request, url }) => request.mode !== 'navigate' && inScope(url) && relative(url) !== 'sw.js',
  new CacheFirst({
    cacheName: cacheName(BUILD),
    plugins: [
      noWrites,
      countsAsForeground,
      {
        // The requesting tab's build decides, not the active one.
        cachedResponseWillBeUsed: async ({ request, event }) => {
          const url = new URL(request.url);
          const build = (await buildOfClient(event.clientId)) ?? BUILD;
          // Pagefind searches in a worker of its own: it belongs to the tab that started it.
          if (event.resultingClientId) event.waitUntil(setClientBuild(event.resultingClientId, build));
          const all = await builds();
          if (all.some((b) => b.build === build)) {
            const own = await savedIn(build, keyOf(url));
            if (own) return own;
          }
          if (isContentHashed(relative(url))) {
            for (const b of all) {
              const copy = await savedIn(b.build, keyOf(url));
              if (copy) return copy;
            }
          }
          return null;
        },
      },
    ],
  }),
);
