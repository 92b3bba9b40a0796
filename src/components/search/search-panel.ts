/**
 * Results as you type under the header field, as an ARIA combobox: ArrowDown/ArrowUp move through
 * the results, Enter opens the active one (or the results page), Escape closes, then clears.
 * Typing is debounced; a paste runs at once. The section index answers first and its results
 * show at once; Pagefind's full-text results join below them when ready, never reordering them.
 * A stale answer never replaces a newer one (each run takes a ticket), and an answer never
 * takes away the option the reader has just selected: the same results are not drawn again, and
 * a selected result that is still there stays selected.
 *
 * The popup's `data-state` says where it is: `pending` (typed, waiting for the debounce),
 * `running`, `partial` (the section index's results shown, full text still coming), `done`
 * (every result of the text in the field is shown) or `failed`.
 */
import type { Lang } from '../../lib/i18n/langs.ts';
import { preload, search, type ResultItem } from './client.ts';
import { fitsInUrl, resultsAddress } from './query-address.ts';
import searchStyles from './search.css?url';
import { renderAnswer, renderResult } from './result-item.ts';
import { fill } from '../../lib/i18n/fill.ts';
import { searchStrings } from '../../lib/i18n/scripts/search.ts';
import type { SiteSearch } from './site-search.ts';

/**
 * The popup's styles come with its code, on first use, not in every page's first round trip: this
 * module finishes loading (and `import()` of it resolves) once they have loaded. A link, not a
 * CSS import: Astro adds CSS imported anywhere in a page's scripts to the page's own stylesheet.
 * If they cannot load (offline, not yet cached), search still works, unstyled.
 */
await new Promise<void>((resolve) => {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = searchStyles;
  link.addEventListener('load', () => resolve());
  link.addEventListener('error', () => resolve());
  document.head.append(link);
});

const DEBOUNCE_MS = 150;
const SHOWN = 8;
const attached = new WeakSet<HTMLElement>();

export function attach(host: SiteSearch, input: HTMLInputElement): void {
  if (attached.has(host)) return;
  attached.add(host);
  const popup = host.querySelector<HTMLElement>('[data-search-popup]');
  const list = host.querySelector<HTMLElement>('[data-popup-list]');
  const status = host.querySelector<HTMLElement>('[data-popup-status]');
  const all = host.querySelector<HTMLAnchorElement>('[data-popup-all]');
  const form = host.querySelector('form');
  if (!popup || !list || !status || !all || !form) return;
  const lang: Lang = host.dataset['lang'] === 'zh' ? 'zh' : 'en';
  const label = (key: keyof (typeof searchStrings)['en'], vars: Record<string, string> = {}) => fill(searchStrings[lang][key], vars);
  const base = host.dataset['base'] ?? '/';
  const resultsPath = new URL(form.action, location.href).pathname;
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
  const option = (item: ResultItem, i: number) => {
    const li = renderResult(item, lang, `site-search-option-${String(i)}`);
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.querySelector('a')?.setAttribute('tabindex', '-1');
    return li;
  };
  const hrefs = (els: ReadonlyArray<Element>) => els.map((el) => el.querySelector('a')?.getAttribute('href') ?? '').join('\n');
  /** Shows these results; the same list is not drawn again, and a selected result that stays keeps its selection. */
  const show = (items: ResultItem[]) => {
    const lis = items.slice(0, SHOWN).map(option);
    if (hrefs(lis) === hrefs(options())) return;
    const selected = options()[active]?.querySelector('a')?.getAttribute('href');
    list.replaceChildren(...lis);
    setActive(selected === undefined ? -1 : lis.findIndex((li) => li.querySelector('a')?.getAttribute('href') === selected));
  };
  /** The first result's answer (a known error's cause and first check), above the list. */
  const answer = (items: ResultItem[]) => {
    const first = items[0]?.answer;
    const shown = popup.querySelector('[data-search-answer]');
    if (!first) shown?.remove();
    else if (shown?.getAttribute('data-for') !== items[0]?.href) {
      const card = renderAnswer(first, lang);
      card.setAttribute('data-for', items[0]?.href ?? '');
      if (shown) shown.replaceWith(card);
      else popup.insertBefore(card, list);
    }
  };
  const say = (q: string, n: number) => {
    const shown = q.replace(/\s+/g, ' ').trim().slice(0, 80);
    status.textContent = n === 0 ? label('search.none', { q: shown }) : n === 1 ? label('search.resultsOne', { q: shown }) : label('search.results', { n: String(Math.min(n, SHOWN)), q: shown });
  };

  const run = async (q: string) => {
    const mine = ++ticket;
    popup.dataset['state'] = 'running';
    // The link to every result: the query in the address when it fits (the click below carries a long one).
    all.href = fitsInUrl(q) ? resultsAddress(resultsPath, q) : resultsPath;
    if (q.trim() === '') {
      list.replaceChildren();
      answer([]);
      open(false);
      popup.dataset['state'] = 'done';
      return;
    }
    status.textContent = label('search.searching');
    open(true);
    const found = await search(q, lang, base).catch(() => undefined);
    if (mine !== ticket) return;
    const items = [...(found?.sections ?? [])];
    if (found?.sections) {
      show(items);
      answer(items);
      say(q, items.length);
      popup.dataset['state'] = 'partial';
    }
    const more = await (found?.fullText ?? Promise.resolve({ items: [], unavailable: true, fullTextQuery: '' }));
    if (mine !== ticket) return;
    if (!found?.sections && more.unavailable) {
      list.replaceChildren();
      answer([]);
      status.textContent = label('search.unavailable');
      popup.dataset['state'] = 'failed';
      return;
    }
    items.push(...more.items);
    show(items);
    say(q, items.length);
    popup.dataset['state'] = 'done';
  };

  input.addEventListener('input', (event) => {
    popup.dataset['state'] = 'pending';
    window.clearTimeout(timer);
    // A paste is a whole query: search at once. Typing waits for a pause.
    const pasted = !(event instanceof InputEvent) || event.inputType === 'insertFromPaste';
    if (pasted) void run(host.query());
    else timer = window.setTimeout(() => void run(host.query()), DEBOUNCE_MS);
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
      else {
        input.value = '';
        host.pasted = undefined;
      }
    }
  });
  // With JavaScript, the results page gets the whole query, lines and all; a long one without a URL.
  const toResults = (event: Event) => {
    event.preventDefault();
    location.href = resultsAddress(resultsPath, host.query());
  };
  form.addEventListener('submit', toResults);
  all.addEventListener('click', (event) => {
    if ((event as MouseEvent).button === 0 && !(event as MouseEvent).ctrlKey && !(event as MouseEvent).metaKey) toResults(event);
  });
  document.addEventListener('click', (event) => {
    if (!host.contains(event.target as Node)) open(false);
  });
  if (input.value.trim() !== '') void run(host.query());
}
