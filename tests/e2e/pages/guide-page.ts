import type { Locator, Page } from '@playwright/test';

/** A guide page: `/<lang>/guides/<slug>/`. */
export class GuidePage {
  readonly page: Page;
  readonly article: Locator;
  readonly title: Locator;
  readonly languageSwitch: Locator;
  readonly toc: Locator;
  /** "On this page": collapsed under the title on narrow screens, open beside the article on wide ones. */
  readonly tocDetails: Locator;
  /** The chapters and sections, as the sidebar (wide) or inside the header's menu button (narrow). */
  readonly sectionNav: Locator;
  readonly menuButton: Locator;
  readonly variablesPanel: Locator;
  readonly symptom: Locator;

  constructor(page: Page) {
    this.page = page;
    this.article = page.locator('article[data-guide-section]');
    this.title = this.article.getByRole('heading', { level: 1 });
    this.languageSwitch = page.locator('a[data-lang-switch]');
    this.toc = page.locator('nav.toc');
    this.tocDetails = page.locator('details.toc-details');
    this.sectionNav = page.locator('nav.section-nav:visible');
    this.menuButton = page.locator('header details.nav-menu > summary');
    this.variablesPanel = page.locator('variables-panel');
    this.symptom = page.locator('section[data-block="symptom"]');
  }

  async goto(lang: 'zh' | 'en', slug: string): Promise<void> {
    // Relative to baseURL, so the same page object works under a sub-path base (tests/base).
    await this.page.goto(`${lang}/guides/${slug}/`);
  }

  section(): Promise<string | null> {
    return this.article.getAttribute('data-guide-section');
  }

  /** The n-th code block (0-based) and its copy button. */
  codeBlock(n: number): { pre: Locator; copy: Locator; status: Locator } {
    const block = this.page.locator('[data-code-block]').nth(n);
    return {
      pre: block.locator('pre'),
      copy: block.getByRole('button'),
      status: block.getByRole('status'),
    };
  }
}
