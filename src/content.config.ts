import { defineCollection } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import { ContentError } from './lib/errors/problems.ts';
import { GuideSchema } from './lib/schemas/guide.ts';
import { validateGuideEntries } from './lib/guides/validate.ts';

/**
 * Astro's glob loader stops at the first entry whose frontmatter fails the schema and reports it in
 * Zod's words. This wrapper lets every entry through the glob loader, collects each failure with
 * `validateGuideEntries` (file, field path, found, expected) together with the rules that span
 * entries, and fails the build once with all of them.
 */
function guidesLoader(): Loader {
  const inner = glob({ pattern: '**/*.mdx', base: './src/content/guides' });
  return {
    name: 'arya-guides',
    load: async (context) => {
      const rejected = new Map<string, { file: string; data: unknown }>();
      await inner.load({
        ...context,
        parseData: async (props) => {
          const file = props.filePath ?? props.id;
          if (validateGuideEntries([{ file, data: props.data }]).entries.length === 0) {
            // Keep it out of the store (and so out of the cache); it is reported with the rest below.
            rejected.set(props.id, { file, data: props.data });
            return props.data;
          }
          return context.parseData(props);
        },
      });
      for (const id of rejected.keys()) context.store.delete(id);

      const stored = [...context.store.values()].map((entry) => ({ file: entry.filePath ?? entry.id, data: entry.data }));
      const { problems } = validateGuideEntries([...stored, ...rejected.values()]);
      if (problems.length > 0) throw new ContentError('Invalid guide frontmatter', problems);
    },
  };
}

export const collections = {
  guides: defineCollection({ loader: guidesLoader(), schema: GuideSchema }),
};
