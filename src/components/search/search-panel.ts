/**
 * Results as you type under the header field, as an ARIA combobox: ArrowDown/ArrowUp move through
 * the results, Enter opens the active one (or the results page), Escape closes, then clears.
 * Input is debounced; a stale answer never replaces a newer one (each run takes a ticket), and an
 * answer never takes away the option the reader has just selected: the same results are not
 * drawn again, and a selected result that is still there stays selected.
 *
 * The popup's `data-state` says where it is: `pending` (typed, waiting for the debounce),
 * `running`, `done` (the results shown are those of the text in the field) or `failed`.
 */
import type { Lang } from '../../lib/i18n/langs.ts';
import { preload, search } from './client.ts';
import { renderResult } from './result-item.ts';

const DEBOUNCE_MS = 150;
const attached = new WeakSet<HTMLElement>();

export function attach(host: HTMLElement, input: HTMLInputElement): void {
  if (attached.has(host)) return;
  attached.add(host);
  const popup = host.querySelector<HTMLElement>('[data-search-popup]');
  const list = host.querySelector<HTMLElement>('[data-popup-list]');
  const status = host.querySelector<HTMLElement>('[data-popup-status]');
  const all = host.querySelector<HTMLAnchorElement>('[data-popup-all]');
  const form = host.querySelector('form');
  if (!popup || !list || !status || !all || !form) return;
  const labels = JSON.parse(host.dataset['labels'] ?? '{}') as Record<string, string>;
  const label = (key: string, vars: Record<string, string> = {}) =>
    (labels[key] ?? key).replace(/\{(\w+)\}/g, (w, k: string) => vars[k] ?? w);
  const lang = (host.dataset['lang'] ?? 'en') as Lang;
  const base = host.dataset['base'] ?? '/';
  preload(base);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  let ticket = 0;
  let timer: number | undefined;
  let active = -1;

  const options = () => [...list.querySelectorAll<HTMLElement>('[role="option"]')];
  const open = (yes: boolean) => {
    popup.hidden = !yes;
    input.setAttribute('aria-expanded', String(yes));
    if (!yes) setActive(-1);
  };
  const setActive = (i: number) => {
    const opts = options();
    active = opts.length === 0 ? -1 : Math.max(-1, Math.min(i, opts.length - 1));
    opts.forEach((o, j) => o.setAttribute('aria-selected', String(j === active)));
    const current = opts[active];
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const run = async (q: string) => {
    const mine = ++ticket;
    popup.dataset['state'] = 'running';
    const url = new URL(all.href, location.href);
    url.searchParams.set('q', q.length > 2000 ? q.slice(-2000) : q);
    all.href = url.pathname + url.search;
    if (q.trim() === '') {
      list.replaceChildren();
      open(false);
      popup.dataset['state'] = 'done';
      return;
    }
    status.textContent = label('searching');
    open(true);
    try {
      const outcome = await search(q, lang, base);
      if (mine !== ticket) return;
      const items = outcome.items.slice(0, 8).map((item, i) => {
        const li = renderResult(item, { known: label('known'), matchedOther: label('matchedOther') }, `site-search-option-${String(i)}`);
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.querySelector('a')?.setAttribute('tabindex', '-1');
        return li;
      });
      const hrefs = (els: ReadonlyArray<Element>) => els.map((el) => el.querySelector('a')?.getAttribute('href') ?? '').join('\n');
      const selected = options()[active]?.querySelector('a')?.getAttribute('href');
      if (hrefs(items) !== hrefs(options())) {
        list.replaceChildren(...items);
        const keep = selected === undefined ? -1 : items.findIndex((li) => li.querySelector('a')?.getAttribute('href') === selected);
        setActive(keep);
      }
      const shown = q.replace(/\s+/g, ' ').trim().slice(0, 80);
      status.textContent =
        items.length === 0
          ? label('none', { q: shown })
          : items.length === 1
            ? label('resultsOne', { q: shown })
            : label('results', { n: String(items.length), q: shown });
      popup.dataset['state'] = 'done';
    } catch {
      if (mine !== ticket) return;
      list.replaceChildren();
      status.textContent = label('unavailable');
      popup.dataset['state'] = 'failed';
    }
  };

  input.addEventListener('input', () => {
    popup.dataset['state'] = 'pending';
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(input.value), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (popup.hidden && input.value.trim() !== '') open(true);
      event.preventDefault();
      setActive(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter') {
      const link = options()[active]?.querySelector('a');
      if (link) {
        event.preventDefault();
        link.click();
      }
    } else if (event.key === 'Escape') {
      if (!popup.hidden) open(false);
      else input.value = '';
    }
  });
  form.addEventListener('submit', (event) => {
    // Long pastes go to the results page in the address bar: keep them within what servers accept.
    if (input.value.length > 2000) {
      event.preventDefault();
      location.href = all.href;
    }
  });
  document.addEventListener('click', (event) => {
    if (!host.contains(event.target as Node)) open(false);
  });
  if (input.value.trim() !== '') void run(input.value);
}
