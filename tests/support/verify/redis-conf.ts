/**
 * The shape of a redis.conf excerpt: `directive arg…` per line, `#` comments. Whether Redis
 * accepts each directive is checked for real by tests/verify/servers.test.ts, which starts
 * redis-server with the excerpt as its configuration file.
 */

export interface RedisDirective {
  name: string;
  args: string[];
  line: number;
}

/** Directives of a redis.conf excerpt, in order; comments and blank lines skipped. */
export function redisDirectives(text: string): RedisDirective[] {
  const out: RedisDirective[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [name = '', ...args] = line.split(/\s+/);
    out.push({ name, args, line: index + 1 });
  });
  return out;
}

/** Problems of a redis.conf excerpt's shape, one sentence each. */
export function checkRedisConf(text: string): string[] {
  const problems: string[] = [];
  for (const d of redisDirectives(text)) {
    if (!/^[a-z][a-z0-9-]*$/.test(d.name)) problems.push(`line ${String(d.line)}: "${d.name}" is not a directive name (lower case, digits and "-")`);
    else if (d.args.length === 0) problems.push(`line ${String(d.line)}: ${d.name} has no value`);
  }
  return problems;
}
