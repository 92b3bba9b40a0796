/**
 * Page side of offline support. Registers the service worker, asks it to save this language
 * (once per build and language; the worker skips what it already has), and keeps the status
 * line: offline or not, and "reload to update" when a new build's worker is waiting.
 */
const SAVED_KEY = 'arya:offline:saved:v1';

export function start(): void {
  const host = document.querySelector<HTMLElement>('offline-status');
  if (!host || !('serviceWorker' in navigator)) return;
  const labels = JSON.parse(host.dataset['labels'] ?? '{}') as Record<string, string>;
  const lang = host.dataset['lang'] === 'zh' ? 'zh' : 'en';
  const base = host.dataset['base'] ?? '/';
  const text = host.querySelector('[data-net-text]');
  const reload = host.querySelector<HTMLButtonElement>('[data-net-reload]');
  let waiting: ServiceWorker | null = null;

  const savedVersions = (): Record<string, string> => {
    try {
      return JSON.parse(localStorage.getItem(SAVED_KEY) ?? '{}') as Record<string, string>;
    } catch {
      return {};
    }
  };
  let saved = Boolean(savedVersions()[lang]);

  const render = () => {
    if (!text || !reload) return;
    host.dataset['state'] = navigator.onLine ? (waiting ? 'update' : 'online') : 'offline';
    if (!navigator.onLine) text.textContent = saved ? (labels['offline'] ?? '') : (labels['offlineNotReady'] ?? '');
    else if (waiting) text.textContent = labels['update'] ?? '';
    else text.textContent = '';
    reload.hidden = !waiting;
  };

  navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: string; lang?: string; version?: string; bytes?: number };
    if (data.type === 'lang-cached' && data.lang === lang) {
      saved = true;
      const versions = savedVersions();
      versions[lang] = data.version ?? '';
      try {
        localStorage.setItem(SAVED_KEY, JSON.stringify(versions));
      } catch {
        // Storage blocked: the worker still has the pages.
      }
      host.dataset['saved'] = String(data.bytes ?? 0);
      render();
    }
  });
  let refreshing = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (refreshing || !waiting) return;
    refreshing = true;
    location.reload();
  });
  reload?.addEventListener('click', () => waiting?.postMessage({ type: 'skip-waiting' }));
  window.addEventListener('online', render);
  window.addEventListener('offline', render);

  void navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).then(async (registration: ServiceWorkerRegistration | undefined) => {
    // Registration can be refused without an error (a browser policy, a test harness blocking
    // workers): then the page simply works online.
    if (!registration) return;
    const watch = (worker: ServiceWorker | null) => {
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) {
          waiting = worker;
          render();
        }
      });
    };
    if (registration.waiting && navigator.serviceWorker.controller) waiting = registration.waiting;
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    const ready = await navigator.serviceWorker.ready;
    ready.active?.postMessage({ type: 'cache-lang', lang });
    render();
  }, () => undefined);
  render();
}
