/**
 * Which built pages the accessibility test runs axe on, and which it leaves out because their
 * markup is proven to be that of pages it does check. Two kinds of page are left out; every
 * other page is checked.
 *
 * Triage step pages. A step page is the tree's page template around one step's <section>. It
 * is left out when both hold:
 * - its template is byte-identical to that of a checked page of its tree: the tree's own page
 *   (`/<lang>/triage/<tree>/`, the wizard at its start step), or a step page checked because no
 *   checked page had its template yet (so without a tree page, the first step page), once
 *   the step <section>, the <title> text, <script> elements (not rendered), the page's own address
 *   (in its language-switch and alternate links, the tags with `hreflang`) and the marks of where
 *   the reader is are set aside: the tree overview's current step (`aria-current="step"`) and the
 *   section list's current page (`aria-current="page"`), each drawn the same on every page that
 *   has it, and both on the checked tree page;
 * - its step <section> is byte-identical to the same step's <section> on the tree's all-steps
 *   page (which is checked, and holds every step).
 * A step page that differs in anything else is checked too, so a change that makes one step
 * page special can never hide it from axe.
 *
 * Error pages (`/<lang>/e/<code>/`). Each is one template filled with one error family's data.
 * Pages whose *shape* is the same are one page to axe, and the first of them is checked. The shape
 * is the page's markup (scripts removed) with what axe's WCAG A/AA rules cannot tell apart set
 * aside, and nothing else:
 * - the words of each text run, kept as what the rules can see: empty, or words (a letter or a
 *   digit), or signs only (axe leaves text of signs alone in its contrast check);
 * - the targets of links (`<a href>`, `<link rel="alternate" href>`) other than same-page
 *   `#fragments`, and the description `<meta>`'s content: none is rendered, and
 *   tests/dist/links.test.ts checks every target exists (stylesheets and other `<link>`s stay);
 * - a run of list items of the same shape, kept as one (an error with three signatures is one
 *   with one, more times over).
 * Every tag, every other attribute with its value (ids, classes, roles, aria-*, lang, alt), and
 * every element's being empty or not stay as they are: a family whose page has another element,
 * one more link, a code span inside a link or a heading left empty is checked.
 */
const STEP_SECTION = /<section class="triage-step triage-(?:question|diagnostic|outcome)" data-node="([^"]+)"[\s\S]*?<\/section>/g;
/** A triage step page (or all-steps page): /<lang>/triage/<tree>/<step>/. */
export const STEP_PAGE = /^\/(zh|en)\/triage\/([^/]+)\/([^/]+)\/$/;
/** A tree's own page, the wizard at its start step: /<lang>/triage/<tree>/. */
const TREE_PAGE = /^\/(zh|en)\/triage\/([^/]+)\/$/;
const ALL_STEPS = 'all';
/** A step page proper: a STEP_PAGE other than the all-steps page. */
export const isStepPage = (path: string) => {
  const m = STEP_PAGE.exec(path);
  return m !== null && m[3] !== ALL_STEPS;
};

/** An error page: /<lang>/e/<code>/. */
export const ERROR_PAGE = /^\/(zh|en)\/e\/[^/]+\/$/;

export interface AxePlan {
  /** Pages axe runs on. */
  check: string[];
  /**
   * Pages left out, each with the checked pages that hold its markup: a step page's template and
   * the all-steps page that has its step; an error page's page of the same shape.
   */
  covered: Array<{ page: string; by: string[] }>;
}

const withoutScripts = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');

/** The step sections of a page by node id (scripts removed). */
function stepSections(html: string): Map<string, string> {
  return new Map([...withoutScripts(html).matchAll(STEP_SECTION)].map((m) => [m[1] ?? '', m[0]]));
}

