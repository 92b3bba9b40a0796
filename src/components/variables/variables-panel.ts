/**
 * <variables-panel>: the reader's values, validated, kept in localStorage under one key shared by
 * every page in both languages, and applied to every `.var-slot` placeholder in the page's code.
 * A slot's text becomes the value encoded for its context (data-ctx); the copy button copies the
 * code's text, so what is shown is exactly what is copied. Without a valid value a slot shows
 * its written form again.
 */
import { placeValue, validateValue, type VariableKind } from '../../lib/variables/values.ts';
import { loadValues as load, saveValues as save, STORAGE_KEY, type Values } from './stored-values.ts';
import { fill } from '../../lib/i18n/fill.ts';
import { variableStrings } from '../../lib/i18n/scripts/variables.ts';

/** Applies values to every placeholder slot in the document; returns names that could not be placed. */
export function applyValues(values: Values, kinds: Record<string, VariableKind>, titles: Record<string, string>): Set<string> {
  const refused = new Set<string>();
  for (const slot of document.querySelectorAll<HTMLElement>('.var-slot[data-var]')) {
    const name = slot.dataset['var'] ?? '';
    const written = slot.dataset['written'] ?? slot.textContent ?? '';
    const kind = kinds[name];
    const raw = values[name];
    const encoded = kind ? placeValue(kind, slot.dataset['ctx'] ?? '', raw) : null;
    if (encoded === null && kind && raw !== undefined && validateValue(kind, raw).ok) refused.add(name);
    if (encoded !== null) {
      if (slot.textContent !== encoded) slot.textContent = encoded;
      slot.classList.add('var-set');
      slot.removeAttribute('title');
    } else {
      if (slot.textContent !== written) slot.textContent = written;
      slot.classList.remove('var-set');
      if (titles[name]) slot.title = titles[name];
    }
  }
  return refused;
}

class VariablesPanel extends HTMLElement {
  connectedCallback(): void {
    this.hidden = false;
    const say = variableStrings[this.dataset['lang'] === 'zh' ? 'zh' : 'en'];
    const inputs = [...this.querySelectorAll<HTMLInputElement>('input[data-var]')];
    const kinds: Record<string, VariableKind> = {};
    // A placeholder without a value says where to set it: the field of this panel, by its label.
    const titles: Record<string, string> = {};
    for (const input of inputs) {
      const name = input.dataset['var'] ?? '';
      kinds[name] = input.dataset['kind'] as VariableKind;
      const label = input.labels?.[0]?.textContent?.trim();
      if (label) titles[name] = fill(say['vars.slot'], { label });
    }

    const render = (values: Values) => {
      const refused = applyValues(values, kinds, titles);
      for (const input of inputs) {
        const name = input.dataset['var'] ?? '';
        const error = this.querySelector(`#var-${CSS.escape(name)}-error`);
        const raw = input.value;
        const v = raw.trim() === '' ? undefined : validateValue(kinds[name] ?? 'identifier', raw);
        const message = v && !v.ok ? (v.reason === 'empty' ? '' : say[`vars.error.${v.reason}`]) : refused.has(name) ? say['vars.error.context'] : '';
        input.setAttribute('aria-invalid', String(Boolean(v && !v.ok)));
        if (error && error.textContent !== message) error.textContent = message;
      }
    };

    const update = (input: HTMLInputElement) => {
      const name = input.dataset['var'] ?? '';
      const next = load();
      const v = validateValue(kinds[name] ?? 'identifier', input.value);
      if (v.ok) next[name] = v.value;
      else delete next[name];
      save(next);
      render(next);
    };

    // This code loads when the panel is opened: what the reader typed before it arrived is kept
    // and counts as typed, not replaced by the stored values.
    const values = load();
    const typed = inputs.filter((i) => i.value !== '' && i.value !== (values[i.dataset['var'] ?? ''] ?? ''));
    for (const input of inputs) if (!typed.includes(input)) input.value = values[input.dataset['var'] ?? ''] ?? '';
    render(values);
    if (inputs.some((i) => i.value !== '')) this.querySelector('details')?.setAttribute('open', '');

    for (const input of inputs) input.addEventListener('input', () => update(input));
    for (const input of typed) update(input);
    this.querySelector('[data-vars-reset]')?.addEventListener('click', () => {
      save({});
      for (const input of inputs) input.value = '';
      render({});
    });
    // New code arrived in the page (the wizard loads its steps): fill its placeholders too.
    document.addEventListener('arya:content-added', () => render(load()));
    // Another tab changed the values: follow it.
    window.addEventListener('storage', (event) => {
      if (event.key !== STORAGE_KEY) return;
      const next = load();
      for (const input of inputs) input.value = next[input.dataset['var'] ?? ''] ?? '';
      render(next);
    });
  }
}

if (!customElements.get('variables-panel')) customElements.define('variables-panel', VariablesPanel);
