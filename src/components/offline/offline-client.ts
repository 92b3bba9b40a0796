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
  /** The worker answered this page's navigation with the saved copy: the network failed or was too slow. */
  fromSaved: boolean;
}

/** How long a page waits for a waiting worker to take over before it asks the old one instead. */
const TAKEOVER_WAIT_MS = 10_000;

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
  // Offline: the browser says so, or the worker had to serve this page from what is saved
  // (`navigator.onLine` is true whenever a network link is up, even when nothing answers).
  let fromSaved = false;

  const render = () => {
    if (!text || !reload) return;
    const offline = !navigator.onLine || fromSaved;
    host.dataset['state'] = offline ? 'offline' : older ? 'update' : 'online';
    if (offline) text.textContent = saved ? say['offline.offline'] : say['offline.offlineNotReady'];
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
    const registration = await navigator.serviceWorker.ready;
    // A newer worker is installed and waiting: Chromium is stopping the old one so that it can
    // take over. A message now starts the old one again, and the take-over then waits for its next
    // idle stop: 30 s, or never while DevTools is attached (traced in tests/e2e/deploy.spec.ts,
    // where register() resolved just as the new worker installed). So the question waits: when the
    // new worker takes over, 'controllerchange' asks again (a newer ticket). A worker still waiting
    // after TAKEOVER_WAIT_MS is not taking over soon (a browser restarted meanwhile forgets that it
    // skips waiting, and it waits for the old build's tabs to close): then the old one is asked.
    if (registration.waiting) {
      await new Promise((done) => window.setTimeout(done, TAKEOVER_WAIT_MS));
      if (mine !== ticket) return;
    }
    const active = registration.active;
    if (!active) return;
    const reply = (await messageSW(active, { type: 'offline', build, lang })) as OfflineReply;
    if (mine !== ticket) return;
    saved = reply.saved;
    older = reply.older;
    fromSaved = reply.fromSaved === true; // an older build's worker does not say
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
  window.addEventListener('online', () => {
    // The network is back: this page is still the saved copy, but the next one comes from the network.
    fromSaved = false;
    render();
  });
  window.addEventListener('offline', render);
  // No SKIP_WAITING message to a waiting worker: it called skipWaiting() as it installed, and
  // Chromium acts on a worker's first call only (later calls wait on that one), so it never helps.
  void wb
    .register()
    .then(() => ask())
    .catch(() => undefined);
  render();
}
