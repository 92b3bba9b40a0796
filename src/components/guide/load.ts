/**
 * Loads the guides for the pages: every entry of the collection (frontmatter already checked by
 * the content loader), its body parsed into its model (src/lib/guides/parse.ts) and checked
 * (pictures that exist); a mistake in any body fails the build once, with every problem listed.
 * Astro-side glue (astro:content, the file system); the parsing itself is pure.
 *
 * A guide keeps its outline (anchors and headings: what the trees' link checks and the error
 * catalogue read), not its model: the models of every guide, held for the whole build by the
 * guide route's props, were about 70 KB a guide (400 MB at 3,000 guides per language, in the
 * build's peak). The page and the search index parse the body again when they need it
 * (`parse()`, about 2 ms a guide), one guide at a time (`withModels`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { getCollection } from 'astro:content';
import { ContentError, type Problem } from '../../lib/errors/problems.ts';
import { imageProblems } from '../../lib/guides/checks.ts';
import { langOfEntry, mdxBody, slugOfEntry } from '../../lib/guides/entries.ts';
import { bodyFirstLine, parseGuide, type GuideModel, type GuideOutline } from '../../lib/guides/parse.ts';
import type { Lang } from '../../lib/i18n/langs.ts';
import type { Guide } from '../../lib/schemas/guide.ts';

export interface LoadedGuide {
  /** Collection id: `zh/db-pool-exhausted`. */
  id: string;
  lang: Lang;
  slug: string;
  /** The MDX file, from the project root. */
  file: string;
  data: Guide;
  outline: GuideOutline;
  /** The body's model, parsed from the file again (checked when the guides were loaded). */
  parse: () => GuideModel;
}

let cached: Promise<LoadedGuide[]> | undefined;

/**
 * Guides parsed between two turns of the event loop. Sätteri (native) frees what a parse used in
 * a finalizer that Node runs on a later turn: parsed in one synchronous loop, every guide's native
 * memory stayed until the loop ended (about 55 KB a guide, 330 MB at 3,000 guides per language,
 * which the allocator then kept). Measured on 6,000 parses of one guide: RSS 404 MB without a turn
 * between them, 97 MB with one every 100.
 */
const PARSES_PER_TURN = 50;

/** `f` of each item in order, with a turn of the event loop every PARSES_PER_TURN (each `f` parses a guide). */
async function withTurns<T, R>(items: readonly T[], f: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  for (const [i, item] of items.entries()) {
    if (i > 0 && i % PARSES_PER_TURN === 0) await nextTurn();
    out.push(f(item));
  }
  return out;
}

/** A guide file's body parsed into its model, with the problems it has. */
function parseFile(file: string): { model: GuideModel; problems: Problem[] } {
  // Bodies are not kept in Astro's store (content.config.ts): read from the file, as Astro would give it.
  const text = readFileSync(file, 'utf8');
  const body = mdxBody(text);
  return parseGuide(body, { file, firstLine: () => bodyFirstLine(text, body) });
}

/** Every guide with its outline, each body parsed and checked once per build. */
export function loadGuides(): Promise<LoadedGuide[]> {
  cached ??= (async () => {
    const entries = await getCollection('guides');
    const problems: Problem[] = [];
    const guides = await withTurns(entries, (entry): LoadedGuide => {
      const file = entry.filePath ?? entry.id;
      const { model, problems: own } = parseFile(file);
      problems.push(...own, ...imageProblems(file, model, (path) => existsSync(path.slice(1))));
      return {
        id: entry.id,
        lang: langOfEntry(entry.id),
        slug: slugOfEntry(entry.id),
        file,
        data: entry.data,
        outline: { anchors: model.anchors, headings: model.headings },
        parse: () => parseFile(file).model,
      };
    });
    if (problems.length > 0) throw new ContentError('Invalid guide body', problems);
    return guides;
  })();
  return cached;
}

/** `f` of every guide with its model, parsed one guide at a time (with turns between, as above); no model is kept. */
export function withModels<T>(guides: readonly LoadedGuide[], f: (guide: LoadedGuide, model: GuideModel) => T): Promise<T[]> {
  return withTurns(guides, (guide) => f(guide, guide.parse()));
}
