// Service worker of the Arya troubleshooting site. Generated into dist/sw.js by
// scripts/offline/build.ts, which fills in this build's version and file list below.
// Plain JavaScript on purpose: it runs as a worker, outside the page's TypeScript program.
//
// Model (as Workbox's precache): each build is one snapshot in its own cache, `arya-<version>`.
// Files of the snapshot are served cache-first, so a reader never gets pages of one build with
// assets or search files of another. A new build installs beside the old one and waits; the
// page offers "reload to update", which activates it and drops the old cache.
'use strict';

const VERSION = '__VERSION__';
const MANIFEST = __MANIFEST__;
const CACHE = `arya-${VERSION}`;
const scope = new URL(self.registration.scope);
const url = (path) => new URL(path.replace(/^\//, ''), scope).href;
const known = new Set([...MANIFEST.shared, ...MANIFEST.langs.zh, ...MANIFEST.langs.en].map(url));

async function addAll(cache, paths) {
  let bytes = 0;
  // In small batches: a phone on a bad link should not open hundreds of requests at once.
  for (let i = 0; i < paths.length; i += 8) {
    const batch = paths.slice(i, i + 8).map(url);
    const missing = [];
    for (const u of batch) if (!(await cache.match(u))) missing.push(u);
    await Promise.all(
      missing.map(async (u) => {
        const response = await fetch(u, { cache: 'no-cache' });
        if (!response.ok) throw new Error(`${u}: HTTP ${response.status}`);
        bytes += (await response.clone().arrayBuffer()).byteLength;
        await cache.put(u, response);
      }),
    );
  }
  return bytes;
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => addAll(cache, MANIFEST.shared)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('arya-') && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'skip-waiting') self.skipWaiting();
  if (data.type === 'cache-lang' && (data.lang === 'zh' || data.lang === 'en')) {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(CACHE);
        try {
          const bytes = await addAll(cache, MANIFEST.langs[data.lang]);
          event.source && event.source.postMessage({ type: 'lang-cached', lang: data.lang, version: VERSION, bytes });
        } catch (error) {
          event.source && event.source.postMessage({ type: 'lang-failed', lang: data.lang, error: String(error) });
        }
      })(),
    );
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const target = new URL(request.url);
  if (target.origin !== scope.origin || !target.pathname.startsWith(scope.pathname)) return;
  const key = target.origin + target.pathname;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (known.has(key)) {
        const hit = await cache.match(key);
        if (hit) return hit;
        const response = await fetch(request);
        if (response.ok) await cache.put(key, response.clone());
        return response;
      }
      try {
        return await fetch(request);
      } catch (error) {
        if (request.mode === 'navigate') {
          const notFound = await cache.match(url('404.html'));
          if (notFound) return notFound;
        }
        throw error;
      }
    })(),
  );
});
