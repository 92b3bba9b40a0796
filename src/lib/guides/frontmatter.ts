/**
 * Splits an MDX/Markdown file into its YAML frontmatter and body. Used by tests and scripts that
 * read guide files directly; the site itself gets frontmatter from Astro's content layer.
 */
import { parse } from 'yaml';

export interface SplitFile {
  data: unknown;
  body: string;
  /** 1-based line number where the body starts. */
  bodyLine: number;
}

export function splitFrontmatter(text: string): SplitFile {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { data: undefined, body: text, bodyLine: 1 };
  const yaml = match[1] ?? '';
  return {
    data: parse(yaml) as unknown,
    body: text.slice(match[0].length),
    bodyLine: match[0].split('\n').length,
  };
}
