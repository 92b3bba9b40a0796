/**
 * The guides as the build sees them, read without Astro (for tests and the author scripts): every
 * MDX file under a folder, its frontmatter split off and checked by the collection's own rules
 * (src/lib/guides/collection.ts), and its body parsed once into its model
 * (src/lib/guides/parse.ts), exactly as src/components/guide/load.ts does in the build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import type { Problem } from '../../src/lib/errors/problems.ts';
import { validateGuideEntries, type RawGuideEntry, type ValidGuideEntry } from '../../src/lib/guides/collection.ts';
import { parseGuide, type GuideModel, type GuideOutline } from '../../src/lib/guides/parse.ts';

export interface SplitFile {
  data: unknown;
  body: string;
  /** 1-based line number where the body starts. */
  bodyLine: number;
}

/** Splits an MDX/Markdown file into its YAML frontmatter and body. */
export function splitFrontmatter(text: string): SplitFile {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { data: undefined, body: text, bodyLine: 1 };
  return { data: parse(match[1] ?? '') as unknown, body: text.slice(match[0].length), bodyLine: match[0].split('\n').length };
}

export interface GuideFile extends RawGuideEntry {
  body: string;
  bodyLine: number;
  /** Set when the frontmatter is not valid YAML (then `data` is undefined). */
  yamlError?: string;
}

/** Every guide file under a folder; paths relative to `cwd` with forward slashes, as the build names them. */
export function readGuideFolder(root: string, cwd = process.cwd()): GuideFile[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => {
      const path = join(root, f);
      const file = relative(cwd, path).split(sep).join('/');
      const text = readFileSync(path, 'utf8');
      try {
        const { data, body, bodyLine } = splitFrontmatter(text);
        return { file, data, body, bodyLine };
      } catch (error) {
        return { file, data: undefined, body: text, bodyLine: 1, yamlError: error instanceof Error ? error.message : String(error) };
      }
    });
}

export interface ReadGuide extends ValidGuideEntry {
  body: string;
  model: GuideModel;
  /** The model's anchors and headings, as the build's guides carry them (src/components/guide/load.ts). */
  outline: GuideOutline;
}

/** Valid guides with their models, and every problem of frontmatter and body. */
export function readGuides(root = 'src/content/guides'): { guides: ReadGuide[]; files: GuideFile[]; problems: Problem[] } {
  const files = readGuideFolder(root);
  const { entries, problems } = validateGuideEntries(files.filter((f) => !f.yamlError));
  const guides = entries.map((entry): ReadGuide => {
    const file = files.find((f) => f.file === entry.file);
    const body = file?.body ?? '';
    const parsed = parseGuide(body, { file: entry.file, firstLine: () => file?.bodyLine ?? 1 });
    problems.push(...parsed.problems);
    return { ...entry, body, model: parsed.model, outline: parsed.model };
  });
  return { guides, files, problems };
}
