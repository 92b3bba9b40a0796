/**
 * The wizard reads what a command printed: every tree is walked by pasting the output of each
 * diagnostic step (the examples the trees give for their answers) instead of choosing the answer,
 * and the walk must reach the same outcome as choosing does. Paths are picked so that every
 * answer with output patterns is pasted once, in English; one path per tree runs in Chinese.
 * Each language's page is loaded once per tree; between paths the reader goes Back to the start.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../support/browser-test.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { WizardPage } from './pages/wizard-page.ts';

interface Node {
  id: string;
  kind: 'question' | 'diagnostic' | 'outcome';
  options?: Array<{ next: string; match?: Array<{ pattern: string; examples: string[] }> }>;
}
interface Tree {
  start: string;
  nodes: Node[];
}

/** Root-to-outcome paths (as option indices) that together use every answer that has examples. */
function coveringPaths(tree: Tree): number[][] {
  const byId = new Map(tree.nodes.map((n) => [n.id, n]));
  const all: Array<{ answers: number[]; uses: string[] }> = [];
  const walk = (id: string, answers: number[], uses: string[], seen: Set<string>) => {
    const node = byId.get(id);
    if (!node || seen.has(id)) return;
    if (node.kind === 'outcome') {
      all.push({ answers, uses });
      return;
    }
    (node.options ?? []).forEach((o, i) => {
      const use = o.match ? [`${id}:${String(i)}`] : [];
      walk(o.next, [...answers, i], [...uses, ...use], new Set([...seen, id]));
    });
  };
  walk(tree.start, [], [], new Set());
  const wanted = new Set(all.flatMap((p) => p.uses));
  const chosen: number[][] = [];
  while (wanted.size > 0) {
    const best = all.reduce((a, b) => (b.uses.filter((u) => wanted.has(u)).length > a.uses.filter((u) => wanted.has(u)).length ? b : a));
    const gained = best.uses.filter((u) => wanted.has(u));
    if (gained.length === 0) break;
    for (const u of gained) wanted.delete(u);
    chosen.push(best.answers);
  }
  return chosen.length > 0 ? chosen : all.slice(0, 1).map((p) => p.answers);
}

/**
 * Walks one path: pastes the chosen answer's example where it has one, else chooses it; returns
 * the outcome's id. The wizard is opened at the tree's start when `from` is 'open'; else the walk
 * before it is gone back over with the browser's Back, as a reader would, to the start step.
 */
