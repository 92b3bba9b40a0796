/**
 * Page side of offline support; the worker is scripts/offline/sw.js. Registers the worker through
 * workbox-window, tells it which build this page belongs to (`<html data-build>`), asks it to save
 * this language for that build, and keeps the status line: offline or not, whether this build's
 * pages in this language are saved on the device, and "Reload to update" when the page is older
 * than the build the worker now serves.
 *
 * Nothing is stored in the page: what is saved is the worker's answer for this page's build, asked
 * again whenever a new build's worker takes over.
 */
import { Workbox, messageSW } from 'workbox-window';
import { offlineStrings } from '../../lib/i18n/scripts/offline.ts';

/** The worker's answer to `{ type: 'offline', build, lang }`. */
interface OfflineReply {
  /** The build the worker serves new navigations from. */
  active: string;
  /** The page's build is one the worker has (or had) installed. */
  known: boolean;
  /** The page's build is older than the active one: a reload gets the new one. */
  older: boolean;
  /** The page's build has every page of this language saved. */
  saved: boolean;
  /** Bytes fetched from the network to save it (0 when it already was). */
  bytes: number;
}

export function start(): void {
  const host = document.querySelector<HTMLElement>('offline-status');
  if (!host || !('serviceWorker' in navigator)) return;
  const lang = host.dataset['lang'] === 'zh' ? 'zh' : 'en';
  const say = offlineStrings[lang];
  const base = host.dataset['base'] ?? '/';
  const build = document.documentElement.dataset['build'] ?? '';
  const text = host.querySelector('[data-net-text]');
  const reload = host.querySelector<HTMLButtonElement>('[data-net-reload]');
  let saved = false;
  let older = false;

  const render = () => {
    if (!text || !reload) return;
    host.dataset['state'] = navigator.onLine ? (older ? 'update' : 'online') : 'offline';
    if (!navigator.onLine) text.textContent = saved ? say['offline.offline'] : say['offline.offlineNotReady'];
    else if (older) text.textContent = say['offline.update'];
    else text.textContent = '';
    reload.hidden = !older;
  };

  const wb = new Workbox(`${base}sw.js`, { scope: base });
  // Each question takes a ticket and only the newest is answered on the page: on a busy device the
  // old worker's answer can arrive after the new worker's (tests/e2e/deploy.spec.ts forces it), and
  // it would put back the old build for good.
  let ticket = 0;
  const ask = async () => {
    const mine = ++ticket;
    const active = (await navigator.serviceWorker.ready).active;
    if (!active) return;
    const reply = (await messageSW(active, { type: 'offline', build, lang })) as OfflineReply;
    if (mine !== ticket) return;
    saved = reply.saved;
    older = reply.older;
    host.dataset['activeBuild'] = reply.active;
    if (saved) host.dataset['saved'] = String(reply.bytes);
    else delete host.dataset['saved'];
    // A page newer than every worker came from the network after a deploy: fetch its build's worker now.
    if (!reply.known) void wb.update();
    render();
  };
  // A new build's worker took over (it claims every open tab): ask again for this page's build.
  // Not workbox-window's 'activated': it guesses which worker this tab registered, and misses one
  // that the browser's own update check on navigation started before this script ran.
  navigator.serviceWorker.addEventListener('controllerchange', () => void ask().catch(() => undefined));
  reload?.addEventListener('click', () => location.reload());
  window.addEventListener('online', render);
  window.addEventListener('offline', render);
  void wb
    .register()
    .then((registration) => {
      // The worker calls skipWaiting() as it installs, yet with tabs of the old build open Chromium
      // can leave it waiting (seen in tests/e2e/deploy.spec.ts under load). The page asks the
      // waiting worker again, as Workbox's messageSkipWaiting does; that helped in earlier runs,
      // but not in every one since (an old tab's request landing as it activates can park it).
      // Also watched: a worker already installing when this script ran (its 'updatefound' passed).
      const nudge = () => registration?.waiting?.postMessage({ type: 'SKIP_WAITING' });
      const watch = (worker: ServiceWorker | null | undefined) => worker?.addEventListener('statechange', nudge);
      registration?.addEventListener('updatefound', () => watch(registration.installing));
      watch(registration?.installing);
      nudge();
      return ask();
    })
    .catch(() => undefined);
  render();
}