/** A step page (or a tree's own page) as its template and its one step, or undefined when it is not one. */
export function splitStepPage(path: string, html: string): { template: string; node: string; section: string } | undefined {
  const m = STEP_PAGE.exec(path);
  const tree = TREE_PAGE.exec(path);
  if ((!m || m[3] === ALL_STEPS) && !tree) return undefined;
  const clean = withoutScripts(html);
  const sections = [...clean.matchAll(STEP_SECTION)];
  const [only] = sections;
  if (sections.length !== 1 || only?.index === undefined) return undefined;
  const own = m ? `/triage/${m[2] ?? ''}/${m[3] ?? ''}/` : `/triage/${tree?.[2] ?? ''}/`;
  const template = `${clean.slice(0, only.index)}\u0000step\u0000${clean.slice(only.index + only[0].length)}`
    .replace(/<title>[\s\S]*?<\/title>/, '<title></title>')
    .replace(/<(?:link|a)\b[^>]*\shreflang="[^"]*"[^>]*>/g, (tag) => tag.replaceAll(`/zh${own}`, '\u0000self\u0000').replaceAll(`/en${own}`, '\u0000self\u0000'))
    .replaceAll(' aria-current="step"', '')
    .replaceAll(' aria-current="page"', '');
  return { template, node: only[1] ?? '', section: only[0] };
}

/** What axe can see of a text run: nothing, words, or signs only. */
const textMark = (text: string) => (/^\s*$/.test(text) ? text : /[\p{L}\p{N}]/u.test(text) ? '\u0000words\u0000' : '\u0000signs\u0000');
const LIST_ITEM_RUN = /(<li\b[^>]*>(?:(?!<\/?li\b)[\s\S])*<\/li>)(?:\s*\1)+/g;
/** A tag (a `>` inside a quoted attribute value does not end it), or a run of text. */
const TAG_OR_TEXT = /(<(?:[^>"']|"[^"]*"|'[^']*')*>)|([^<]+)/g;

/** A page's shape: its markup with what axe's rules cannot tell apart set aside (see above). */
export function shapeOf(html: string): string {
  let shape = withoutScripts(html)
    .replace(TAG_OR_TEXT, (_, tag: string | undefined, text: string | undefined) => tag ?? textMark(text ?? ''))
    .replace(/(<(?:a|link rel="alternate")\s[^>]*\bhref=")[^"#][^"]*"/g, '$1\u0000target\u0000"')
    .replace(/(<meta name="description" content=")[^"]*"/, '$1"');
  for (let before = ''; before !== shape; ) [before, shape] = [shape, shape.replace(LIST_ITEM_RUN, '$1')];
  return shape;
}

export function axePlan(pages: ReadonlyMap<string, string>): AxePlan {
  const check: string[] = [];
  const covered: AxePlan['covered'] = [];
  /** Per tree, the checked pages' templates: its own page's, and each step page's checked for its template. */
  const references = new Map<string, Array<{ page: string; template: string }>>();
  const errorShapes = new Map<string, string>();
  for (const path of [...pages.keys()].sort()) {
    if (ERROR_PAGE.test(path)) {
      const shape = shapeOf(pages.get(path) ?? '');
      const same = errorShapes.get(shape);
      if (same) covered.push({ page: path, by: [same] });
      else {
        errorShapes.set(shape, path);
        check.push(path);
      }
      continue;
    }
    const m = STEP_PAGE.exec(path);
    // Only step pages are split here (a tree page is split once, as its tree's reference, below).
    const split = isStepPage(path) ? splitStepPage(path, pages.get(path) ?? '') : undefined;
    if (!m || !split) {
      check.push(path);
      continue;
    }
    const tree = `/${m[1] ?? ''}/triage/${m[2] ?? ''}/`;
    const all = `${tree}${ALL_STEPS}/`;
    let refs = references.get(tree);
    if (!refs) {
      const own = pages.has(tree) ? splitStepPage(tree, pages.get(tree) ?? '') : undefined;
      refs = own ? [{ page: tree, template: own.template }] : [];
      references.set(tree, refs);
    }
    const sameStep = pages.has(all) && stepSections(pages.get(all) ?? '').get(split.node) === split.section;
    const ref = refs.find((r) => r.template === split.template);
    if (ref && sameStep) covered.push({ page: path, by: [ref.page, all] });
    else {
      check.push(path);
      if (!ref) refs.push({ page: path, template: split.template });
    }
  }
  return { check, covered };
}
