/**
 * What a wizard step shows, as data, in one language: the build writes it for every tree (one
 * JSON file per tree and language, src/pages/[lang]/triage/[tree]/steps.json.ts), and the
 * wizard walks it and builds its summary from it, so nothing is read back out of the page.
 *
 * Data shape: a TreeView is the tree's title, its start id and its steps; a StepView is a node's
 * title, its commands (with the places the reader's values go, computed here at build time),
 * its answers, and an outcome's fix steps or what to attach.
 */
import type { Lang } from '../i18n/langs.ts';
import type { Slot } from '../variables/values.ts';
import type { Graph } from './engine.ts';
import { isDiagnostic, isOutcome } from './kinds.ts';
import type { Tree, TreeNode } from './schema.ts';

export interface CommandView {
  lang: string;
  code: string;
  /** Where the reader's values go in `code`. */
  slots: Slot[];
}

export interface StepView {
  id: string;
  kind: TreeNode['kind'];
  /** The step's title; `code` spans as written. */
  title: string;
  commands: CommandView[];
  /** The answers; a diagnostic step's carry the output patterns the wizard looks for in a paste. */
  options: Array<{ label: string; next: string; match?: Array<{ pattern: string }> }>;
  fixSteps: string[];
  attach: string[];
}

export interface TreeView extends Graph<StepView> {
  tree: string;
  title: string;
  /** A hash of the tree, which the wizard's page also carries: a wizard never walks another version's steps. */
  digest: string;
}

/** Where the reader's values go in a command (from src/lib/variables at build time). */
export type SlotsOf = (code: string, lang: string) => Slot[];

/** One language's view of a tree node. */
export function viewOf(node: TreeNode, lang: Lang, slotsOf: SlotsOf = () => []): StepView {
  return {
    id: node.id,
    kind: node.kind,
    title: node.title[lang],
    commands: isDiagnostic(node) ? node.commands.map((c) => ({ lang: c.lang, code: c.code.replace(/\n$/, ''), slots: slotsOf(c.code.replace(/\n$/, ''), c.lang) })) : [],
    options: isOutcome(node) ? [] : node.options.map((o) => ({ label: o.label[lang], next: o.next, ...(o.match ? { match: o.match.map((m) => ({ pattern: m.pattern })) } : {}) })),
    fixSteps: isOutcome(node) ? (node.fix?.steps?.[lang] ?? []) : [],
    attach: isOutcome(node) ? (node.escalate?.attach[lang] ?? []) : [],
  };
}

/** Tree digest: FNV-1a over the tree's JSON, enough to tell two versions of a tree apart. */
export function treeDigest(tree: Tree): string {
  const text = JSON.stringify(tree);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function treeView(id: string, tree: Tree, lang: Lang, slotsOf?: SlotsOf): TreeView {
  return { tree: id, title: tree.title[lang], start: tree.start, digest: treeDigest(tree), nodes: tree.nodes.map((n) => viewOf(n, lang, slotsOf)) };
}
