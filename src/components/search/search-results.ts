/**
 * <search-results>: runs the query in ?q= when the page loads and whenever the form is submitted,
 * and renders results in rank order as `a[data-search-result]`. A newer query always wins: each
 * run takes a ticket, and a run whose ticket is stale drops its answer.
 *
 * State on the element: `data-search-state` is `running`, `done` or `failed` for the newest
 * query; `data-search-finished` counts the runs that have ended, shown or dropped as stale.
 */
import type { Lang } from '../../lib/i18n/langs.ts';
import { search } from './client.ts';
import { renderResult } from './result-item.ts';

type Labels = Record<string, string>;

/** Query text as shown back to the reader: one line, at most 120 characters. */
function echo(q: string): string {
  const line = q.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/** What goes back into the address bar: short enough for any server. */
function forUrl(q: string): string {
  return q.length > 2000 ? q.slice(-2000) : q;
}

class SearchResults extends HTMLElement {
  #ticket = 0;

  connectedCallback(): void {
    const form = this.querySelector('form');
    const input = this.querySelector('textarea');
    if (!form || !input) return;
    this.querySelector<HTMLElement>('[data-search-nojs]')?.remove();
    const q = new URLSearchParams(location.search).get('q') ?? '';
    input.value = q;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = input.value;
      const url = new URL(location.href);
      url.searchParams.set('q', forUrl(value));
      history.pushState(null, '', url);
      void this.run(value);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    window.addEventListener('popstate', () => {
      const value = new URLSearchParams(location.search).get('q') ?? '';
      input.value = value;
      void this.run(value);
    });
    void this.run(q);
  }

  get labels(): Labels {
    return JSON.parse(this.dataset['labels'] ?? '{}') as Labels;
  }

  label(key: string, vars: Record<string, string> = {}): string {
    return (this.labels[key] ?? key).replace(/\{(\w+)\}/g, (w, k: string) => vars[k] ?? w);
  }

  async run(q: string): Promise<void> {
    try {
      await this.#run(q);
    } finally {
      this.dataset['searchFinished'] = String(Number(this.dataset['searchFinished'] ?? '0') + 1);
    }
  }

  async #run(q: string): Promise<void> {
    const ticket = ++this.#ticket;
    const status = this.querySelector('[data-search-status]');
    const list = this.querySelector('[data-search-results]');
    const help = this.querySelector<HTMLElement>('[data-search-help]');
    if (!status || !list || !help) return;
    this.dataset['searchState'] = 'running';
    help.hidden = true;
    if (q.trim() === '') {
      list.replaceChildren();
      status.textContent = this.label('search.empty');
      this.dataset['searchState'] = 'done';
      return;
    }
    status.textContent = this.label('search.searching');
    const lang = (this.dataset['lang'] ?? 'en') as Lang;
    try {
      const outcome = await search(q, lang, this.dataset['base'] ?? '/');
      if (ticket !== this.#ticket) return;
      const labels = { known: this.label('search.known'), matchedOther: this.label('search.matchedOther') };
      list.replaceChildren(...outcome.items.map((item) => renderResult(item, labels)));
      const n = outcome.items.length;
      const parts: string[] = [];
      if (n === 0) parts.push(this.label('search.none', { q: echo(q) }));
      else if (n === 1) parts.push(this.label('search.resultsOne', { q: echo(q) }));
      else parts.push(this.label('search.results', { n: String(n), q: echo(q) }));
      // Full text found nothing for the whole text and fell back to a shorter query: say which.
      const fellBack = outcome.fullTextQuery !== '' && outcome.fullTextQuery !== outcome.query.fullText;
      if (fellBack && !outcome.items.some((i) => i.source === 'signature')) {
        parts.push(this.label('search.fallback', { q: echo(outcome.fullTextQuery) }));
      }
      if (outcome.query.truncated) parts.push(this.label('search.truncated'));
      status.textContent = parts.join(' ');
      help.hidden = n > 0;
      this.dataset['searchState'] = 'done';
    } catch {
      if (ticket !== this.#ticket) return;
      list.replaceChildren();
      status.textContent = this.label('search.unavailable');
      help.hidden = false;
      this.dataset['searchState'] = 'failed';
    }
  }
}

if (!customElements.get('search-results')) customElements.define('search-results', SearchResults);
