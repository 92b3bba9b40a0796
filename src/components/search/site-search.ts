/**
 * <site-search> at page load: the keyboard shortcuts, loading the search when the reader is about
 * to use it (the pointer over the field, or its focus), and keeping a multi-line paste whole.
 * Everything that searches lives in search-panel.ts, imported then.
 *
 * A text field holds one line: a pasted traceback would arrive as one long line, its frames and
 * its last exception run together. So a paste of several lines is kept here, whole (`pasted`), while
 * the field shows it on one line; `query()` is what the panel searches and sends on.
 */
type Panel = typeof import('./search-panel.ts');

export class SiteSearch extends HTMLElement {
  #panel: Promise<Panel> | undefined;
  /** A multi-line paste, and the one line the field shows for it. */
  pasted: { text: string; shown: string } | undefined;

  /** The query: the whole paste while the field still shows it, else the field's text. */
  query(): string {
    const input = this.querySelector('input');
    const value = input?.value ?? '';
    return this.pasted && this.pasted.shown === value ? this.pasted.text : value;
  }

  connectedCallback(): void {
    const input = this.querySelector('input');
    if (!input) return;
    const start = () => {
      this.#panel ??= import('./search-panel.ts');
      void this.#panel.then((panel) => panel.attach(this, input));
    };
    for (const type of ['pointerenter', 'pointerdown', 'focus', 'input'] as const) input.addEventListener(type, start, { once: true });
    input.addEventListener('paste', (event) => {
      const text = event.clipboardData?.getData('text/plain') ?? '';
      const whole = input.selectionStart === 0 && input.selectionEnd === input.value.length;
      if (!/\n/.test(text.trim()) || !whole) {
        this.pasted = undefined;
        return;
      }
      event.preventDefault();
      input.value = text.replace(/\s+/g, ' ').trim();
      this.pasted = { text, shown: input.value };
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    });
    document.addEventListener('keydown', (event) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
      const isSlash = event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
      const isK = (event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey) && !event.altKey;
      if (!isSlash && !isK) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
  }
}

if (!customElements.get('site-search')) customElements.define('site-search', SiteSearch);
