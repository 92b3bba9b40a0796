/**
 * Which built pages the accessibility test runs axe on, and which it leaves out because their
 * markup is proven to be that of pages it does check.
 *
 * The only pages left out are triage step pages. A step page is the tree's page template around
 * one step's <section>. It is left out when both hold:
 * - its template is byte-identical to the tree's first step page (which is checked), once the
 *   step <section>, the <title> text, <script> elements (not rendered), the page's own address
 *   (in its language-switch and alternate links, the tags with `hreflang`) and the tree
 *   overview's mark of the current step (`aria-current="step"`, drawn the same on every page that
 *   has it: the checked start page marks its first step) are set aside;
 * - its step <section> is byte-identical to the same step's <section> on the tree's all-steps
 *   page (which is checked, and holds every step).
 * Every other page is checked. A step page that differs in anything else is checked too, so a
 * change that makes one step page special can never hide it from axe.
 */
const STEP_SECTION = /<section class="triage-step triage-(?:question|diagnostic|outcome)" data-node="([^"]+)"[\s\S]*?<\/section>/g;
const STEP_PAGE = /^\/(zh|en)\/triage\/([^/]+)\/([^/]+)\/$/;
const ALL_STEPS = 'all';

export interface AxePlan {
  /** Pages axe runs on. */
  check: string[];
  /** Pages left out, each with the checked page that has its template and the one that has its step. */
  covered: Array<{ page: string; template: string; step: string }>;
}

const withoutScripts = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');

/** The step sections of a page by node id (scripts removed). */
function stepSections(html: string): Map<string, string> {
  return new Map([...withoutScripts(html).matchAll(STEP_SECTION)].map((m) => [m[1] ?? '', m[0]]));
}

/** A step page as its template and its one step, or undefined when it is not one. */
export function splitStepPage(path: string, html: string): { template: string; node: string; section: string } | undefined {
  const m = STEP_PAGE.exec(path);
  if (!m || m[3] === ALL_STEPS) return undefined;
  const clean = withoutScripts(html);
  const sections = [...clean.matchAll(STEP_SECTION)];
  const [only] = sections;
  if (sections.length !== 1 || only?.index === undefined) return undefined;
  const own = `/triage/${m[2] ?? ''}/${m[3] ?? ''}/`;
  const template = `${clean.slice(0, only.index)}\u0000step\u0000${clean.slice(only.index + only[0].length)}`
    .replace(/<title>[\s\S]*?<\/title>/, '<title></title>')
    .replace(/<(?:link|a)\b[^>]*\shreflang="[^"]*"[^>]*>/g, (tag) => tag.replaceAll(`/zh${own}`, '\u0000self\u0000').replaceAll(`/en${own}`, '\u0000self\u0000'))
    .replaceAll(' aria-current="step"', '');
  return { template, node: only[1] ?? '', section: only[0] };
}

export function axePlan(pages: ReadonlyMap<string, string>): AxePlan {
  const check: string[] = [];
  const covered: AxePlan['covered'] = [];
  const reference = new Map<string, { page: string; template: string }>();
  for (const path of [...pages.keys()].sort()) {
    const m = STEP_PAGE.exec(path);
    const split = splitStepPage(path, pages.get(path) ?? '');
    if (!m || !split) {
      check.push(path);
      continue;
    }
    const tree = `/${m[1] ?? ''}/triage/${m[2] ?? ''}/`;
    const all = `${tree}${ALL_STEPS}/`;
    const ref = reference.get(tree);
    if (!ref) {
      reference.set(tree, { page: path, template: split.template });
      check.push(path);
      continue;
    }
    const sameStep = pages.has(all) && stepSections(pages.get(all) ?? '').get(split.node) === split.section;
    if (split.template === ref.template && sameStep) covered.push({ page: path, template: ref.page, step: all });
    else check.push(path);
  }
  return { check, covered };
}
