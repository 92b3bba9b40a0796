/**
 * <search-results>: runs the page's query when it loads (?q=, or a long paste carried in the
 * history state: query-address.ts) and whenever the form is submitted, and renders results in
 * rank order as `a[data-search-result]`: the section index's at once, Pagefind's added below when
 * ready. A newer query always wins: each run takes a ticket, and a run whose ticket is stale drops
 * its answer.
 *
 * State on the element: `data-search-state` is `running`, `partial` (the section index's results
 * shown, full text coming), `done` or `failed` for the newest query; `data-search-finished`
 * counts the runs that have ended, shown or dropped as stale.
 */
import type { Lang } from '../../lib/i18n/langs.ts';
import { search, type ResultItem } from './client.ts';
import { pushQuery, queryOfPage } from './query-address.ts';
import { renderAnswer, renderResult, type AnswerLabels } from './result-item.ts';

type Labels = Record<string, string>;

/** Query text as shown back to the reader: one line, at most 120 characters. */
function echo(q: string): string {
  const line = q.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}


class SearchResults extends HTMLElement {
  #ticket = 0;

  connectedCallback(): void {
    const form = this.querySelector('form');
    const input = this.querySelector('textarea');
    if (!form || !input) return;
    this.querySelector<HTMLElement>('[data-search-nojs]')?.remove();
    const q = queryOfPage();
    input.value = q;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = input.value;
      pushQuery(value);
      void this.run(value);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    window.addEventListener('popstate', () => {
      const value = queryOfPage();
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
      this.querySelector('[data-search-answer]')?.remove();
      status.textContent = this.label('search.empty');
      this.dataset['searchState'] = 'done';
      return;
    }
    status.textContent = this.label('search.searching');
    const lang = (this.dataset['lang'] ?? 'en') as Lang;
    const labels = { known: this.label('search.known'), matchedOther: this.label('search.matchedOther') };
    const found = await search(q, lang, this.dataset['base'] ?? '/').catch(() => undefined);
    if (ticket !== this.#ticket) return;
    // The section index's results first, at once; Pagefind's join below them when ready.
    const items: ResultItem[] = [...(found?.sections ?? [])];
    this.querySelector('[data-search-answer]')?.remove();
    if (found?.sections) {
      list.replaceChildren(...items.map((item) => renderResult(item, labels)));
      const first = items[0]?.answer;
      if (first) list.before(renderAnswer(first, JSON.parse(this.dataset['answerLabels'] ?? '{}') as AnswerLabels));
      status.textContent = this.summary(q, items.length, found.query.truncated);
      help.hidden = items.length > 0;
      this.dataset['searchState'] = 'partial';
    }
    const more = await (found?.fullText ?? Promise.resolve({ items: [], unavailable: true, fullTextQuery: '' }));
    if (ticket !== this.#ticket) return;
    if (!found?.sections && more.unavailable) {
      list.replaceChildren();
      status.textContent = this.label('search.unavailable');
      help.hidden = false;
      this.dataset['searchState'] = 'failed';
      return;
    }
    list.append(...more.items.map((item) => renderResult(item, labels)));
    items.push(...more.items);
    let text = this.summary(q, items.length, found?.query.truncated ?? false);
    // Full text found nothing for the whole text and fell back to a shorter query: say which.
    const fellBack = more.fullTextQuery !== '' && more.fullTextQuery !== found?.query.fullText;
    if (fellBack && !items.some((i) => i.source === 'signature')) text += ` ${this.label('search.fallback', { q: echo(more.fullTextQuery) })}`;
    status.textContent = text;
    help.hidden = items.length > 0;
    this.dataset['searchState'] = 'done';
  }

  summary(q: string, n: number, truncated: boolean): string {
    const parts = [n === 0 ? this.label('search.none', { q: echo(q) }) : n === 1 ? this.label('search.resultsOne', { q: echo(q) }) : this.label('search.results', { n: String(n), q: echo(q) })];
    if (truncated) parts.push(this.label('search.truncated'));
    return parts.join(' ');
  }
}

if (!customElements.get('search-results')) customElements.define('search-results', SearchResults);
