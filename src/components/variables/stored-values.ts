/**
 * The reader's command values in localStorage: one key shared by every page in both languages.
 * Read by the variables panel (which writes them) and by the wizard's summary.
 */
export const STORAGE_KEY = 'arya:variables:v1';

export type Values = Record<string, string>;

export function loadValues(): Values {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: Values = Object.create(null) as Values;
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' && /^[a-z][a-z0-9_]*$/.test(k)) out[k] = v;
    return out;
  } catch {
    return {};
  }
}

export function saveValues(values: Values): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(values));
  } catch {
    // Storage full or blocked: the values still apply to this page.
  }
}
