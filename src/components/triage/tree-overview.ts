/**
 * <tree-overview>: marks the reader's place in the tree diagram as the wizard walks. The page
 * marks its own step (`aria-current="step"`); the wizard (triage-wizard.ts) announces every step it
 * shows with the event `arya:triage-step` ({ current, path }: node ids, the path from the start,
 * current step excluded), and this moves the mark and marks the boxes and arrows of the way there.
 * When the diagram scrolls (narrow screens), opening it brings the current step into view.
 */

export interface TriageStepDetail {
  /** The step shown; undefined when the address leads to no step. */
  current: string | undefined;
  /** The steps answered to get there, from the start. */
  path: string[];
}

class TreeOverview extends HTMLElement {
  #onStep = (event: Event): void => this.mark((event as CustomEvent<TriageStepDetail>).detail);

  connectedCallback(): void {
    document.addEventListener('arya:triage-step', this.#onStep);
    this.closest('details')?.addEventListener('toggle', () => this.reveal());
  }

  disconnectedCallback(): void {
    document.removeEventListener('arya:triage-step', this.#onStep);
  }

  mark({ current, path }: TriageStepDetail): void {
    for (const el of this.querySelectorAll('.on-path')) el.classList.remove('on-path');
    for (const el of this.querySelectorAll('[aria-current]')) el.removeAttribute('aria-current');
    const way = current === undefined ? path : [...path, current];
    way.forEach((id, i) => {
      const node = this.querySelector(`[data-step="${CSS.escape(id)}"]`);
      if (id === current) node?.setAttribute('aria-current', 'step');
      else node?.classList.add('on-path');
      const next = way[i + 1];
      if (next !== undefined) this.querySelector(`[data-edge="${CSS.escape(`${id} ${next}`)}"]`)?.classList.add('on-path');
    });
  }

  /** Scrolls the frame so that the current step is in the middle, when the frame scrolls at all. */
  reveal(): void {
    const frame = this.querySelector<HTMLElement>('.tree-overview-scroll');
    const node = this.querySelector<SVGGraphicsElement>('[aria-current] rect');
    if (!frame || !node || frame.scrollWidth <= frame.clientWidth) return;
    const box = node.getBoundingClientRect();
    const view = frame.getBoundingClientRect();
    frame.scrollLeft += box.left + box.width / 2 - (view.left + view.width / 2);
  }
}

if (!customElements.get('tree-overview')) customElements.define('tree-overview', TreeOverview);
