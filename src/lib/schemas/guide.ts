import { z } from 'zod';
import { CONCEPTS } from '../search/lexicon.ts';
import { CHAPTERS } from './chapters.ts';
import { SlugSchema } from './slug.ts';

/** Parts of the Arya Video Agent stack a problem involves; used for filters and search. */
export const COMPONENTS = [
  'app',
  'python',
  'postgres',
  'sqlalchemy',
  'redis',
  'docker',
  'api',
  'agent',
  'network',
  'logging',
  'linux',
  'monitoring',
] as const;
export const ComponentSchema = z.enum(COMPONENTS);

/**
 * What kind of text identifies a problem:
 * - `exception`: a fully qualified exception class (`sqlalchemy.exc.TimeoutError`);
 * - `message`: a message template as the software prints it, with `<int>`, `<num>`, `<host>`,
 *   `<port>`, `<str>` standing for the parts that vary;
 * - `output`: what a tool prints (redis-cli, psql, docker, curl, the kernel);
 * - `symptom`: a phrase a person would use to describe what they see, in the page language.
 */
export const SIGNATURE_KINDS = ['exception', 'message', 'output', 'symptom'] as const;
export const SignatureKindSchema = z.enum(SIGNATURE_KINDS);
export type SignatureKind = z.output<typeof SignatureKindSchema>;

export const SignatureSchema = z.strictObject({
  /** What kind of text this is; see `SignatureKindSchema`. */
  kind: SignatureKindSchema,
  /** The text itself, exactly as printed (templates use `<int>`, `<host>`, … for varying parts). */
  text: z.string().trim().min(2),
  /**
   * The stable code of the error family this signature belongs to (`db-pool-timeout`): its
   * permanent page is /<lang>/e/<code>/. Errors only (not `symptom`); described under `errors`.
   * Once published a code never changes or disappears (src/data/error-codes.json).
   */
  code: SlugSchema.optional(),
  /**
   * `startup`: the error is this section's problem only while the application starts (a database or
   * Redis refusing connections at boot). Search then gives a paste that shows a running application
   * (serving a request, running a task) to the section that covers the same error at run time.
   * Errors only (not `symptom`). Default: any time.
   */
  when: z.literal('startup').optional(),
  /**
   * `true`: a line printed after the real error that names it only in general (uvicorn's
   * `Application startup failed. Exiting.` after the exception that failed the startup). When the
   * paste shows another known error, search names that one. Errors only (not `symptom`).
   */
  wraps: z.literal(true).optional(),
});
export type SignatureInput = z.input<typeof SignatureSchema>;
export type Signature = z.output<typeof SignatureSchema>;

/** A section number as printed in the guide: chapter, dot, section (`"2.1"`, `"10.1"`). */
export const SectionNumberSchema = z
  .string()
  .regex(/^[1-9]\d*\.[1-9]\d*$/, 'a section number like "2.1" (quoted, so YAML keeps it a string)');

/** Frontmatter of one guide entry (`src/content/guides/<lang>/<slug>.mdx`). */
export const GuideSchema = z.strictObject({
  /** Section number as printed in the guide, e.g. `"2.1"`. Required; unique per language. */
  section: SectionNumberSchema,
  /** Chapter id (`startup`, `database`, …, `deployment`); must match the section's first number. */
  chapter: z.enum(CHAPTERS),
  /** Section title in the page language, without its number. */
  title: z.string().trim().min(2).max(80),
  /** The symptom in one line, as the reader would see it; shown on the home page index. */
  symptom: z.string().trim().min(4).max(240),
  /** Error signatures that identify this problem (exceptions, message templates, tool output, symptom phrases). At least one. */
  signatures: z.array(SignatureSchema).min(1),
  /** Parts of the stack involved (`postgres`, `redis`, `docker`, …). At least one. */
  components: z.array(ComponentSchema).min(1),
  /** Date a person last checked this entry against the running system (`YYYY-MM-DD`). */
  lastReviewed: z.coerce.date(),
  /** Optional one-line description for search engines and link previews; defaults to `symptom`. */
  description: z.string().trim().max(200).optional(),
  /**
   * The error families of this section, by the `code` its signatures carry: where on this page
   * each one's fix is (`fix`: a heading id; default: the Solutions block) and the triage step for
   * it (`step`: `<tree>/<node>`, the same in both languages). Default: none.
   */
  errors: z
    .record(
      SlugSchema,
      z.strictObject({
        /** Heading id of the fix on this page (`scripts/list-anchors.ts` lists them). Default: `solutions`. */
        fix: z.string().min(1).optional(),
        /** The wizard step that diagnoses it, `<tree>/<node>`. Optional. */
        step: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'a tree and a node, as <tree>/<node>').optional(),
      }),
    )
    .default({}),
  /**
   * This section is another one's problem in one setting: 10.1 (the container exits) is 1.1 (the
   * application does not start) inside a container. `guide`: the other section's slug; `concept`:
   * the lexicon concept (src/lib/search/lexicon.ts) whose words name the setting (`container`:
   * docker, compose, pod, 容器, …). Search weighs this section less for a query that names no word
   * of the concept, and the other section less for one that does. The same in both languages.
   * `unless`: concepts that, named in a description, make it the other section's own problem in
   * the setting too, so the narrowing does not apply (`localhost` inside a container is 1.1's).
   */
  narrows: z
    .strictObject({
      guide: SlugSchema,
      concept: z.enum(Object.keys(CONCEPTS) as [string, ...string[]]),
      unless: z.array(z.enum(Object.keys(CONCEPTS) as [string, ...string[]])).nonempty().optional(),
    })
    .optional(),
});
export type GuideInput = z.input<typeof GuideSchema>;
export type Guide = z.output<typeof GuideSchema>;
