import { z } from 'zod';

/**
 * Ids that appear in URLs: a guide's slug (its file name), a tree's node ids, error codes. Lower-case
 * letters and digits, words joined by single hyphens.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const SlugSchema = z.string().regex(SLUG_PATTERN, 'an id of lower-case letters, digits and single hyphens (it becomes part of a URL)');
