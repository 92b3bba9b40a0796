/**
 * <triage-wizard>: walks the tree in the page without network requests. The graph is read back
 * from the page itself (each step is a section, each answer a link with data-next), the answers
 * live in the URL (?a=0.2.1) and in the history, so Back/Forward walk the steps and reload keeps
 * the place. A URL whose answers do not lead to the step it names shows "start again".
 */
import { answer, back, fromQuery, resolve, start, toQuery, type Graph, type WalkState } from '../../lib/decision-tree/engine.ts';
import { issueUrl, summarizeView, type StepView } from '../../lib/decision-tree/summary.ts';

interface DomNode {
  id: string;
  options: Array<{ next: string; label: string }>;
  section: HTMLElement;
}

class TriageWizard extends HTMLElement {
  #graph: Graph<DomNode> = { start: '', nodes: [] };
  #state: WalkState | undefined;
  #labels: Record<string, string> = {};
  #ready = false;

  #readGraph(): void {
    const nodes = [...this.querySelectorAll<HTMLElement>('section[data-node]:not([data-invalid])')].map((section) => ({
      id: section.dataset['node'] ?? '',
      section,
      options: [...section.querySelectorAll<HTMLAnchorElement>('a[data-triage-option]')].map((a) => ({
        next: a.dataset['next'] ?? '',
        label: (a.textContent ?? '').trim(),
      })),
    }));
    this.#graph = { start: this.dataset['start'] ?? '', nodes };
  }

  /** Brings every step of the tree into the page, hidden; then the graph is complete. */
  async #loadSteps(): Promise<void> {
    const response = await fetch(this.dataset['steps'] ?? '');
    if (!response.ok) throw new Error(`steps: HTTP ${String(response.status)}`);
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    // Steps of another build (the network may already serve a newer deploy) would mix two versions
    // of the commands in one wizard: stay a page of plain links instead.
    if (doc.documentElement.dataset['build'] !== document.documentElement.dataset['build']) throw new Error('steps: another build');
    const before = this.querySelector('[data-invalid]');
    const present = new Set([...this.querySelectorAll<HTMLElement>('section[data-node]')].map((s) => s.dataset['node']));
    for (const section of doc.querySelectorAll<HTMLElement>('[data-all-steps] > section[data-node]')) {
      if (present.has(section.dataset['node'])) continue;
      const copy = document.importNode(section, true);
      copy.hidden = true;
      before?.before(copy);
    }
    // Commands in the new steps carry placeholders: let the variables panel fill them.
    document.dispatchEvent(new CustomEvent('arya:content-added'));
    this.#readGraph();
    this.#ready = true;
  }

  connectedCallback(): void {
    this.#labels = JSON.parse(this.dataset['labels'] ?? '{}') as Record<string, string>;
    this.#readGraph();

    this.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a[data-triage-option]');
      if (!this.#ready || !link || this.#state === undefined || event.defaultPrevented) return;
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      const next = answer(this.#graph, this.#state, Number(link.dataset['optionIndex']));
      this.#go(next);
    });
    this.querySelector('[data-back]')?.addEventListener('click', () => {
      if (this.#state && this.#state.answers.length > 0) this.#go(back(this.#state));
    });
    this.querySelector('[data-copy-summary]')?.addEventListener('click', () => void this.#copySummary());
    window.addEventListener('popstate', () => {
      if (this.#ready) this.#render(false);
    });
    // data-state: `loading` until every step is in the page, then `ready`; `static` when they
    // could not be loaded (offline, blocked) and the step stays a static page with plain links.
    this.dataset['state'] = 'loading';
    this.#loadSteps().then(
      () => {
        this.#render(false);
        this.dataset['state'] = 'ready';
      },
      () => {
        this.dataset['state'] = 'static';
      },
    );
  }

  /** The step named by the address: the segment after /triage/<tree>/, or the start. */
  #pageNode(): string {
    const tree = this.dataset['tree'] ?? '';
    const m = new RegExp(`/triage/${tree}/([^/]+)/?$`).exec(location.pathname);
    return m?.[1] ? decodeURIComponent(m[1]) : this.#graph.start;
  }

  #urlFor(state: WalkState): string {
    const r = resolve(this.#graph, state);
    const id = r.ok ? r.current.id : this.#graph.start;
    const root = location.pathname.replace(/\/triage\/([^/]+)\/.*$/, '/triage/$1/');
    return `${root}${id === this.#graph.start ? '' : `${encodeURIComponent(id)}/`}${toQuery(state)}`;
  }

  #go(state: WalkState): void {
    history.pushState({ triage: true }, '', this.#urlFor(state));
    this.#render(true);
  }

  #render(focus: boolean): void {
    const previous = this.#state;
    const parsed = fromQuery(location.search);
    const pageNode = this.#pageNode();
    const hasAnswers = new URLSearchParams(location.search).has('a');
    let show: HTMLElement | undefined;
    let path: Array<{ node: DomNode; optionIndex: number }> = [];

    if ('error' in parsed) {
      this.#state = undefined;
    } else {
      const r = resolve(this.#graph, parsed);
      if (r.ok && r.current.id === pageNode) {
        this.#state = parsed;
        path = r.path;
        show = r.current.section;
      } else if (!hasAnswers) {
        // Reached by a plain link without answers: show the step; the path before it is unknown.
        this.#state = pageNode === this.#graph.start ? start() : undefined;
        show = this.#graph.nodes.find((n) => n.id === pageNode)?.section;
      } else {
        this.#state = undefined;
      }
    }
    const invalid = this.querySelector<HTMLElement>('[data-invalid]');
    for (const n of this.#graph.nodes) n.section.hidden = n.section !== show;
    if (invalid) invalid.hidden = show !== undefined;
    this.#markPreviousAnswer(previous, show);
    this.#renderPath(path);
    const backButton = this.querySelector<HTMLElement>('[data-back]');
    if (backButton) backButton.hidden = path.length === 0;
    const summary = this.querySelector<HTMLElement>('[data-summary]');
    if (summary) summary.hidden = show === undefined;
    this.#updateIssueLink(path, show);
    if (focus) (show ?? invalid)?.querySelector<HTMLElement>('h2')?.focus();
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

  #renderPath(path: Array<{ node: DomNode; optionIndex: number }>): void {
    const nav = this.querySelector<HTMLElement>('[data-path]');
    const list = this.querySelector('[data-path-list]');
    if (!nav || !list) return;
    nav.hidden = path.length === 0;
    list.replaceChildren(
      ...path.map((step, i) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = this.#urlFor({ answers: this.#state?.answers.slice(0, i) ?? [] });
        a.textContent = this.#title(step.node.section);
        li.append(a, ' → ');
        const chosen = document.createElement('strong');
        chosen.textContent = step.node.options[step.optionIndex]?.label ?? '';
        li.append(chosen);
        return li;
      }),
    );
  }

  #title(section: HTMLElement): string {
    return (section.querySelector('[data-step-title]')?.textContent ?? '').trim();
  }

  #view(section: HTMLElement): StepView {
    const texts = (selector: string) => [...section.querySelectorAll(selector)].map((e) => (e.textContent ?? '').trim());
    return {
      title: this.#title(section),
      kind: (section.dataset['kind'] ?? 'question') as StepView['kind'],
      commands: [...section.querySelectorAll('[data-code-block]')].map((block) => ({
        lang: (block.querySelector('.code-lang')?.textContent ?? '').trim(),
        code: (block.querySelector('pre')?.textContent ?? '').replace(/\n$/, ''),
      })),
      fixSteps: texts('[data-fix-steps] > li'),
      attach: texts('[data-attach] > li'),
    };
  }

  #summary(path: Array<{ node: DomNode; optionIndex: number }>, shown: HTMLElement): string {
    return summarizeView(
      this.dataset['title'] ?? '',
      path.map((p) => ({ step: this.#view(p.node.section), answer: p.node.options[p.optionIndex]?.label ?? '' })),
      this.#view(shown),
      this.dataset['lang'] === 'zh' ? 'zh' : 'en',
      location.href,
      new Date(),
    );
  }

  #currentPath(): Array<{ node: DomNode; optionIndex: number }> {
    const r = this.#state ? resolve(this.#graph, this.#state) : undefined;
    return r?.ok ? r.path : [];
  }

  #updateIssueLink(path: Array<{ node: DomNode; optionIndex: number }>, shown: HTMLElement | undefined): void {
    const link = this.querySelector<HTMLAnchorElement>('[data-issue-link]');
    if (!link || !shown) return;
    const title = `${this.dataset['title'] ?? ''}: ${this.#title(shown)}`;
    link.href = issueUrl(this.dataset['issues'] ?? '', title, this.#summary(path, shown));
  }

  async #copySummary(): Promise<void> {
    const shown = [...this.querySelectorAll<HTMLElement>('section[data-node]')].find((s) => !s.hidden && !s.hasAttribute('data-invalid'));
    const status = this.querySelector('[data-summary-status]');
    if (!shown || !status) return;
    try {
      await navigator.clipboard.writeText(this.#summary(this.#currentPath(), shown));
      status.textContent = this.#labels['copied'] ?? '';
    } catch {
      status.textContent = this.#labels['failed'] ?? '';
    }
  }
}

if (!customElements.get('triage-wizard')) customElements.define('triage-wizard', TriageWizard);
