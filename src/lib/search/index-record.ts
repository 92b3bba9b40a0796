/**
 * The one mapping from a guide (its frontmatter and its parsed model) to what the search index
 * takes of it. The index endpoint (src/pages/search/index/[file].json.ts) and the tests build the
 * index through this function, so they rank over the same index.
 */
import { isDiagnostic, isOutcome } from '../decision-tree/kinds.ts';
import type { Tree } from '../decision-tree/schema.ts';
import type { ErrorFamily } from '../guides/error-codes.ts';
import type { GuideModel } from '../guides/parse.ts';
import { LANGS, type Lang } from '../i18n/langs.ts';
import type { Guide } from '../schemas/guide.ts';
import type { Slot } from '../variables/values.ts';
import type { ErrorAnswer, GuideForIndex } from './signatures.ts';

export interface IndexableGuide {
  lang: Lang;
  slug: string;
  data: Guide;
  model: GuideModel;
}

/**
 * The causes the triage trees lead to for each section, in the trees' words: the titles of the
 * outcomes that link it, per language. Search reads them as more ways to name the section.
 */
export function treeOutcomes(trees: Iterable<Tree>): Map<string, Record<Lang, string[]>> {
  const out = new Map<string, Record<Lang, string[]>>();
  for (const tree of trees) {
    for (const node of tree.nodes) {
      if (!isOutcome(node) || !node.fix) continue;
      const entry = out.get(node.fix.guide.slug) ?? { zh: [], en: [] };
      for (const lang of LANGS) entry[lang].push(node.title[lang]);
      out.set(node.fix.guide.slug, entry);
    }
  }
  return out;
}

export function indexRecord({ lang, slug, data, model }: IndexableGuide, outcomes?: ReadonlyMap<string, Record<Lang, string[]>>): GuideForIndex {
  return {
    lang,
    slug,
    section: data.section,
    title: data.title,
    symptom: data.symptom,
    signatures: data.signatures,
    causes: [...model.causes.map((c) => c.text), ...(outcomes?.get(slug)?.[lang] ?? [])],
    ...(data.narrows ? { narrows: data.narrows } : {}),
    chapter: data.chapter,
    text: {
      headings: model.headings.map((h) => h.text).join('\n'),
      causes: model.blocks.find((b) => b.kind === 'causes')?.text ?? '',
      // Prose and code: full-text search (Pagefind) leaves code out, this index covers it.
      body: [...model.blocks.map((b) => b.text), ...model.code.map((c) => c.text)].join('\n'),
    },
  };
}

/**
 * What search says at once about each known error, by code: the likely cause (the heading of its
 * fix), the fix's anchor, and the wizard step that checks it, with its first command and where
 * the reader's values go in it.
 */
export function errorAnswers(
  families: ReadonlyArray<ErrorFamily>,
  trees: ReadonlyArray<{ id: string; tree: Tree }>,
  slotsOf: (code: string, lang: string) => Slot[] = () => [],
): Map<string, ErrorAnswer> {
  const out = new Map<string, ErrorAnswer>();
  for (const f of families) {
    const cause = Object.fromEntries(LANGS.map((lang) => [lang, f.fixTitle[lang] || f.title[lang]]));
    const tree = f.step ? trees.find((t) => t.id === f.step?.tree) : undefined;
    const node = tree?.tree.nodes.find((n) => n.id === f.step?.node);
    const first = node && isDiagnostic(node) ? node.commands[0] : undefined;
    const code = first?.code.replace(/\n$/, '');
    out.set(f.code, {
      cause,
      fix: { ...f.fix },
      ...(tree && node && f.step
        ? {
            step: {
              tree: f.step.tree,
              node: f.step.node,
              start: node.id === tree.tree.start,
              title: Object.fromEntries(LANGS.map((lang) => [lang, node.title[lang]])),
              ...(first && code !== undefined ? { command: { lang: first.lang, code, slots: slotsOf(code, first.lang) } } : {}),
            },
          }
        : {}),
    });
  }
  return out;
}
