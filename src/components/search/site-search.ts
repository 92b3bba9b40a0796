/**
 * <site-search> at page load: keyboard shortcuts only. Everything that searches lives in
 * search-panel.ts and is imported the first time the field is focused or typed into.
 */
type Panel = typeof import('./search-panel.ts');

class SiteSearch extends HTMLElement {
  #panel: Promise<Panel> | undefined;

  connectedCallback(): void {
    const input = this.querySelector('input');
    if (!input) return;
    const start = () => {
      this.#panel ??= import('./search-panel.ts');
      void this.#panel.then((panel) => panel.attach(this, input));
    };
    input.addEventListener('focus', start, { once: true });
    input.addEventListener('input', start, { once: true });
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
