/**
 * `src/data/verified.json`: what tests/verify/servers.test.ts ran for real, for the guide's
 * "verified" badge. Written by that test, read at build time by VerifiedBadge.astro.
 *
 * Shape: the server versions the commands ran against, then per guide slug the commands
 * (as the guide writes them) that ran and printed what the guide says to look for, per server,
 * and the error signatures of the guide that a reproduced failure printed. No dates: the file only
 * changes when the result changes.
 */
import { z } from 'zod';
import { t } from '../i18n/index.ts';
import type { Lang } from '../i18n/langs.ts';

export const VERIFY_SERVERS = ['redis', 'postgresql'] as const;
export const VerifyServerSchema = z.enum(VERIFY_SERVERS);
export type VerifyServer = z.output<typeof VerifyServerSchema>;

export const VerifiedGuideSchema = z.strictObject({
  /** Commands and statements as the guide writes them, per server, in the order the guide gives them. Default: none. */
  commands: z.partialRecord(VerifyServerSchema, z.array(z.string().min(1))).default({}),
  /** Signatures of the guide's frontmatter that a reproduced failure printed. Default: none. */
  reproduced: z.array(z.string().min(1)).default([]),
});
export type VerifiedGuide = z.output<typeof VerifiedGuideSchema>;

export const VerifiedSchema = z.strictObject({
  /** Versions the commands ran against (`redis-server --version`, `postgres --version`). */
  servers: z.partialRecord(VerifyServerSchema, z.string().min(1)),
  /** Per guide slug. A slug that is missing had nothing verified. */
  guides: z.record(z.string(), VerifiedGuideSchema),
});
export type VerifiedInput = z.input<typeof VerifiedSchema>;
export type Verified = z.output<typeof VerifiedSchema>;

/** The version number from `redis-server --version` or `postgres --version` output. */
export function serverVersion(server: VerifyServer, versionOutput: string): string | undefined {
  const re = server === 'redis' ? /\bv=(\d+\.\d+\.\d+)/ : /\(PostgreSQL\)\s+(\d+(?:\.\d+)*)/;
  return re.exec(versionOutput)?.[1];
}

/** The file's text: keys sorted, commands kept in guide order, two-space JSON, final newline. */
export function serializeVerified(data: Verified): string {
  const guides: Record<string, VerifiedGuide> = {};
  for (const slug of Object.keys(data.guides).sort()) {
    const g = data.guides[slug];
    if (!g) continue;
    const commands: VerifiedGuide['commands'] = {};
    for (const server of VERIFY_SERVERS) {
      const list = g.commands[server];
      if (list && list.length > 0) commands[server] = [...new Set(list)];
    }
    guides[slug] = { commands, reproduced: [...new Set(g.reproduced)] };
  }
  const servers: Verified['servers'] = {};
  for (const server of VERIFY_SERVERS) {
    const v = data.servers[server];
    if (v) servers[server] = v;
  }
  return `${JSON.stringify({ servers, guides }, null, 2)}\n`;
}

const SERVER_NAMES: Record<VerifyServer, string> = { redis: 'Redis', postgresql: 'PostgreSQL' };

export interface BadgeText {
  /** The one-line summary; the badge shows nothing when this is undefined. */
  summary: string | undefined;
  /** The verified commands, for the list under the summary. */
  commands: string[];
  /** The reproduced error signatures. */
  reproduced: string[];
  reproducedLabel: string;
}

/** The servers commands ran against, with their versions (`Redis 7.0.15, PostgreSQL 15.18`); `only` limits them. */
export function serversText(data: Verified, lang: Lang, only: readonly VerifyServer[] = VERIFY_SERVERS.filter((s) => data.servers[s] !== undefined)): string {
  return only
    .map((s) => `${SERVER_NAMES[s]} ${data.servers[s] ?? ''}`.trim())
    .join(t(lang, 'list.separator'));
}

/** What the badge of one guide says, in the page language. */
export function badgeText(data: Verified, slug: string, lang: Lang): BadgeText {
  const g = data.guides[slug];
  const servers = VERIFY_SERVERS.filter((s) => (g?.commands[s]?.length ?? 0) > 0);
  const commands = [...new Set(servers.flatMap((s) => g?.commands[s] ?? []))];
  const against = serversText(data, lang, servers);
  const n = commands.length;
  return {
    summary: n === 0 ? undefined : t(lang, n === 1 ? 'verified.summary.one' : 'verified.summary.other', { n, servers: against }),
    commands,
    reproduced: g?.reproduced ?? [],
    reproducedLabel: t(lang, 'verified.reproduced'),
  };
}
