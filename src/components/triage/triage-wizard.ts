/**
 * <triage-wizard>: walks the tree in the page without network requests. It loads the tree once:
 * its steps as data (steps.json, written by the build from src/lib/decision-tree/view.ts) and
 * their markup (the tree's all-steps page). The engine (src/lib/decision-tree/engine.ts) walks
 * the data; the summary (summary.ts) is built from it, with the reader's command values in
 * place. Nothing is read back out of the page. The answers live in the URL (?a=0.2.1) and in the
 * history, so Back/Forward walk the steps and reload keeps the place. A URL whose answers do not
 * lead to the step it names shows "start again".
 *
 * At a diagnostic step the reader can paste what the commands printed: the answers whose output
 * patterns it matches are marked (`data-triage-match`) with the lines that matched, and the
 * reader chooses; nothing advances on its own. The matcher loads on the first paste.
 *
 * State on the element: data-state is `loading` until the tree is in the page, then `ready`;
 * `static` when it could not be loaded (offline, blocked, another build) and the step stays a
 * static page of plain links.
 */
import '../code/copy-button.ts';
import { answer, back, fromQuery, resolve, start, toQuery, type PathStep, type WalkState } from '../../lib/decision-tree/engine.ts';
import { issueUrl, summarize, type SummaryWords } from '../../lib/decision-tree/summary.ts';
import type { StepView, TreeView } from '../../lib/decision-tree/view.ts';
import { fillSlots } from '../../lib/variables/values.ts';
import { loadValues } from '../variables/stored-values.ts';

type Step = PathStep<StepView>;
type Matcher = typeof import('../../lib/decision-tree/output-match.ts');

/** Typing is read once the reader pauses; a paste (or a drop), the usual way output arrives, at once. */
const PASTE_DEBOUNCE_MS = 150;
const AT_ONCE = new Set(['insertFromPaste', 'insertFromDrop']);

class TriageWizard extends HTMLElement {
  #tree: TreeView | undefined;
  /** Each step's section in the page, by node id. */
  #sections = new Map<string, HTMLElement>();
  #state: WalkState | undefined;
  #labels: Record<string, string> = {};
  #matcher: Promise<Matcher> | undefined;
  #pasteTimer: number | undefined;

  /** Brings the tree into the page: its data, and every step's markup, hidden. */
  async #load(): Promise<TreeView> {
    const [data, page] = await Promise.all([fetch(this.dataset['stepsData'] ?? ''), fetch(this.dataset['steps'] ?? '')]);
    if (!data.ok || !page.ok) throw new Error(`steps: HTTP ${String(data.status)} ${String(page.status)}`);
    const tree = (await data.json()) as TreeView;
    const doc = new DOMParser().parseFromString(await page.text(), 'text/html');
    // Steps of another build or another version of the tree (the network may already serve a
    // newer deploy) would mix two versions of the commands in one wizard: stay plain links.
    if (doc.documentElement.dataset['build'] !== document.documentElement.dataset['build']) throw new Error('steps: another build');
    if (tree.digest !== this.dataset['digest']) throw new Error('steps: another version of the tree');
    const before = this.querySelector('[data-invalid]');
    for (const section of this.querySelectorAll<HTMLElement>('section[data-node]:not([data-invalid])')) this.#sections.set(section.dataset['node'] ?? '', section);
    for (const section of doc.querySelectorAll<HTMLElement>('[data-all-steps] > section[data-node]')) {
      const id = section.dataset['node'] ?? '';
      if (this.#sections.has(id)) continue;
      const copy = document.importNode(section, true);
      copy.hidden = true;
      before?.before(copy);
      this.#sections.set(id, copy);
    }
    // Commands in the new steps carry placeholders: let the variables panel fill them.
    document.dispatchEvent(new CustomEvent('arya:content-added'));
    return tree;
  }

