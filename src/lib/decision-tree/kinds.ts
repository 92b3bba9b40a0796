/**
 * Type guards for tree nodes, apart from the Zod schema so that page scripts can use them
 * without bundling Zod.
 */
import type { DiagnosticNode, OutcomeNode, QuestionNode, TreeNode } from './schema.ts';

export const isQuestion = (n: TreeNode): n is QuestionNode => n.kind === 'question';
export const isDiagnostic = (n: TreeNode): n is DiagnosticNode => n.kind === 'diagnostic';
export const isOutcome = (n: TreeNode): n is OutcomeNode => n.kind === 'outcome';
/** Nodes the reader answers: they have options. */
export const hasOptions = (n: TreeNode): n is QuestionNode | DiagnosticNode => n.kind !== 'outcome';
