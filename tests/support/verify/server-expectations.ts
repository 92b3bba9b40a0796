/**
 * What each Redis and PostgreSQL command of the site must print: the guide's "look for", as
 * patterns over the output. Shared by tests/verify/servers.test.ts (one host: the servers on
 * 127.0.0.1, trust, the `postgres` superuser) and tests/verify/topology.test.ts (the two-host
 * topology: the same commands with the reader's values, and their Docker Compose forms).
 */

export const DB = 'arya_video_agent';
/** Small on purpose: the connection-limit test fills it. 3 of them are reserved for superusers (the default). */
export const MAX_CONNECTIONS = 10;

export interface Expectation {
  /** Order to run in: reads first, then the commands that change the server. */
  phase: number;
  /** What the guide tells the reader to look for, as patterns over the output. */
  look: RegExp[];
}

/** Every Redis and PostgreSQL command on the site, with what its output must show. */
export const EXPECT: Record<string, Expectation> = {
  'redis-cli ping': { phase: 1, look: [/^PONG$/m] },
  'redis-cli -u redis://localhost:6379 ping': { phase: 1, look: [/^PONG$/m] },
  'redis-cli -u redis://localhost:6379 --askpass ping': { phase: 1, look: [/^PONG$/m] },
  'redis-cli INFO memory': { phase: 1, look: [/^used_memory_human:\S+$/m, /^maxmemory_human:\S+$/m, /^maxmemory_policy:\S+$/m] },
  'redis-cli INFO clients': { phase: 1, look: [/^connected_clients:\d+/m, /^maxclients:\d+/m] },
  "redis-cli CLIENT LIST | awk '{print $2}' | cut -d= -f2 | cut -d: -f1 | sort | uniq -c": { phase: 1, look: [/^\s+\d+ 127\.0\.0\.1$/m] },
  'redis-cli DBSIZE': { phase: 1, look: [/^[1-9]\d*$/m] },
  'redis-cli INFO keyspace': { phase: 1, look: [/^db0:keys=\d+,expires=\d+,avg_ttl=\d+/m] },
  'redis-cli INFO stats | grep keyspace_': { phase: 1, look: [/^keyspace_hits:\d+/m, /^keyspace_misses:\d+/m] },
  "redis-cli --scan --pattern 'api:response:*' | head -5": { phase: 1, look: [/^api:response:\/api\/v1\/tasks\?user_id=user_\d+$/m] },
  'redis-cli --bigkeys': { phase: 1, look: [/^-------- summary -------$/m, /^Biggest\s+string found '"tasks:\d+"' has \d+ bytes$/m] },
  'redis-cli --bigkeys -i 0.1': { phase: 1, look: [/^-------- summary -------$/m, /^Biggest\s+string found '.+' has \d+ bytes$/m] },
  'redis-cli --memkeys': { phase: 1, look: [/^-------- summary -------$/m, /^Biggest\s+(string|hash|list) found '.+' has \d+ bytes$/m] },
  'redis-cli --memkeys -i 0.1': { phase: 1, look: [/^-------- summary -------$/m, /^Biggest\s+(string|hash|list) found '.+' has \d+ bytes$/m] },
  'redis-cli CONFIG GET bind': { phase: 1, look: [/^bind\n127\.0\.0\.1( -::1)?$/m] },
  'redis-cli CONFIG GET port': { phase: 1, look: [/^port\n\d+$/m] },
  'redis-cli CONFIG GET protected-mode': { phase: 1, look: [/^protected-mode\n(yes|no)$/m] },
  'redis-cli CONFIG SET maxmemory 2gb': { phase: 2, look: [/^OK$/m] },
  'redis-cli CONFIG SET maxmemory-policy allkeys-lru': { phase: 2, look: [/^OK$/m] },
  'redis-cli CONFIG REWRITE': { phase: 3, look: [/^OK$/m] },
  [`python -c "import os, redis; r = redis.from_url('redis://localhost:6379', password=os.environ.get('REDISCLI_AUTH'), socket_connect_timeout=5); print('Redis OK' if r.ping() else 'Redis Failed')"`]: {
    phase: 1,
    look: [/^Redis OK$/m],
  },
  [`python -c "import os, time, redis; r = redis.from_url('redis://localhost:6379', password=os.environ.get('REDISCLI_AUTH'), socket_connect_timeout=5, socket_timeout=5); start = time.time(); r.ping(); print(f'Redis ping time: {time.time() - start:.3f}s')"`]: {
    phase: 1,
    look: [/^Redis ping time: \d+\.\d{3}s$/m],
  },
  [`psql -h localhost -p 5432 -U postgres -d ${DB} -c "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database();"`]: {
    phase: 1,
    look: [/^ count $/m, /^\s+[1-9]\d*$/m],
  },
  [`psql -h localhost -p 5432 -U postgres -d ${DB} -c "SELECT state, count(*) FROM pg_stat_activity WHERE datname = current_database() GROUP BY state;"`]: {
    phase: 1,
    look: [/^\s*state\s+\|\s+count\s*$/m, /^ active\s+\|\s+\d+$/m, /^ idle in transaction\s+\|\s+\d+$/m],
  },
  [`psql -h localhost -p 5432 -U postgres -d ${DB} -c "SELECT pid, pg_blocking_pids(pid) AS blocked_by, state, now() - xact_start AS xact_age, left(query, 60) AS query FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL ORDER BY xact_start;"`]: {
    phase: 1,
    look: [/^\s*pid\s+\|\s+blocked_by\s+\|\s+state\s+\|\s+xact_age\s+\|\s+query\s*$/m, /\|\s+\{\}\s+\|\s+idle in transaction\s+\|/],
  },
  [`psql -h localhost -p 5432 -U postgres -d ${DB} -c "SELECT pid, now() - state_change AS idle_for, left(query, 60) AS last_query FROM pg_stat_activity WHERE state = 'idle in transaction' ORDER BY state_change;"`]: {
    phase: 1,
    look: [/^\s*pid\s+\|\s+idle_for\s+\|\s+last_query\s*$/m, /^\s*\d+\s+\|\s+\d{2}:\d{2}:\d{2}(\.\d+)?\s+\|\s+SELECT/m],
  },
  [`psql -h localhost -p 5432 -U postgres -d ${DB} -c "SHOW idle_in_transaction_session_timeout;" -c "SHOW statement_timeout;"`]: {
    phase: 1,
    look: [/^ idle_in_transaction_session_timeout $/m, /^ statement_timeout $/m, /^ 0$/m],
  },
  [`psql -h localhost -p 5432 -U postgres -d ${DB} -c "SELECT pid, pg_blocking_pids(pid) AS blocked_by, wait_event_type, now() - query_start AS waiting, left(query, 60) AS query FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0;"`]: {
    phase: 1,
    look: [/^\s*pid\s+\|\s+blocked_by\s+\|\s+wait_event_type\s+\|\s+waiting\s+\|\s+query\s*$/m, /^\(\d+ rows?\)$/m],
  },
  [`psql -h localhost -p 5432 -U postgres -d ${DB} -c "SELECT relname, n_live_tup, n_dead_tup, last_autovacuum, last_autoanalyze, last_analyze FROM pg_stat_user_tables ORDER BY n_dead_tup DESC LIMIT 10;"`]: {
    phase: 1,
    look: [/^\s*relname\s+\|\s+n_live_tup\s+\|\s+n_dead_tup\s+\|\s+last_autovacuum\s+\|\s+last_autoanalyze\s+\|\s+last_analyze\s*$/m, /^ tasks\s+\|\s+\d+\s+\|\s+\d+\s+\|/m],
  },
  [`psql -h localhost -p 5432 -U postgres -d ${DB} -c "VACUUM (ANALYZE) tasks;"`]: { phase: 2, look: [/^VACUUM$/m] },
  [`psql -h localhost -p 5432 -U postgres -d ${DB} -c "SELECT status, count(*), min(updated_at) AS oldest FROM tasks GROUP BY status ORDER BY status;"`]: {
    phase: 1,
    look: [/^\s*status\s+\|\s+count\s+\|\s+oldest\s*$/m, /^ processing\s+\|\s+\d+\s+\|\s+\d{4}-\d{2}-\d{2} /m],
  },
  [`psql -h localhost -p 5432 -U postgres -d ${DB} -c "SHOW max_connections;"`]: { phase: 1, look: [new RegExp(`^ ${String(MAX_CONNECTIONS)}$`, 'm')] },
  [`psql -h localhost -p 5432 -U postgres -d ${DB} -c "SELECT * FROM pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 10;"`]: {
    phase: 1,
    look: [/\|\s*mean_exec_time\s*\|/, /^\((\d+) rows?\)$/m],
  },
  [`psql -h localhost -p 5432 -U postgres -d ${DB} -c "SELECT calls, round(mean_exec_time::numeric, 2) AS mean_ms, query FROM pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 10;"`]: {
    phase: 1,
    look: [/^\s*calls\s+\|\s+mean_ms\s+\|\s+query\s*$/m, /^\s+\d+\s+\|\s+\d+\.\d{2}\s+\|\s+\S/m],
  },
  [`psql -h localhost -p 5432 -U postgres -d ${DB} -c "EXPLAIN ANALYZE SELECT * FROM tasks WHERE user_id = 'user_123' LIMIT 20;"`]: {
    phase: 1,
    look: [/Seq Scan on tasks\s+\(cost=[\d.]+ rows=\d+ width=\d+\) \(actual time=[\d.]+ rows=\d+ loops=\d+\)/, /Rows Removed by Filter: [1-9]\d*/, /Execution Time: \d+\.\d+ ms/],
  },
};