  connectedCallback(): void {
    this.#labels = JSON.parse(this.dataset['labels'] ?? '{}') as Record<string, string>;
    this.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a[data-triage-option]');
      if (!this.#tree || !link || this.#state === undefined || event.defaultPrevented) return;
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      this.#go(answer(this.#tree, this.#state, Number(link.dataset['optionIndex'])));
    });
    this.querySelector('[data-back]')?.addEventListener('click', () => {
      if (this.#state && this.#state.answers.length > 0) this.#go(back(this.#state));
    });
    this.querySelector('[data-copy-summary]')?.addEventListener('click', () => void this.#copySummary());
    this.addEventListener('input', (event) => {
      const box = (event.target as Element | null)?.closest<HTMLTextAreaElement>('textarea[data-triage-paste]');
      if (!box || !this.#tree) return;
      window.clearTimeout(this.#pasteTimer);
      if (event instanceof InputEvent && AT_ONCE.has(event.inputType)) void this.#readPaste(box);
      else this.#pasteTimer = window.setTimeout(() => void this.#readPaste(box), PASTE_DEBOUNCE_MS);
    });
    window.addEventListener('popstate', () => {
      if (this.#tree) this.#render(false);
    });
    this.dataset['state'] = 'loading';
    this.#load().then(
      (tree) => {
        this.#tree = tree;
        for (const box of this.querySelectorAll<HTMLElement>('[data-paste-box]')) box.hidden = false;
        this.#render(false);
        this.dataset['state'] = 'ready';
      },
      () => {
        this.dataset['state'] = 'static';
      },
    );
  }

  /** The step named by the address: the segment after /triage/<tree>/, or the start. */
  #pageNode(tree: TreeView): string {
    const m = new RegExp(`/triage/${tree.tree}/([^/]+)/?$`).exec(location.pathname);
    if (!m?.[1]) return tree.start;
    // A malformed escape (`%E0%A4%A`) names no step: the wizard starts at the start step.
    try {
      return decodeURIComponent(m[1]);
    } catch {
      return tree.start;
    }
  }

  #urlFor(tree: TreeView, state: WalkState): string {
    const r = resolve(tree, state);
    const id = r.ok ? r.current.id : tree.start;
    const root = location.pathname.replace(/\/triage\/([^/]+)\/.*$/, '/triage/$1/');
    return `${root}${id === tree.start ? '' : `${encodeURIComponent(id)}/`}${toQuery(state)}`;
  }

  #go(state: WalkState): void {
    if (!this.#tree) return;
    history.pushState({ triage: true }, '', this.#urlFor(this.#tree, state));
    this.#render(true);
  }

  /** The step to show and the path to it, from the address. */
  #locate(tree: TreeView): { show: StepView | undefined; path: Step[] } {
    const parsed = fromQuery(location.search);
    const pageNode = this.#pageNode(tree);
    if ('error' in parsed) {
      this.#state = undefined;
      return { show: undefined, path: [] };
    }
    const r = resolve(tree, parsed);
    if (r.ok && r.current.id === pageNode) {
      this.#state = parsed;
      return { show: r.current, path: r.path };
    }
    if (!new URLSearchParams(location.search).has('a')) {
      // Reached by a plain link without answers: show the step; the path before it is unknown.
      this.#state = pageNode === tree.start ? start() : undefined;
      return { show: tree.nodes.find((n) => n.id === pageNode), path: [] };
    }
    this.#state = undefined;
    return { show: undefined, path: [] };
  }

  #render(focus: boolean): void {
    const tree = this.#tree;
    if (!tree) return;
    const previous = this.#state;
    const { show, path } = this.#locate(tree);
    const shown = show ? this.#sections.get(show.id) : undefined;
    const invalid = this.querySelector<HTMLElement>('[data-invalid]');
    for (const section of this.#sections.values()) section.hidden = section !== shown;
    if (invalid) invalid.hidden = shown !== undefined;
    this.#markPreviousAnswer(previous, shown);
    this.#renderPath(tree, path);
    // The tree diagram (tree-overview.ts) marks the step and the way there.
    document.dispatchEvent(new CustomEvent('arya:triage-step', { detail: { current: show?.id, path: path.map((p) => p.node.id) } }));
    const backButton = this.querySelector<HTMLElement>('[data-back]');
    if (backButton) backButton.hidden = path.length === 0;
    const summary = this.querySelector<HTMLElement>('[data-summary]');
    if (summary) summary.hidden = shown === undefined;
    const link = this.querySelector<HTMLAnchorElement>('[data-issue-link]');
    if (link && show) link.href = issueUrl(this.dataset['issues'] ?? '', `${tree.title}: ${show.title}`, this.#summary(tree, path, show));
    if (focus) (shown ?? invalid)?.querySelector<HTMLElement>('h2')?.focus();
  }

  /** After Back, the answer given before at this step is marked, so it can be chosen again or changed. */
  #markPreviousAnswer(previous: WalkState | undefined, shown: HTMLElement | undefined): void {
    for (const a of this.querySelectorAll('a[data-triage-option][aria-current]')) {
      a.removeAttribute('aria-current');
      a.querySelector('.triage-previous')?.remove();
    }
    const now = this.#state;
    if (!previous || !now || !shown || previous.answers.length <= now.answers.length) return;
    if (!now.answers.every((x, i) => previous.answers[i] === x)) return;
    const index = previous.answers[now.answers.length];
    const link = shown.querySelectorAll<HTMLAnchorElement>('a[data-triage-option]')[index ?? -1];
    if (!link) return;
    link.setAttribute('aria-current', 'true');
    const note = document.createElement('span');
    note.className = 'triage-previous';
    note.textContent = ` (${this.#labels['previousAnswer'] ?? ''})`;
    link.append(note);
  }

  #renderPath(tree: TreeView, path: ReadonlyArray<Step>): void {
    const nav = this.querySelector<HTMLElement>('[data-path]');
    const list = this.querySelector('[data-path-list]');
    if (!nav || !list) return;
    nav.hidden = path.length === 0;
    list.replaceChildren(
      ...path.map((step, i) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = this.#urlFor(tree, { answers: this.#state?.answers.slice(0, i) ?? [] });
        a.textContent = plain(step.node.title);
        const chosen = document.createElement('strong');
        chosen.textContent = plain(step.option.label);
        li.append(a, ' → ', chosen);
        return li;
      }),
    );
  }

  /** Marks the answers whose output patterns the pasted text matches, with the lines that matched. */
  async #readPaste(box: HTMLTextAreaElement): Promise<void> {
    const section = box.closest<HTMLElement>('section[data-node]');
    const step = this.#tree?.nodes.find((n) => n.id === section?.dataset['node']);
    const status = section?.querySelector('[data-paste-status]');
    if (!section || !step || !status) return;
    this.#matcher ??= import('../../lib/decision-tree/output-match.ts');
    const { matchOutput } = await this.#matcher;
    const text = box.value;
    const found = text.trim() === '' ? [] : matchOutput(text, step.options);
    const links = [...section.querySelectorAll<HTMLAnchorElement>('a[data-triage-option]')];
    for (const link of links) {
      link.removeAttribute('data-triage-match');
      link.removeAttribute('aria-describedby');
      link.parentElement?.querySelector('.triage-match-lines')?.remove();
    }
    for (const { option, lines } of found) {
      const link = links[option];
      if (!link) continue;
      link.setAttribute('data-triage-match', '');
      const note = document.createElement('p');
      note.className = 'triage-match-lines';
      note.id = `${box.id}-match-${String(option)}`;
      note.append(this.#labels['pasteMatched'] ?? '');
      for (const line of lines) {
        const code = document.createElement('code');
        code.textContent = line;
        note.append(code);
      }
      link.after(note);
      link.setAttribute('aria-describedby', note.id);
    }
    const first = found[0];
    status.textContent =
      text.trim() === ''
        ? ''
        : found.length === 0
          ? (this.#labels['pasteNone'] ?? '')
          : found.length === 1 && first
            ? (this.#labels['pasteOne'] ?? '').replace('{label}', plain(step.options[first.option]?.label ?? ''))
            : (this.#labels['pasteMany'] ?? '').replace('{n}', String(found.length));
    section.dataset['pasteState'] = found.length === 0 ? (text.trim() === '' ? 'empty' : 'none') : 'matched';
  }

  #summary(tree: TreeView, path: ReadonlyArray<Step>, current: StepView): string {
    const values = loadValues();
    return summarize({
      treeTitle: tree.title,
      path: path.map((p) => ({ step: p.node, answer: p.option.label })),
      current,
      words: JSON.parse(this.dataset['words'] ?? '{}') as SummaryWords,
      url: location.href,
      time: new Date(),
      shown: (c) => fillSlots(c.code, c.slots, values),
    });
  }

  async #copySummary(): Promise<void> {
    const tree = this.#tree;
    const status = this.querySelector('[data-summary-status]');
    if (!tree || !status) return;
    const { show, path } = this.#locate(tree);
    if (!show) return;
    try {
      await navigator.clipboard.writeText(this.#summary(tree, path, show));
      status.textContent = this.#labels['copied'] ?? '';
    } catch {
      status.textContent = this.#labels['failed'] ?? '';
    }
  }
}

/** A title or label as plain text: `code` spans lose their backticks. */
function plain(text: string): string {
  return text.replace(/`([^`]+)`/g, '$1');
}

if (!customElements.get('triage-wizard')) customElements.define('triage-wizard', TriageWizard);
