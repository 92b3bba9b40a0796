/**
 * The triage summary an engineer pastes into an incident channel or a support issue: the tree,
 * each answer, the commands run (with the reader's values), the outcome and its link, and the
 * time. Plain Markdown, built from the steps' views (view.ts), the data the wizard walks.
 */
import type { UiKey } from '../i18n/index.ts';
import type { StepView } from './view.ts';

/** The summary's headings and labels in the page language (the i18n keys `summary.*`). */
export interface SummaryWords {
  tree: string;
  steps: string;
  commands: string;
  outcome: string;
  current: string;
  link: string;
  time: string;
  attach: string;
}

/** The i18n key of each word (the page passes the words in its language to the wizard). */
export const SUMMARY_KEYS = {
  tree: 'summary.tree',
  steps: 'summary.steps',
  commands: 'summary.commands',
  outcome: 'summary.outcome',
  current: 'summary.current',
  link: 'summary.link',
  time: 'summary.time',
  attach: 'summary.attach',
} as const satisfies Record<keyof SummaryWords, UiKey>;

/** A fence long enough for any backticks inside the code. */
function fence(code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

export interface SummaryInput {
  treeTitle: string;
  /** The steps answered so far, each with the answer chosen. */
  path: ReadonlyArray<{ step: StepView; answer: string }>;
  current: StepView;
  words: SummaryWords;
  url: string;
  time: Date;
  /** The command as the reader sees it (their values filled in); as written when absent. */
  shown?: (command: StepView['commands'][number]) => string;
}

export function summarize({ treeTitle, path, current, words: w, url, time, shown = (c) => c.code }: SummaryInput): string {
  const lines = [`## ${w.tree}: ${treeTitle}`, ''];
  if (path.length > 0) {
    lines.push(`### ${w.steps}`, '');
    path.forEach((p, i) => lines.push(`${String(i + 1)}. ${p.step.title} → **${p.answer}**`));
    lines.push('');
  }
  const ran = [...path.map((p) => p.step), current].flatMap((s) => s.commands);
  if (ran.length > 0) {
    lines.push(`### ${w.commands}`, '');
    for (const c of ran) {
      const code = shown(c);
      const f = fence(code);
      lines.push(`${f}${c.lang}`, code, f, '');
    }
  }
  if (current.kind === 'outcome') {
    lines.push(`### ${w.outcome}: ${current.title}`, '');
    for (const s of current.fixSteps) lines.push(`- ${s}`);
    for (const s of current.attach) lines.push(`- ${w.attach}: ${s}`);
    if (current.fixSteps.length + current.attach.length > 0) lines.push('');
  } else {
    lines.push(`### ${w.current}: ${current.title}`, '');
  }
  lines.push(`${w.link}: ${url}`, `${w.time}: ${time.toISOString()}`);
  return lines.join('\n');
}

/** A prefilled "new issue" URL on the project's tracker; the body is cut to stay within URL limits. */
export function issueUrl(repoIssuesNew: string, title: string, body: string, maxBody = 6000): string {
  const cut = body.length > maxBody ? `${body.slice(0, maxBody)}\n…` : body;
  const params = new URLSearchParams({ title, body: cut });
  return `${repoIssuesNew}?${params.toString()}`;
}
