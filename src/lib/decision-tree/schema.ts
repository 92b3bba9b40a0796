/**
 * Triage trees: typed content, both languages in one structure, so a tree cannot differ between
 * languages. A tree is a list of nodes; a node is a question, a diagnostic or an outcome.
 * File: src/content/trees/<tree-id>.yaml. See CONTRIBUTING.md ("Triage trees").
 */
import { z } from 'zod';
import { BLOCK_KINDS } from '../guides/blocks.ts';
import { LocalizedListSchema, LocalizedSchema } from '../i18n/langs.ts';
import { CHAPTERS } from '../schemas/chapters.ts';
import { SlugSchema } from '../schemas/slug.ts';

const text = z.string().trim().min(1);

/** Node ids: lower-case words joined by hyphens; they appear in URLs. */
export const NodeIdSchema = SlugSchema;

export const CommandSchema = z.strictObject({
  /** Highlighting language of the command. */
  lang: z.enum(['bash', 'python', 'sql', 'yaml', 'ini', 'dockerfile']),
  /** The command or snippet, exactly as it is to be run. */
  code: text,
});

/**
 * How the wizard recognises this answer in the output the reader pastes: a template in the
 * signature language (`Could not connect to Redis at <host>:<port>: Connection refused`; slots
 * `<int>`, `<num>`, `<host>`, `<port>`, `<str>`, `<path>`) found inside one line of the output.
 */
export const OutputMatchSchema = z.strictObject({
  /** The template. */
  pattern: text,
  /** Real or realistic output the step's commands print in this case; the pattern must find each. At least one. */
  examples: z.array(text).min(1),
});

export const OptionSchema = z.strictObject({
  /** What the reader picks ("It printed PONG"). */
  label: LocalizedSchema,
  /** Id of the node this answer leads to. */
  next: NodeIdSchema,
  /** Diagnostic steps: how this answer looks in the commands' output. Required when the label quotes output. */
  match: z.array(OutputMatchSchema).min(1).optional(),
});

/**
 * A link to the fix in the guide: a section slug, and optionally where in it. `anchor` is one of
 * the block anchors shared by both languages (`symptom`, `causes`, `diagnosis`, `solutions`) or a
 * heading id per language (`{ zh: 问题1依赖包缺失, en: problem-1-missing-dependencies }`).
 */
export const GuideLinkSchema = z.strictObject({
  /** Slug of the guide section (`db-pool-exhausted`). */
  slug: SlugSchema,
  /** Block anchor, or heading id in each language. Default: the top of the section. */
  anchor: z.union([z.enum(BLOCK_KINDS), LocalizedSchema]).optional(),
});

const base = {
  /** Unique id within the tree; becomes the step's URL. */
  id: NodeIdSchema,
  /** The step's heading: the question asked, the check to run, or the cause found. */
  title: LocalizedSchema,
  /** Optional explanation shown under the heading. */
  body: LocalizedSchema.optional(),
};

export const QuestionSchema = z.strictObject({
  kind: z.literal('question'),
  ...base,
  /** The answers; each leads to another node. At least one. */
  options: z.array(OptionSchema),
});

export const DiagnosticSchema = z.strictObject({
  kind: z.literal('diagnostic'),
  ...base,
  /** Commands to run, in order. At least one. */
  commands: z.array(CommandSchema).min(1),
  /** What to look for in their output. */
  lookFor: LocalizedSchema,
  /** One answer per observed result; each leads to another node. At least one. */
  options: z.array(OptionSchema),
});

export const OutcomeSchema = z.strictObject({
  kind: z.literal('outcome'),
  ...base,
  /** The fix: steps, and/or the guide section that holds them. */
  fix: z
    .strictObject({
      /** Short fix steps in both languages. */
      steps: LocalizedListSchema.optional(),
      /** The guide section (and heading) with the full fix. */
      guide: GuideLinkSchema,
    })
    .optional(),
  /** When the cause needs the team: what to attach to the support request. */
  escalate: z
    .strictObject({
      /** What to attach (logs, outputs, versions). */
      attach: LocalizedListSchema,
    })
    .optional(),
});

export const NodeSchema = z.discriminatedUnion('kind', [QuestionSchema, DiagnosticSchema, OutcomeSchema]);
export type TreeNode = z.output<typeof NodeSchema>;
export type QuestionNode = z.output<typeof QuestionSchema>;
export type DiagnosticNode = z.output<typeof DiagnosticSchema>;
export type OutcomeNode = z.output<typeof OutcomeSchema>;
export type Option = z.output<typeof OptionSchema>;
export type OutputMatch = z.output<typeof OutputMatchSchema>;
export type Command = z.output<typeof CommandSchema>;
export type GuideLink = z.output<typeof GuideLinkSchema>;

export const TreeSchema = z.strictObject({
  /** The symptom this tree starts from, as a title ("The application does not start"). */
  title: LocalizedSchema,
  /** One or two sentences on when to use this tree. */
  summary: LocalizedSchema,
  /** Chapters of the guide this tree covers. */
  chapters: z.array(z.enum(CHAPTERS)).min(1),
  /** Order on the triage index (lower first). */
  order: z.number().int().min(0),
  /** Id of the first node. */
  start: NodeIdSchema,
  /** Every node of the tree. */
  nodes: z.array(NodeSchema).min(1),
});
export type TreeInput = z.input<typeof TreeSchema>;
export type Tree = z.output<typeof TreeSchema>;
