/**
 * Reads every guide file under a folder (Node only): used by tests and scripts, which validate
 * guides without Astro. Paths come back relative to `cwd` with forward slashes, as the build names them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { splitFrontmatter } from './frontmatter.ts';
import type { RawGuideEntry } from './validate.ts';

export interface GuideFile extends RawGuideEntry {
  body: string;
  /** Set when the frontmatter is not valid YAML (then `data` is undefined). */
  yamlError?: string;
}

export function readGuideFolder(root: string, cwd = process.cwd()): GuideFile[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => {
      const path = join(root, f);
      const file = relative(cwd, path).split(sep).join('/');
      const text = readFileSync(path, 'utf8');
      try {
        const { data, body } = splitFrontmatter(text);
        return { file, data, body };
      } catch (error) {
        return { file, data: undefined, body: text, yamlError: error instanceof Error ? error.message : String(error) };
      }
    });
}
