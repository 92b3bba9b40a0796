/**
 * <copy-button>: copies the text of the nearest code block's <pre> to the clipboard, exactly as
 * shown. What it says after copying is in src/lib/i18n/scripts/copy.ts, in the page's language
 * (`<html lang>`), not printed with every block.
 */
import { copyStrings } from '../../lib/i18n/scripts/copy.ts';
import type { Lang } from '../../lib/i18n/langs.ts';

/** The site language of `<html lang>` (`zh-CN` → `zh`). */
function pageLang(): Lang {
  const html = document.documentElement.lang.toLowerCase();
  const langs = Object.keys(copyStrings) as Lang[];
  return langs.find((l) => html === l || html.startsWith(`${l}-`)) ?? langs[0] ?? 'en';
}

export class CopyButton extends HTMLElement {
  #timer: number | undefined;
  /** Connected once already: moved (the wizard moves steps between pages), it keeps its one listener. */
  #wired = false;

  /**
   * The button and its status line are made here, in the page's language: without JavaScript
   * nothing could copy, so the server prints an empty `<copy-button>` (CodeToolbar.astro).
   */
  connectedCallback(): void {
    let button = this.querySelector('button');
    if (!button) {
      const say = copyStrings[pageLang()];
      button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('aria-label', say['code.copyLabel']);
      button.textContent = say['code.copy'];
      const status = document.createElement('span');
      status.className = 'copy-status';
      status.setAttribute('role', 'status');
      status.setAttribute('aria-live', 'polite');
      this.append(button, status);
    }
    button.hidden = false;
    if (this.#wired) return;
    this.#wired = true;
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
    const say = copyStrings[pageLang()];
    if (status) status.textContent = ok ? say['code.copied'] : say['code.copyFailed'];
    this.toggleAttribute('data-done', ok);
    window.clearTimeout(this.#timer);
    this.#timer = window.setTimeout(() => {
      if (status) status.textContent = '';
      this.removeAttribute('data-done');
    }, 2500);
  }
}

if (!customElements.get('copy-button')) customElements.define('copy-button', CopyButton);
