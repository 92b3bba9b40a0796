/**
 * Every piece of code the site shows, for the verify tests: the fenced blocks of every guide in
 * both languages (with their fence meta) and every command of every triage tree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readGuides } from './guide-files.ts';
import { parseFenceMeta, type FenceMeta } from './verify/fence-meta.ts';
import type { VerifyServer } from '../../src/lib/guides/verified.ts';

export type CodeOrigin = 'guide-zh' | 'guide-en' | 'tree';

export interface SiteCode {
  origin: CodeOrigin;
  /** `src/content/guides/zh/x.mdx:42` or `src/content/trees/x.yaml#node-id[1]`. */
  where: string;
  /** Guide slug (guides only). */
  slug?: string;
  lang: string;
  code: string;
  meta: FenceMeta;
  /** Problems with the fence meta itself. */
  metaProblems: string[];
}

export function guideCode(folder = 'src/content/guides'): SiteCode[] {
  return readGuides(folder).guides.flatMap((g) =>
    g.model.code.map((b): SiteCode => {
      const { meta, problems } = parseFenceMeta(b.meta);
      return { origin: `guide-${g.lang}`, where: `${g.file}:${String(b.line)}`, slug: g.slug, lang: b.lang, code: b.text, meta, metaProblems: problems };
    }),
  );
}

interface TreeNodeLike {
  id?: string;
  commands?: Array<{ lang?: string; code?: string }>;
}

export function treeCode(folder = 'src/content/trees'): SiteCode[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((name) => {
      const file = join(folder, name);
      const tree = parse(readFileSync(file, 'utf8')) as { nodes?: TreeNodeLike[] };
      return (tree.nodes ?? []).flatMap((node) =>
        (node.commands ?? []).map((c, i): SiteCode => ({
          origin: 'tree',
          where: `${file}#${node.id ?? '?'}[${String(i)}]`,
          lang: c.lang ?? '',
          code: (c.code ?? '').replace(/\n$/, ''),
          meta: {},
          metaProblems: [],
        })),
      );
    });
}

export function siteCode(): SiteCode[] {
  return [...guideCode(), ...treeCode()];
}

/** A command line that runs against a real server in tests/verify/servers.test.ts. */
export interface ServerCommand {
  text: string;
  server: VerifyServer;
  /** slug → position of the command's first appearance in that guide (for the badge's order). */
  guides: Map<string, number>;
  /** Where in the trees it appears. */
  trees: string[];
}

/** The server a bash line talks to, when it is one the verify suite runs: redis-cli, psql, python with redis-py. */
export function commandServer(line: string): VerifyServer | undefined {
  if (/^redis-cli\b/.test(line) || /^python3? -c "import (\w+, )*redis\b/.test(line)) return 'redis';
  if (/^psql\b/.test(line)) return 'postgresql';
  return undefined;
}

/** Every line of every bash block that runs against a server, once, with where it appears. */
export function serverCommands(blocks: ReadonlyArray<SiteCode>): Map<string, ServerCommand> {
  const found = new Map<string, ServerCommand>();
  blocks.forEach((b, blockIndex) => {
    if (b.lang !== 'bash') return;
    b.code.split('\n').forEach((raw, lineIndex) => {
      const text = raw.trim();
      const server = commandServer(text);
      if (!server) return;
      const c: ServerCommand = found.get(text) ?? { text, server, guides: new Map<string, number>(), trees: [] };
      if (b.slug && !c.guides.has(b.slug)) c.guides.set(b.slug, blockIndex * 1000 + lineIndex);
      if (b.origin === 'tree') c.trees.push(b.where);
      found.set(text, c);
    });
  });
  return found;
}
