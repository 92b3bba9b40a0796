/**
 * The guide dialect: every component a guide body may use, with the Zod schema of its props.
 * This is the one list. The parser (parse.ts) refuses any other component and checks props
 * against these schemas, with the file and line of each mistake; the page draws each name with
 * the Astro component of the same name (src/components/dialect/index.ts, checked against this
 * list by type). To add a component: add it here with its props, add its .astro file there.
 *
 * Besides components, the page draws three HTML elements a body produces with its own
 * components: `pre` (a code block with its toolbar), `h3` (a heading with its self-link) and
 * `img` (a picture through Astro's image pipeline); see ELEMENTS.
 */
import { z } from 'zod';
import { BLOCK_KINDS, type BlockKind } from './blocks.ts';

/** The kinds of `<Note>`: a plain note, a tip, or a warning about a risk. */
export const NOTE_KINDS = ['note', 'tip', 'warning'] as const;

const NoProps = z.strictObject({});

/** The four blocks of a guide, in order; each is drawn as a section with a fixed anchor. */
const blocks = {
  Symptom: { block: 'symptom', props: NoProps },
  Causes: { block: 'causes', props: NoProps },
  Diagnosis: { block: 'diagnosis', props: NoProps },
  Solutions: { block: 'solutions', props: NoProps },
} as const satisfies Record<string, { block: BlockKind; props: z.ZodType }>;

export const DIALECT = {
  ...blocks,
  /** Advice that is not a correction: a risk, a version requirement. */
  Note: {
    props: z.strictObject({
      /** `note` (default), `tip` or `warning`. */
      kind: z.enum(NOTE_KINDS).default('note'),
    }),
  },
  /** A command of the source guide that was wrong: the working form stands in the code block before it. */
  Correction: {
    props: z.strictObject({
      /** The source guide's text, exactly (several lines as a JSON string with `\n`). */
      original: z.string().refine((s) => s.trim() !== '', 'the source text, not empty'),
    }),
  },
  /** Causes, checks and fixes beyond the source guide (v1.0.0), marked as such. */
  Addition: { props: NoProps },
} as const satisfies Record<string, { props: z.ZodType; block?: BlockKind }>;

export type DialectName = keyof typeof DIALECT;
export type DialectProps<N extends DialectName> = z.output<(typeof DIALECT)[N]['props']>;
export const DIALECT_NAMES = Object.keys(DIALECT) as DialectName[];

export function isDialectName(name: string): name is DialectName {
  return Object.hasOwn(DIALECT, name);
}

/** The block a dialect component opens, if it is one of the four. */
export function blockOf(name: DialectName): BlockKind | undefined {
  const entry = DIALECT[name];
  return 'block' in entry ? entry.block : undefined;
}

/** HTML elements of a body that the page draws with its own components. */
export const ELEMENTS = ['pre', 'h3', 'img'] as const;
export type ElementName = (typeof ELEMENTS)[number];

// The block components and BLOCK_KINDS are the same four, in the same order.
const blockNames = Object.values(blocks).map((b) => b.block);
if (blockNames.join() !== BLOCK_KINDS.join()) throw new Error(`dialect blocks ${blockNames.join()} differ from BLOCK_KINDS ${BLOCK_KINDS.join()}`);
