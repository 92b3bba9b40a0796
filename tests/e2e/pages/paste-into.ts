import type { Locator } from '@playwright/test';

/**
 * Puts `text` in a text field as a paste does: the whole text at once, then one `input` event of
 * type `insertFromPaste`. (Playwright's fill() types into a textarea at about 12 KB a second here,
 * and its event is not a paste.)
 */
export async function pasteInto(field: Locator, text: string): Promise<void> {
  await field.evaluate((el: HTMLTextAreaElement | HTMLInputElement, value) => {
    el.value = value;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
}
