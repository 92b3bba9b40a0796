/**
 * The error catalogue: every error family (the signatures of a guide that share a `code`), with
 * the section and heading of its fix in each language and the wizard step that diagnoses it.
 * Each family has a permanent page, /<lang>/e/<code>/, and an entry in /errors.json, so the
 * backend can print the link next to its own error (README). Codes never change or disappear
 * once published: src/data/error-codes.json lists them, and a missing one fails the build.
 *
 * Pure: guides (with their outlines' anchors) and the trees' node ids come in as data.
 */
import type { Problem } from '../errors/problems.ts';
import { LANGS, type Lang } from '../i18n/langs.ts';
import type { Guide, Signature } from '../schemas/guide.ts';

export interface ErrorFamily {
  code: string;
  /** Guide slug and section number. */
  slug: string;
  section: string;
  /** The section's title per language. */
  title: Record<Lang, string>;
  /** The family's signatures (the same in both languages). */
  signatures: Array<Pick<Signature, 'kind' | 'text'>>;
  /** The id of the fix's heading on the guide page, per language. */
  fix: Record<Lang, string>;
  /** That heading's text, per language (empty for a block anchor: the page names the block). */
  fixTitle: Record<Lang, string>;
  /** The wizard step that diagnoses it. */
  step?: { tree: string; node: string };
}

export interface GuideForCatalogue {
  file: string;
  lang: Lang;
  slug: string;
  data: Guide;
  outline: { anchors: readonly string[]; headings: ReadonlyArray<{ id: string; text: string }> };
}

/** The families of all guides, in section order then code; problems for fixes and steps that do not exist. */
export function errorCatalogue(guides: ReadonlyArray<GuideForCatalogue>, treeNodes: ReadonlyMap<string, ReadonlySet<string>>): { families: ErrorFamily[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const families = new Map<string, ErrorFamily>();
  for (const g of guides) {
    for (const [code, where] of Object.entries(g.data.errors)) {
      const fix = where.fix ?? 'solutions';
      if (!g.outline.anchors.includes(fix)) {
        problems.push({ file: g.file, path: `errors.${code}.fix`, found: `"${fix}", which is no heading id of this page`, expected: `one of ${g.outline.anchors.map((a) => JSON.stringify(a)).join(', ')}` });
      }
      let step: ErrorFamily['step'];
      if (where.step) {
        const [tree = '', node = ''] = where.step.split('/');
        if (!treeNodes.get(tree)?.has(node)) {
          problems.push({ file: g.file, path: `errors.${code}.step`, found: `"${where.step}", which is no step of a tree`, expected: `<tree>/<node> of src/content/trees/<tree>.yaml (trees: ${[...treeNodes.keys()].join(', ')})` });
        } else step = { tree, node };
      }
      const family = families.get(code) ?? {
        code,
        slug: g.slug,
        section: g.data.section,
        title: { zh: '', en: '' },
        signatures: g.data.signatures.filter((s) => s.code === code).map((s) => ({ kind: s.kind, text: s.text })),
        fix: { zh: 'solutions', en: 'solutions' },
        fixTitle: { zh: '', en: '' },
        ...(step ? { step } : {}),
      };
      family.title[g.lang] = g.data.title;
      family.fix[g.lang] = fix;
      family.fixTitle[g.lang] = g.outline.headings.find((h) => h.id === fix)?.text ?? '';
      families.set(code, family);
    }
  }
  const order = (s: string) => s.split('.').map(Number);
  const sorted = [...families.values()].sort((a, b) => {
    const [a1 = 0, a2 = 0] = order(a.section);
    const [b1 = 0, b2 = 0] = order(b.section);
    return a1 - b1 || a2 - b2 || a.code.localeCompare(b.code);
  });
  for (const f of sorted) for (const lang of LANGS) if (f.title[lang] === '') f.title[lang] = f.slug;
  return { families: sorted, problems };
}

/** The list of published codes (src/data/error-codes.json). */
export interface PublishedCodes {
  /** Bumped when the shape of /errors.json changes. */
  version: number;
  codes: string[];
}

/**
 * A published code that no family carries any more breaks every link the backend ever printed
 * for it; a family whose code is not published yet must be added to the list (review the name:
 * it is permanent once released).
 */
export function publishedCodeProblems(families: ReadonlyArray<ErrorFamily>, published: PublishedCodes, file: string): Problem[] {
  const now = new Set(families.map((f) => f.code));
  const listed = new Set(published.codes);
  return [
    ...published.codes.filter((c) => !now.has(c)).map((c) => ({ file, path: `codes: ${c}`, found: `"${c}", published, but no guide signature carries it any more`, expected: 'every published code kept on a signature (move it to the new signature or section; codes never disappear)' })),
    ...[...now].filter((c) => !listed.has(c)).map((c) => ({ file, path: 'codes', found: `no entry for "${c}"`, expected: `"${c}" added to the list (its name is permanent once released)` })),
  ];
}

/** One entry of /errors.json. */
export interface ErrorsJsonEntry {
  code: string;
  section: string;
  slug: string;
  /** The permanent page of the code, per language. */
  urls: Record<Lang, string>;
  /** The guide section and heading with the fix, per language. */
  fix: Record<Lang, string>;
  /** The wizard step, per language, when there is one. */
  step?: Record<Lang, string>;
  signatures: Array<Pick<Signature, 'kind' | 'text'>>;
}