async function walk(page: Page, tree: Tree, lang: 'zh' | 'en', id: string, answers: number[], from: 'open' | { back: number }): Promise<{ outcome: string; pasted: number }> {
  const wizard = new WizardPage(page);
  if (from === 'open') await wizard.open(lang, id);
  else {
    await page.evaluate((n) => history.go(-n), from.back);
    await expect(page.locator(`section[data-node="${tree.start}"]`)).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/${lang}/triage/${id}/$`));
  }
  const byId = new Map(tree.nodes.map((n) => [n.id, n]));
  let node = byId.get(tree.start);
  let pasted = 0;
  for (const index of answers) {
    if (!node) break;
    const option = node.options?.[index];
    const example = option?.match?.[0]?.examples[0];
    const step = page.locator(`section[data-node="${node.id}"]`);
    if (node.kind === 'diagnostic' && example !== undefined) {
      await wizard.paste(node.id, example);
      await expect(step).toHaveAttribute('data-paste-state', 'matched');
      const matched = step.locator('[data-triage-option][data-triage-match]');
      await expect(matched).toHaveCount(1);
      await expect(matched).toHaveAttribute('data-option-index', String(index));
      await matched.click();
      pasted++;
    } else {
      await step.locator('[data-triage-option]').nth(index).click();
    }
    node = byId.get(option?.next ?? '');
    await expect(page.locator(`section[data-node="${node?.id ?? ''}"]`)).toBeVisible();
  }
  return { outcome: node?.id ?? '', pasted };
}

for (const file of readdirSync('src/content/trees').filter((f) => f.endsWith('.yaml')).sort()) {
  const id = file.replace(/\.yaml$/, '');
  const tree = parse(readFileSync(`src/content/trees/${file}`, 'utf8')) as Tree;
  const paths = coveringPaths(tree);
  test(`the ${id} tree walked by pasting output reaches the outcomes that choosing reaches (${String(paths.length)} paths)`, async ({ page }) => {
    test.setTimeout(120_000);
    let pasted = 0;
    for (const [i, answers] of paths.entries()) {
      const expected = answers.reduce<Node | undefined>((n, a) => tree.nodes.find((x) => x.id === n?.options?.[a]?.next), tree.nodes.find((n) => n.id === tree.start));
      // The first path in Chinese, the others in English, each language's page loaded once.
      const walked = await walk(page, tree, i === 0 ? 'zh' : 'en', id, answers, i <= 1 ? 'open' : { back: paths[i - 1]?.length ?? 0 });
      expect(walked.outcome).toBe(expected?.id);
      pasted += walked.pasted;
    }
    console.log(`[paste] ${id}: ${String(paths.length)} paths, ${String(pasted)} pastes`);
  });
}

test.describe('the paste field', () => {
  const tree = parse(readFileSync('src/content/trees/redis.yaml', 'utf8')) as Tree;
  const diagnostic = tree.nodes.find((n) => n.kind === 'diagnostic' && n.options?.some((o) => o.match));
  const index = diagnostic?.options?.findIndex((o) => o.match) ?? -1;
  const example = diagnostic?.options?.[index]?.match?.[0]?.examples[0] ?? '';
  const open = async (page: Page) => {
    expect(diagnostic, 'the redis tree has a diagnostic step with output patterns').toBeDefined();
    await page.goto(`/en/triage/redis/${diagnostic?.id ?? ''}/`);
    await new WizardPage(page).ready();
    return page.locator(`section[data-node="${diagnostic?.id ?? ''}"]`);
  };

  test('output that matches no answer says so and leaves the answers as they are', async ({ page }) => {
    const step = await open(page);
    await step.locator('textarea[data-triage-paste]').fill('Segmentation fault (core dumped)\nsomething else entirely');
    await expect(step).toHaveAttribute('data-paste-state', 'none');
    await expect(step.locator('[data-paste-status]')).toHaveText('No answer matches this output. Compare it with the answers below, or run the command again.');
    await expect(step.locator('[data-triage-match]')).toHaveCount(0);
    expect(page.url()).toMatch(new RegExp(`/${diagnostic?.id ?? ''}/$`));
  });

  test('works from the keyboard: type the output, then choose the marked answer with Enter', async ({ page }) => {
    const step = await open(page);
    await step.locator('textarea[data-triage-paste]').focus();
    await page.keyboard.insertText(example);
    await expect(step.locator('[data-triage-match]')).toHaveAttribute('data-option-index', String(index));
    await expect(step.locator('[data-paste-status]')).not.toBeEmpty();
    await step.locator('[data-triage-match]').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator(`section[data-node="${diagnostic?.options?.[index]?.next ?? ''}"]`)).toBeVisible();
  });

  test('a paste is read at once; typing is read when the reader pauses', async ({ page }) => {
    // The page's clock is stopped once the step is open: only a read that waits for no timer can happen.
    await page.clock.install();
    const step = await open(page);
    await page.clock.pauseAt(Date.now() + 60_000);
    const field = step.locator('textarea[data-triage-paste]');
    await new WizardPage(page).paste(diagnostic?.id ?? '', example);
    await expect(step).toHaveAttribute('data-paste-state', 'matched');
    await field.evaluate((box: HTMLTextAreaElement) => {
      box.value = '';
      box.closest('section')?.removeAttribute('data-paste-state');
    });
    await field.focus();
    await page.keyboard.insertText(example);
    await page.clock.runFor(100);
    await expect(step).not.toHaveAttribute('data-paste-state', /./);
    await page.clock.runFor(100);
    await expect(step).toHaveAttribute('data-paste-state', 'matched');
  });

  test('the matcher is not loaded until something is pasted', async ({ page }) => {
    const loaded: string[] = [];
    page.on('request', (r) => loaded.push(r.url()));
    const step = await open(page);
    expect(loaded.filter((u) => /output-match/.test(u))).toEqual([]);
    await step.locator('textarea[data-triage-paste]').fill(example);
    await expect(step.locator('[data-triage-match]')).toHaveCount(1);
    expect(loaded.some((u) => /output-match/.test(u))).toBe(true);
  });
});
