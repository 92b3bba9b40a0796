import { defineCollection } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import { ContentError, type Problem } from './lib/errors/problems.ts';
import { TreeSchema } from './lib/decision-tree/schema.ts';
import { validateTree } from './lib/decision-tree/validate.ts';
import { GuideSchema } from './lib/schemas/guide.ts';
import { validateGuideEntries } from './lib/guides/validate.ts';

interface RawEntry {
  file: string;
  data: unknown;
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
}): Loader {
  const inner = glob({ pattern: options.pattern, base: options.base });
  return {
    name: `checked-glob:${options.base}`,
    load: async (context) => {
      const rejected = new Map<string, RawEntry>();
      await inner.load({
        ...context,
        parseData: async (props) => {
          const file = props.filePath ?? props.id;
          if (options.check([{ file, data: props.data }]).some((p) => p.file === file && p.path !== '(file)')) {
            rejected.set(props.id, { file, data: props.data });
            return props.data;
          }
          return context.parseData(props);
        },
      });
      for (const id of rejected.keys()) context.store.delete(id);
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
      check: (entries) => validateGuideEntries(entries).problems,
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
