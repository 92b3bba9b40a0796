import { defineCollection } from 'astro:content';
import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import { ContentError, type Problem } from './lib/errors/problems.ts';
import { TreeSchema } from './lib/decision-tree/schema.ts';
import { validateTree } from './lib/decision-tree/validate.ts';
import { GuideSchema } from './lib/schemas/guide.ts';
import { entryProblems, validateGuideEntries } from './lib/guides/collection.ts';

interface RawEntry {
  file: string;
  data: unknown;
}

/**
 * What `render(entry)` from astro:content prints for a guide: guides are parsed and rendered by
 * src/lib/guides (loadGuides() and renderGuide()), so Astro has nothing to render, and an empty
 * page would hide the mistake.
 */
const RENDER_NOTICE =
  '<p><strong>render() does not render guides.</strong> Use loadGuides() (src/components/guide/load.ts) and renderGuide() (src/lib/guides/render.ts); see CONTRIBUTING.md, "How a guide becomes a page".</p>';

/**
 * Takes entries out of Astro's deferred rendering. Each deferred (MDX) entry becomes a module of
 * the server bundle, and the bundler holds them all at once: about 1 MB of peak memory per guide
 * (bench: 7.2 GB at 3,000 guides per language). The guide page renders the body itself instead.
 * Entries are set again, not patched, so a cached store from an older build is mended as well.
 */
function keepOutOfDeferredRendering(store: LoaderContext['store']): void {
  for (const entry of [...store.values()]) {
    if (!entry.deferredRender && entry.rendered?.html === RENDER_NOTICE) continue;
    const { deferredRender: _deferred, ...rest } = entry;
    store.delete(entry.id);
    store.set({ ...rest, rendered: { html: RENDER_NOTICE } });
  }
}

/**
 * Astro's glob loader stops at the first entry whose data fails the schema and reports it in Zod's
 * words. This wrapper lets every entry through, checks them all with our own validator (file,
 * field path, found, expected; rules that span entries too), keeps rejected entries out of the
 * store and its cache, and fails the build once with every problem.
 */
function checkedGlob(options: {
  pattern: string;
  base: string;
  title: string;
  check: (entries: RawEntry[]) => Problem[];
  /**
   * The problems of one entry on its own, which keep it out of the store. Default: `check` of that
   * entry alone, which must then leave out every rule between entries (a guide that `narrows`
   * another would be rejected for the other's absence).
   */
  checkOne?: (entry: RawEntry) => Problem[];
  /** `page`: entries are rendered by their page (src/lib/guides/render.ts), never by `render()`. */
  render?: 'page';
  /**
   * Keep each entry's body in the store (default). The store becomes one module of the server
   * bundle: guide bodies, read from their files by loadGuides() (mdxBody), stay out of it.
   */
  retainBody?: boolean;
}): Loader {
  const inner = glob({ pattern: options.pattern, base: options.base, retainBody: options.retainBody ?? true });
  return {
    name: `checked-glob:${options.base}`,
    load: async (context) => {
      const rejected = new Map<string, RawEntry>();
      await inner.load({
        ...context,
        parseData: async (props) => {
          const file = props.filePath ?? props.id;
          const own = options.checkOne ? options.checkOne({ file, data: props.data }) : options.check([{ file, data: props.data }]);
          if (own.some((p) => p.file === file && p.path !== '(file)')) {
            rejected.set(props.id, { file, data: props.data });
            return props.data;
          }
          return context.parseData(props);
        },
      });
      for (const id of rejected.keys()) context.store.delete(id);
      // Entries kept from an earlier build's cache were parsed by the schema as it was then: parse
      // them again, so a field the schema has gained since (with its default) is there too.
      for (const entry of [...context.store.values()]) {
        const data = await context.parseData({ id: entry.id, data: entry.data, ...(entry.filePath ? { filePath: entry.filePath } : {}) });
        if (JSON.stringify(data) !== JSON.stringify(entry.data)) context.store.set({ ...entry, data });
      }
      if (options.render === 'page') keepOutOfDeferredRendering(context.store);
      const stored = [...context.store.values()].map((entry) => ({ file: entry.filePath ?? entry.id, data: entry.data }));
      const problems = options.check([...stored, ...rejected.values()]);
      if (problems.length > 0) throw new ContentError(options.title, problems);
    },
  };
}

export const collections = {
  guides: defineCollection({
    loader: checkedGlob({
      pattern: '**/*.mdx',
      base: './src/content/guides',
      title: 'Invalid guide frontmatter',
      render: 'page',
      retainBody: false,
      check: (entries) => validateGuideEntries(entries).problems,
      checkOne: entryProblems,
    }),
    schema: GuideSchema,
  }),
  // Links from trees into the guides are checked when the triage pages are built, once the
  // guides' headings are known (src/pages/[lang]/triage).
  trees: defineCollection({
    loader: checkedGlob({
      pattern: '*.yaml',
      base: './src/content/trees',
      title: 'Invalid triage tree',
      check: (entries) => entries.flatMap((e) => validateTree(e.file, e.data).problems),
    }),
    schema: TreeSchema,
  }),
};
