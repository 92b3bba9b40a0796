/**
 * Command variables: values that differ per installation (a container id, the API's base URL),
 * typed once by the reader and put into every command that uses them.
 */
import { z } from 'zod';
import { LocalizedSchema } from '../i18n/langs.ts';
import { VARIABLE_KINDS, type VariableKind } from './values.ts';

export const VariableSchema = z.strictObject({
  /** Name used in `input[data-var="<name>"]` and in storage. */
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** Input label in both languages. */
  label: LocalizedSchema,
  /** One line of help in both languages (what it is, where to find it). */
  help: LocalizedSchema,
  /** Which validator applies. */
  kind: z.enum(Object.keys(VARIABLE_KINDS) as [VariableKind, ...VariableKind[]]),
  /** The text as it is written in the guide's commands (`<container_id>`, `http://localhost:8000`). */
  written: z.string().min(2),
  /**
   * Text that must stand right before `written` for it to count (`-U ` before `postgres`),
   * for values too common to match alone.
   */
  after: z.string().optional(),
  /** Placeholder shown in the empty input: an example value. */
  example: z.string().min(1),
});
export type Variable = z.output<typeof VariableSchema>;

