/**
 * Loads the guides for the pages: every entry of the collection (frontmatter already checked by
 * the content loader), its body parsed once into its model (src/lib/guides/parse.ts) and checked
 * (pictures that exist). Every page, the trees' link checks and the search index read these
 * models; a mistake in any body fails the build once, with every problem listed.
 * Astro-side glue (astro:content, the file system); the parsing itself is pure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { getCollection } from 'astro:content';
import { ContentError, type Problem } from '../../lib/errors/problems.ts';
import { imageProblems } from '../../lib/guides/checks.ts';
import { langOfEntry, mdxBody, slugOfEntry } from '../../lib/guides/entries.ts';
import { bodyFirstLine, parseGuide, type GuideModel } from '../../lib/guides/parse.ts';
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
  model: GuideModel;
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

/** Every guide with its model, parsed once per build. */
export function loadGuides(): Promise<LoadedGuide[]> {
  cached ??= (async () => {
    const entries = await getCollection('guides');
    const problems: Problem[] = [];
    const guides: LoadedGuide[] = [];
    for (const [i, entry] of entries.entries()) {
      if (i > 0 && i % PARSES_PER_TURN === 0) await nextTurn();
      const file = entry.filePath ?? entry.id;
      // Bodies are not kept in Astro's store (content.config.ts): read from the file, as Astro would give it.
      const text = readFileSync(file, 'utf8');
      const body = mdxBody(text);
      const { model, problems: own } = parseGuide(body, { file, firstLine: () => bodyFirstLine(text, body) });
      problems.push(...own, ...imageProblems(file, model, (path) => existsSync(path.slice(1))));
      guides.push({ id: entry.id, lang: langOfEntry(entry.id), slug: slugOfEntry(entry.id), file, data: entry.data, model });
    }
    if (problems.length > 0) throw new ContentError('Invalid guide body', problems);
    return guides;
  })();
  return cached;
}
