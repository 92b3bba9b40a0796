/**
 * <copy-button>: copies the text of the nearest code block's <pre> to the clipboard, exactly as
 * shown. Labels arrive through data-* attributes, so the script is the same for every language.
 */
export class CopyButton extends HTMLElement {
  #timer: number | undefined;

  connectedCallback(): void {
    const button = this.querySelector('button');
    if (!button) return;
    button.hidden = false;
    button.addEventListener('click', () => void this.copy());
  }

  /** The text to copy: what the reader sees in the block, line breaks included. */
  text(): string {
    const pre = this.closest('[data-code-block]')?.querySelector('pre');
    return (pre?.textContent ?? '').replace(/\n$/, '');
  }

  async copy(): Promise<void> {
    const status = this.querySelector('.copy-status');
    let ok = true;
    try {
      await navigator.clipboard.writeText(this.text());
    } catch {
      ok = false;
    }
    if (status) status.textContent = ok ? (this.dataset['copied'] ?? '') : (this.dataset['failed'] ?? '');
    this.toggleAttribute('data-done', ok);
    window.clearTimeout(this.#timer);
    this.#timer = window.setTimeout(() => {
      if (status) status.textContent = '';
      this.removeAttribute('data-done');
    }, 2500);
  }
}

if (!customElements.get('copy-button')) customElements.define('copy-button', CopyButton);
