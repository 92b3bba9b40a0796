/**
 * Renders search results with DOM methods and text nodes only: titles, signatures and excerpts
 * from the index never become HTML. `<mark>` is created as an element for highlighted words.
 */
import type { ResultItem } from './client.ts';

export interface ResultLabels {
  known: string;
  matchedOther: string;
}

function text(tag: string, className: string, value: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = value;
  return el;
}

/** One result: a link (with `data-search-result`) and what matched. */
export function renderResult(item: ResultItem, labels: ResultLabels, id?: string): HTMLLIElement {
  const li = document.createElement('li');
  li.className = `search-result${item.known ? ' search-result-known' : ''}`;
  if (id) li.id = id;
  const a = document.createElement('a');
  a.href = item.href;
  a.setAttribute('data-search-result', '');
  if (item.section) a.append(text('span', 'section-no', item.section), ' ');
  a.append(item.title);
  li.append(a);
  if (item.known) li.append(' ', text('span', 'badge badge-known', labels.known));
  if (item.matched) {
    const p = document.createElement('p');
    p.className = 'search-matched';
    p.append(text('code', '', item.matched));
    if (item.matchedLang) p.append(' ', text('span', 'badge', labels.matchedOther));
    li.append(p);
  }
  if (item.excerpt.length > 0) {
    const p = document.createElement('p');
    p.className = 'search-excerpt';
    for (const seg of item.excerpt) {
      if (seg.mark) {
        const mark = document.createElement('mark');
        mark.textContent = seg.text;
        p.append(mark);
      } else {
        p.append(seg.text);
      }
    }
    li.append(p);
  }
  return li;
}
