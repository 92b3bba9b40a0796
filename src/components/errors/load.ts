/**
 * Loads the error catalogue for the pages: every error family of the guides, checked against the
 * guides' headings and the trees' steps, and against the list of published codes, so a code that
 * was published and disappeared fails the build. Astro-side glue; the catalogue itself is pure
 * (src/lib/guides/error-codes.ts).
 */
import published from '../../data/error-codes.json';
import { ContentError } from '../../lib/errors/problems.ts';
import { errorCatalogue, publishedCodeProblems, type ErrorFamily } from '../../lib/guides/error-codes.ts';
import { loadGuides } from '../guide/load.ts';
import { loadTrees } from '../triage/load.ts';

export const PUBLISHED_CODES_FILE = 'src/data/error-codes.json';

let cached: Promise<ErrorFamily[]> | undefined;

export function loadErrors(): Promise<ErrorFamily[]> {
  cached ??= (async () => {
    const trees = await loadTrees();
    const nodes = new Map(trees.map(({ id, tree }) => [id, new Set(tree.nodes.map((n) => n.id))]));
    const { families, problems } = errorCatalogue(await loadGuides(), nodes);
    problems.push(...publishedCodeProblems(families, published, PUBLISHED_CODES_FILE));
    if (problems.length > 0) throw new ContentError('Invalid error codes', problems);
    return families;
  })();
  return cached;
}

/** Bumped when the shape of /errors.json changes (src/data/error-codes.json keeps it). */
export const ERRORS_JSON_VERSION = published.version;
