import type { Locator, Page } from '@playwright/test';
import { pasteInto } from './paste-into.ts';

/** A triage wizard: /<lang>/triage/<tree>/… */
export class WizardPage {
  readonly page: Page;
  readonly step: Locator;
  readonly heading: Locator;
  readonly options: Locator;
  readonly outcome: Locator;
  /** The code blocks of the step shown, each with its copy button. */
  readonly codeBlocks: Locator;
  /** The tree diagram under "Overview of this triage". */
  readonly overview: Locator;

  constructor(page: Page) {
    this.page = page;
    this.step = page.locator('section[data-node]:not([hidden])');
    this.heading = this.step.locator('h2');
    this.options = this.step.locator('[data-triage-option]');
    this.outcome = this.step.locator('[data-triage-outcome]');
    this.codeBlocks = this.step.locator('[data-code-block]');
    this.overview = page.locator('tree-overview');
  }

  /** Opens "Overview of this triage". */
  async openOverview(): Promise<void> {
    await this.page.locator('details.tree-overview-details > summary').click();
    await this.overview.locator('svg').waitFor();
  }

  /** Opens a tree's first step; with JavaScript, resolves once the wizard has loaded every step. */
  async open(lang: 'zh' | 'en', tree: string, { javaScript = true } = {}): Promise<void> {
    // Relative to baseURL, so the same page object works under a sub-path base (tests/base).
    await this.page.goto(`${lang}/triage/${tree}/`);
    if (javaScript) await this.ready();
  }

  /** Resolves once the wizard walks without the network (or has fallen back to static links). */
  async ready(): Promise<void> {
    await this.page.locator('triage-wizard[data-state="ready"], triage-wizard[data-state="static"]').waitFor({ state: 'attached' });
  }

  /**
   * Pastes `text` into a step's output field as a paste does (one input event, `insertFromPaste`,
   * which the wizard reads at once); resolves once the step has read it (its paste state is set).
   */
  async paste(node: string, text: string): Promise<void> {
    const step = this.page.locator(`section[data-node="${node}"]`);
    await step.evaluate((section) => section.removeAttribute('data-paste-state'));
    await pasteInto(step.locator('textarea[data-triage-paste]'), text);
    await step.and(this.page.locator('[data-paste-state]')).waitFor({ state: 'attached' });
  }

  /** Chooses the first answer by keyboard until an outcome shows; returns the headings passed. */
  async walkByKeyboard(limit = 20): Promise<string[]> {
    const seen: string[] = [];
    for (let i = 0; i < limit && (await this.outcome.count()) === 0; i++) {
      seen.push((await this.heading.textContent()) ?? '');
      await this.options.first().focus();
      await this.page.keyboard.press('Enter');
      await this.page.waitForFunction((prev) => document.querySelector('section[data-node]:not([hidden]) h2')?.textContent !== prev, seen.at(-1));
    }
    return seen;
  }
}
