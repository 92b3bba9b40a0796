/**
 * Renders search results with DOM methods and text nodes only: titles, signatures and excerpts
 * from the index never become HTML. `<mark>` is created as an element for highlighted words.
 */
import '../code/copy-button.ts';
import { copyStrings } from '../../lib/i18n/scripts/copy.ts';
import { searchStrings } from '../../lib/i18n/scripts/search.ts';
import type { Lang } from '../../lib/i18n/langs.ts';
import type { ResultAnswer, ResultItem } from './client.ts';

/**
 * A known error's answer, shown above the results: the likely cause, the first check (its command
 * with a copy button, as every code block has) and links to the wizard step and to the fix.
 */
export function renderAnswer(answer: ResultAnswer, lang: Lang): HTMLElement {
  const say = searchStrings[lang];
  const copying = copyStrings[lang];
  const card = document.createElement('section');
  card.className = 'search-answer';
  card.setAttribute('data-search-answer', '');
  card.setAttribute('aria-label', say['search.answer.title']);
  const cause = document.createElement('p');
  cause.append(text('strong', '', `${say['search.answer.cause']}: `), answer.cause);
  card.append(cause);
  if (answer.command) {
    card.append(text('p', 'search-answer-check', say['search.answer.check']));
    const block = document.createElement('div');
    block.className = 'code-block';
    block.setAttribute('data-code-block', '');
    const bar = document.createElement('div');
    bar.className = 'code-toolbar';
    bar.append(text('span', 'code-lang', answer.command.lang));
    const copy = document.createElement('copy-button');
    const button = document.createElement('button');
    button.type = 'button';
    button.hidden = true;
    button.setAttribute('aria-label', copying['code.copyLabel']);
    button.textContent = copying['code.copy'];
    const status = text('span', 'copy-status', '');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    copy.append(button, status);
    bar.append(copy);
    const pre = document.createElement('pre');
    pre.tabIndex = 0;
    pre.append(text('code', '', answer.command.code));
    block.append(bar, pre);
    card.append(block);
  }
  const links = document.createElement('p');
  links.className = 'search-answer-links';
  if (answer.stepHref) {
    const a = text('a', '', `${say['search.answer.step']}: ${answer.stepTitle ?? ''}`) as HTMLAnchorElement;
    a.href = answer.stepHref;
    a.setAttribute('data-answer-step', '');
    links.append(a, ' · ');
  }
  const fix = text('a', '', say['search.answer.fix']) as HTMLAnchorElement;
  fix.href = answer.fixHref;
  fix.setAttribute('data-answer-fix', '');
  links.append(fix);
  card.append(links);
  return card;
}

function text(tag: string, className: string, value: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = value;
  return el;
}

/** One result: a link (with `data-search-result`) and what matched. */
export function renderResult(item: ResultItem, lang: Lang, id?: string): HTMLLIElement {
  const say = searchStrings[lang];
  const li = document.createElement('li');
  li.className = `search-result${item.known ? ' search-result-known' : ''}`;
  if (id) li.id = id;
  const a = document.createElement('a');
  a.href = item.href;
  a.setAttribute('data-search-result', '');
  if (item.section) a.append(text('span', 'section-no', item.section), ' ');
  a.append(item.title);
  li.append(a);
  if (item.known) li.append(' ', text('span', 'badge badge-known', say['search.known']));
  if (item.matched) {
    const p = document.createElement('p');
    p.className = 'search-matched';
    p.append(text('code', '', item.matched));
    if (item.matchedLang) p.append(' ', text('span', 'badge', say['search.matchedOther']));
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
