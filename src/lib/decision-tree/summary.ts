/**
 * The triage summary an engineer pastes into an incident channel or a support issue: the tree,
 * each answer, the commands run, the outcome and its link, and the time. Plain Markdown.
 */
import type { PathStep } from './engine.ts';
import { isDiagnostic, isOutcome } from './kinds.ts';
import type { Option, Tree, TreeNode } from './schema.ts';

type Lang = 'zh' | 'en';

const WORDS = {
  zh: { tree: '排查流程', steps: '已回答', commands: '运行的命令', outcome: '结论', current: '当前步骤', fix: '修复', link: '链接', time: '时间', attach: '需要附上' },
  en: { tree: 'Triage', steps: 'Answers', commands: 'Commands run', outcome: 'Outcome', current: 'Current step', fix: 'Fix', link: 'Link', time: 'Time', attach: 'Attach' },
} as const;

/** A fence long enough for any backticks inside the code. */
function fence(code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/** What the summary needs of a step, in one language. */
export interface StepView {
  title: string;
  kind: 'question' | 'diagnostic' | 'outcome';
  commands: ReadonlyArray<{ lang: string; code: string }>;
  fixSteps: ReadonlyArray<string>;
  attach: ReadonlyArray<string>;
}

/** One language's view of a tree node. */
export function viewOf(node: TreeNode, lang: Lang): StepView {
  return {
    title: node.title[lang],
    kind: node.kind,
    commands: isDiagnostic(node) ? node.commands : [],
    fixSteps: isOutcome(node) ? (node.fix?.steps?.[lang] ?? []) : [],
    attach: isOutcome(node) ? (node.escalate?.attach[lang] ?? []) : [],
  };
}

export function summarizeView(
  treeTitle: string,
  path: ReadonlyArray<{ step: StepView; answer: string }>,
  current: StepView,
  lang: Lang,
  url: string,
  time: Date,
): string {
  const w = WORDS[lang];
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
      const f = fence(c.code);
      lines.push(`${f}${c.lang}`, c.code, f, '');
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

export function summarize(tree: Tree, path: ReadonlyArray<PathStep<TreeNode>>, current: TreeNode, lang: Lang, url: string, time: Date): string {
  return summarizeView(
    tree.title[lang],
    path.map((p) => ({ step: viewOf(p.node, lang), answer: (p.option as Option).label[lang] })),
    viewOf(current, lang),
    lang,
    url,
    time,
  );
}

/** A prefilled "new issue" URL on the project's tracker; the body is cut to stay within URL limits. */
export function issueUrl(repoIssuesNew: string, title: string, body: string, maxBody = 6000): string {
  const cut = body.length > maxBody ? `${body.slice(0, maxBody)}\n…` : body;
  const params = new URLSearchParams({ title, body: cut });
  return `${repoIssuesNew}?${params.toString()}`;
}
