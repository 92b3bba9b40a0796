/** The four blocks of every guide entry, in order; each is an `<h2>` with this id. */
export const BLOCK_KINDS = ['symptom', 'causes', 'diagnosis', 'solutions'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];
