/**
 * One bilingual concept lexicon: the words engineers use for the same thing, in Chinese and
 * English, slang and synonyms included, mapped onto one concept token (`~pool`). Tokenizing a
 * guide's text and a query both add the concepts their words name (tokens.ts), so "db won't take
 * more clients", "连接池满了" and "QueuePool limit" meet on `~pool`, and a Chinese description
 * finds a section through its English text.
 *
 * Forms: Latin ones match whole words (a trailing `*` allows any ending: `restart*`), case-blind;
 * Han ones match anywhere in the text. Keep each concept narrow enough to tell sections apart.
 */
export const CONCEPTS: Readonly<Record<string, readonly string[]>> = {
  startup: ['一跑就', '跑不起来', '一运行就', 'ready', 'startup', 'start up', 'initializ*', 'initialis*', 'listens on', 'listening on', 'rolling restart', 'starts up', 'start*', 'boot*', 'launch*', 'come up', 'comes up', 'coming up', 'spin up', 'spins up', 'warm up', 'warmup', 'cold start', 'readiness', 'startup complete', 'accepting requests', 'ready to serve', '启动', '起服务', '拉起', '开机', '冷启动', '预热', '起不来', 'accept requests', 'accepts requests', 'after deploy', 'after a deploy', 'after each deploy', 'after every deploy', 'every deploy', '发布后', '部署后', '上线后'],
  slow: ['a long time', 'a minute', 'a good minute', 'over a minute', 'a few minutes', 'several minutes', 'half a minute', '半天', '很久', '好久', 'response time', 'spinner', '转圈', '响应时间', 'rt', 'slow*', 'sluggish', 'takes forever', 'take forever', 'ages', 'laggy', 'lag', 'latency', 'p99', 'p95', 'several seconds', 'few seconds', 'seconds to', '慢', '卡顿', '拖慢', '好几秒', '几秒', '延迟', '耗时', 'crawl*', 'glacial', 'molasses', 'drags', 'dragging', 'takes ages', 'slowness', 'perf', 'degraded', 'p50', 'p90', 'tail latency', 'response times'],
  crash: ['crash*', 'dies', 'died', 'dead', 'exit*', 'exited', 'quits', 'quitting', 'falls over', 'fell over', 'blows up', 'goes down', 'killed', '崩溃', '挂了', '挂掉', '退出', '秒退', '闪退', '死掉', 'blew up', 'blow up', 'bombs out', 'bombed out', "won't stay up", 'wont stay up', "doesn't stay up", "can't stay up", 'never stays up', 'crapped out', 'craps out', 'keeled over', 'belly up', 'segfault*', 'aborts', 'aborted'],
  restartloop: ['restart loop', 'restarting', 'crashloop*', 'crash loop', 'keeps restarting', 'restart policy', 'restarts', '反复重启', '一直重启', '不停重启', '重启循环', 'flapping', 'flaps', 'bouncing', 'keeps bouncing', 'restart storm', 'boot loop', 'bootloop'],
  timeout: ['timeout*', 'timed out', 'times out', 'time out', 'timeouterror', 'deadline', 'hang*', 'hung', '超时', '等半天', '没返回', '无响应', 'timing out', '504', 'gateway timeout', 'gave up waiting'],
  pool: ['pool', 'pools', 'pool_size', 'max_overflow', 'queuepool', 'checked out', 'checkout', 'pooled', 'connection pool', '连接池', '池子', 'handed back', 'given back', 'returned to the pool', 'checked in', '归还', '没还回'],
  connect: ["can't talk to", 'cannot talk to', 'unable to talk to', "won't talk to", 'econnrefused', 'errno 111', 'error 111', 'conn', 'conns', 'connect*', 'reconnect*', '被拒绝', '拒绝', 'connection', 'connections', 'unreachable', 'reach', 'refused', "can't reach", 'cannot reach', '连不上', '连接', '连上', '拒绝连接', '连不通'],
  db: ['database', 'db', 'query', 'queries', 'postgres*', 'pg', 'psql', 'sql', 'sqlalchemy', 'asyncpg', 'psycopg*', 'rds', '5432', 'pgbouncer', '数据库', '库', '查询'],
  redis: ['big key*', 'large key*', 'huge key*', 'bigkeys', 'dbsize', 'hset', 'lpush', 'xadd', 'setex', 'redis', 'redis-py', 'redis-cli', 'redis-server', 'elasticache', 'memorystore', '6379', 'maxmemory*', 'used_memory*', 'cache server', 'cache servers', 'cache instance', 'cache cluster', 'cache node', 'cache service', '缓存服务', '缓存实例', '缓存集群'],
  cache: ['cache', 'caches', 'cached', 'caching', 'hit rate', 'hit ratio', 'cache miss*', 'ttl', 'expire*', 'expiry', '缓存', '命中率', '过期'],
  memory: ['memory', 'mem', 'ram', 'rss', 'heap', 'memory_profiler', 'mprof', 'swap', 'swapping', 'swapped', '内存', 'objgraph', 'tracemalloc', 'memray', 'pympler', '对象数'],
  oom: ['oom*', 'out of memory', 'outta memory', 'oomkilled', 'oom-kill*', 'exit code 137', '137', 'maxmemory', 'memory limit', '内存不足', '内存超限', '爆内存', '内存溢出'],
  grow: ['fatter', 'bigger and bigger', '胖', 'grow*', 'grew', 'leak*', 'bloat*', 'balloon*', 'creep*', 'climb*', 'sawtooth', 'max_requests', 'keeps rising', 'never goes down', 'never drops', 'only goes up', 'keeps going up', 'keep going up', 'and rising', 'still rising', 'up and to the right', 'goes up and up', 'never comes back down', 'never come back down', 'never comes down', "doesn't come back down", "doesn't go back down", 'never freed', 'never gets freed', 'never released', 'not being freed', 'not released', '涨', '泄漏', '泄露', '增长', '只增不减', '不回落', '膨胀', '一直增加', '持续增加', '不断增加'],
  cpu: ['gets hot', 'runs hot', 'running hot', 'super hot', 'overheat*', 'loud', '百分之百', '发烫', '很烫', '发热', 'fan', 'fans', '风扇', 'cpu', 'cpus', '100%', '200%', '300%', '400%', '800%', 'load average', 'load avg', 'loadavg', 'pegged', 'pinned', 'spinning', 'busy loop', 'hot loop', 'htop', 'top', 'ffmpeg', 'encod*', 'transcod*', 'cpu-bound', 'compute-heavy', '占满', '跑满', '打满', '满载', '负载'],
  throttle: ['throttl*', 'cpu.max', 'cfs', 'quota', 'nr_throttled', 'cpu limit', 'cpus:', '限流', '限额', '配额'],
  log: ['print', 'prints', 'printed', 'log', 'logs', 'logging', 'logger*', 'loglevel', 'log level', 'stdout', 'stderr', 'journal*', '日志', '打印'],
  empty: ['don\'t appear', 'doesn\'t appear', 'not appearing', 'never appear*', 'don\'t see', 'can\'t see', 'never show*', 'no logs', 'nothing', 'empty', 'blank', 'missing', 'silent', 'no output', 'not showing', "doesn't show", 'disappear*', 'gone', '没有', '为空', '空的', '不输出', '没输出', '看不到', '不见', '没写入', '0 bytes', 'zero bytes', '0 byte', '0字节', '空文件', 'nada', 'zilch', 'crickets', 'radio silence', "isn't logging", 'not logging', 'stopped logging', 'no logging', 'nothing logged', 'nothing is logged', 'not writing logs'],
  task: ['task', 'tasks', 'job', 'jobs', 'worker', 'workers', 'celery', 'render*', 'video*', 'generation', 'pipeline', '任务', '视频', '渲染', '生成', '后台'],
  fail: ['fail*', 'error*', 'broken', 'exception*', '失败', '报错', '出错', '错误', '异常', '无法'],
  stuck: ['unresponsive', 'not responding', '没反应', 'stuck', 'forever', 'never finish*', 'hang*', 'hung', 'still running', 'still processing', 'stuck processing', 'in processing', 'processing forever', 'pending', 'in progress', 'generating', '卡住', '卡在', '一直处理中', '生成中', '处理中', '不动', 'spins forever', 'never completes', 'never ends', 'never returns', 'frozen', 'freez*', 'wedged', 'stall*', 'limbo', 'sits there', 'sitting there'],
  queue: ['queue', 'queues', 'queued', 'queueing', 'backlog', 'stream*', 'xpending', 'xinfo', 'consumer*', 'unacked', 'piling up', 'pile up', '队列', '积压', '堆积', '消费者', '消费'],
  api: ['page', 'pages', 'website', 'web page', 'dashboard', 'frontend', '页面', '网页', '网站', '前端', 'api', 'endpoint*', 'request*', 'response*', 'http', '/api', '接口', '请求', '响应'],
  external: ['model call', 'model calls', 'model provider', 'model endpoint', 'model request*', 'httpx', 'aiohttp', 'outgoing', 'outbound', 'http client', '出站', 'voice', 'voiceover', 'narration', '配音', '语音合成', 'llm', 'openai', 'gpt', 'chatgpt', 'anthropic', 'vendor', 'third party', 'third-party', 'upstream', 'external', 'tts', 'provider', 'agent api', '第三方', '外部', '大模型', '模型接口', '供应商', 'claude', 'gemini', 'azure openai', 'elevenlabs', 'text-to-speech', 'speech synthesis', 'model api', 'ai api', 'egress'],
  dns: ['dns', 'resolv*', 'name or service not known', 'nodename', 'getaddrinfo', 'nslookup', 'dig', '域名', '解析'],
  firewall: ['firewall', 'iptables', 'ufw', 'firewalld', 'security group', 'sec group', 'sg rule', 'blocked port', 'port blocked', '防火墙', '安全组', '端口不通'],
  container: ['container*', 'docker', 'compose', 'pod', 'pods', 'k8s', 'kubernetes', 'image', '容器', '镜像', 'kubectl', 'helm', 'podman', 'ecs', 'fargate', 'swarm'],
  env: ['env', 'env var*', 'environment variable*', 'keyerror', '.env', 'dotenv', 'settings', 'config var*', '环境变量', '配置项'],
  module: ['module*', 'import*', 'modulenotfounderror', 'importerror', 'pip', 'package*', 'dependency', 'dependencies', 'requirements', '模块', '依赖', '包', 'venv', 'virtualenv', 'poetry', 'requirements.txt', 'not installed'],
  index: ['index', 'indexes', 'indices', 'seq scan', 'sequential scan', 'full scan', 'full table scan', 'explain', '索引', '全表扫描', '执行计划', 'offset', 'paginat*', '分页', '翻页'],
  nplusone: ['same select', 'same query', 'same sql', 'same statement', 'queries per request', 'queries per page', 'selects per', '同一条sql', '同样的sql', '重复的sql', '重复查询', 'n+1', 'n + 1', 'hundreds of selects', 'one query per', 'per row', 'lazy load*', 'lazyload', 'selectinload', 'joinedload', '每行查一次', '每条查一次', '几百条', 'query per row', 'thousands of queries', 'too many queries', 'chatty orm'],
  lock: ['lock*', 'blocked', 'blocking', 'deadlock*', 'pg_blocking_pids', 'waiting for', '锁', '阻塞', '死锁', 'contention', 'stuck behind', 'waiting on'],
  evict: ['evict*', 'eviction', 'maxmemory-policy', 'noeviction', 'allkeys-lru', '淘汰', '驱逐'],
  disk: ['disk', 'nfs', 'io', 'i/o', 'iowait', 'network drive', 'network share', 'mounted share', 'ssd', '磁盘', '硬盘', '网络盘', '共享盘'],
  migration: ['migration*', 'migrate', 'alembic', 'create_all', 'schema change', 'ddl', '迁移', '建表'],
  serialize: ['serializ*', 'json', 'pydantic', 'payload', 'response size', 'mb json', 'big response', '序列化', '返回体', '数据量大'],
  eventloop: ['event loop', 'eventloop', 'blocking call', 'sync call', 'requests.get', 'time.sleep', 'run_in_executor', 'async def', 'asyncio', '事件循环', '同步调用', '阻塞', '被堵', '堵住', '堵塞'],
  retry: ['retry*', 'retries', 'tenacity', 'retryerror', 'backoff', 'max_retries', '重试', '退避', '反复执行', '重复执行', 'ran twice', 'runs twice', 'run twice', 'executed twice'],
  permission: ['permission*', 'denied', 'eacces', 'read-only', 'readonly', 'chmod', 'chown', '权限', '无权'],
  buffer: ['buffered', 'buffering', 'block-buffered', 'line-buffered', 'output buffer', 'stdout buffer', 'log buffer', 'unbuffered', 'pythonunbuffered', 'flush*', 'python -u', 'until the process exits', 'when the process exits', 'until it exits', 'when it exits', 'only on exit', 'show up late', 'shows up late', 'all at once', 'in one burst', '缓冲', '退出时才', '退出后才', '一下子全出来', '一次性全出来'],
  rotate: ['logrotate', 'rotat*', 'deleted file', 'copytruncate', 'midnight', '轮转', '切割', '零点', '半夜', '凌晨'],
  mount: ['mount*', 'volume*', 'bind mount', '.:/app', 'volumes:', '挂载', '卷'],
  tls: ['tls', 'ssl', 'rediss', 'certificate', 'cert', 'encrypted', '加密'],
  clients: ['too many clients', 'max_connections', 'max connections', 'connection limit', 'connection count', 'too many connections', 'maxclients', '连接数', '连接太多', '连接满', 'more clients', 'max clients', 'connection cap'],
  health: ['starts before', 'started before', 'starting before', 'comes up before', 'came up before', 'boots before', 'booted before', 'up before', 'startup order', 'start order', '先起来', '先启动', '启动顺序', 'healthcheck*', 'health check*', 'unhealthy', 'depends_on', 'service_healthy', 'readiness', 'liveness', '健康检查'],
  concurrency: ['concurren*', 'parallel*', 'threads', 'thread pool', 'workers', 'semaphore', 'load test*', 'under load', 'peak', 'spike', '并发', '压测', '高峰', '流量', 'at once', 'at the same time', 'simultaneous*', '同时', 'rush hour', 'busy hours', 'busy hour', 'prime time', 'heavy traffic', 'high traffic', 'traffic spike*', 'load spike*', 'surge*', 'peak hours', 'lots of users', 'many users', 'qps', 'rps'],
  recursion: ['recursion', 'recursive', 'recursionerror', 'maximum recursion depth', 'stack overflow', '递归'],
  signal: ['sigkill', 'sigterm', 'killed', 'worker timeout', 'exit code', 'exited with code', '被杀', '信号'],
  network: ['network*', 'latency', 'packet loss', 'ping', 'mtr', 'traceroute', 'route', 'vpc', 'subnet', '网络', '丢包'],
  gc: ['reference each other', 'references each other', 'refer to each other', 'circular reference*', 'reclaim*', '互相引用', 'gc', 'garbage', 'reference cycle*', 'ref cycle*', 'gc.collect', 'weakref', '循环引用', '垃圾回收'],
  exhaust: ['full', 'filled up', 'exhaust*', 'run out', 'runs out', 'ran out', 'running out', 'run outta', 'runs outta', 'ran outta', 'running outta', 'runs dry', 'ran dry', 'used up', 'no more', 'depleted', 'limit reached', '耗尽', '用完', '用光', '不够用', '满了', '拿不到', 'maxed out', 'max out', 'maxes out', 'tapped out', 'starved', 'starvation', 'none left', 'all in use', 'at capacity'],
  down: ["isn't running", 'isnt running', "wasn't running", "aren't running", "isn't up", 'never came up', '没跟着起', '没自动起', '502', '503', 'bad gateway', 'service unavailable', 'down', 'not running', 'stopped', 'offline', 'unavailable', "didn't come back", 'didnt come back', 'never came back', 'outage', '没起来', '宕机', '不可用', '停了', '挂掉了'],
  localhost: ['localhost', '127.0.0.1', '::1', 'loopback', '本机', '本地'],
  size: ['gb', 'mb', 'gib', 'mib', 'too much', 'huge', 'bigger and bigger', 'blob', '体积', '太大', '很大', '越来越大'],
  greenlet: ['greenlet*', 'missinggreenlet', 'await_only', 'greenlet_spawn', 'lazy load*', 'lazyload', 'lazy-load*', 'lazy loading', 'implicit io', 'implicit query', 'expire_on_commit', 'selectinload', 'joinedload', '延迟加载', '懒加载'],
  process: ['process', 'processes', 'worker process', 'python process', 'rss', 'app server', 'api process', '进程'],
  global: ['global*', 'module-level', 'singleton', 'append*', 'accumulat*', '全局变量', '全局', '累积'],
};

const HAN = /\p{Script=Han}/u;

/**
 * How forms are found, in one pass over the words plus a few substring searches: a single word
 * (exact, or by prefix for `word*`) is looked up per word; a phrase of words is found in the
 * words joined by single spaces; a form with other characters (`n+1`, `cpu.max`, `/api`) and a
 * Han form are found as substrings.
 */
const WORD = /^[a-z0-9_]+$/;
const exact = new Map<string, string[]>();
const prefixes: Array<[string, string]> = [];
const phrases: Array<[string, string]> = [];
const substrings: Array<[string, string]> = [];
const hanForms: Array<[string, string]> = [];
const add = <K>(map: Map<K, string[]>, key: K, concept: string) => map.set(key, [...(map.get(key) ?? []), concept]);
for (const [concept, forms] of Object.entries(CONCEPTS)) {
  for (const raw of forms) {
    const form = raw.toLowerCase();
    const wild = form.endsWith('*');
    const body = wild ? form.slice(0, -1) : form;
    if (HAN.test(body)) hanForms.push([body, concept]);
    else if (!/^[a-z0-9_ ]+$/.test(body)) substrings.push([body, concept]);
    else if (body.includes(' ')) phrases.push([` ${body}${wild ? '' : ' '}`, concept]);
    else if (wild) prefixes.push([body, concept]);
    else if (WORD.test(body)) add(exact, body, concept);
  }
}

/**
 * A duration written out (`45 seconds`, `20s`, `5+ seconds`, `2 min`, `好几秒`, `三分钟`): something is
 * slow or timing out. Not a time ago (`Exited (1) 3 seconds ago`, `5分钟前`), nor a period or a
 * bound (`nothing logged for 6 hours`, `fails within 2 seconds`, `every 5 minutes`).
 */
const PERIOD = String.raw`\b(?:for|within|every|since|per|past|last)\s+(?:about\s+|over\s+|the\s+)?~?`;
const DURATION = new RegExp(
  String.raw`(?<![\p{L}\p{N}_]|${PERIOD})\d+(?:\.\d+)?\+?\s?(?:ms|s|sec|secs|seconds?|min|mins|minutes?|hours?)(?![\p{L}\p{N}_]|\s+ago\b)|[\d一二两三四五六七八九十几好多]+\s?(?:秒|分钟|小时)(?!前|以前|之前)`,
  'iu',
);

/** A size written out (`3 GB`, `500MB`, `好几个 G`): something holds a lot of data. */
const SIZE = /(?:\d+(?:\.\d+)?|[几好多两三四五六七八九十]+个?)\s?(?:gb|gib|mb|mib|tb|g|m)(?![\p{L}\p{N}_])/iu;

/** `evicted_keys` → `evicted`, `keys` (a word, not a dotted module path, whose parts are names already). */
export function snakeParts(word: string): string[] {
  return /[^_]_[^_]/.test(word) ? word.split('_').filter((w) => w !== '') : [];
}

/**
 * `start` that means "begin" (`requests start hanging`, `it started to time out`) names no startup:
 * a form of start followed by `to` or by another -ing word (but `up`). After `before it` it is the
 * start ("45 seconds before it starts answering requests").
 */
const ASPECTUAL = /(?<!\bbefore\s+(?:it\s+|they\s+|the\s+\w+\s+)?)\bstart(?:s|ed|ing)?\s+(?=to\b|(?!up\b)[a-z]+ing\b)/gi;

/**
 * The concept tokens (`~pool`, …) that a text names, each once. With `parts`, the parts of a
 * snake_case name are words too (`REDIS_URL` names redis).
 */
export function concepts(text: string, { parts = false }: { parts?: boolean } = {}): string[] {
  const lower = text.replace(ASPECTUAL, ' ').toLowerCase();
  // Han runs separate words too: "redis连不上" names redis.
  const whole = lower.split(/[^\p{L}\p{N}_]+|\p{Script=Han}+/u).filter((w) => w !== '');
  const words = parts ? whole.flatMap((w) => [w, ...snakeParts(w)]) : whole;
  const found = new Set<string>();
  for (const w of words) {
    for (const c of exact.get(w) ?? []) found.add(c);
    for (const [p, c] of prefixes) if (w.startsWith(p)) found.add(c);
  }
  const joined = ` ${words.join(' ')} `;
  for (const [p, c] of phrases) if (!found.has(c) && joined.includes(p)) found.add(c);
  for (const [p, c] of substrings) if (!found.has(c) && lower.includes(p)) found.add(c);
  const han = text.match(/\p{Script=Han}+/gu)?.join('|') ?? '';
  if (han !== '') for (const [p, c] of hanForms) if (!found.has(c) && han.includes(p)) found.add(c);
  if (DURATION.test(text)) found.add('slow');
  if (SIZE.test(text)) found.add('size');
  return [...found].map((c) => `~${c}`);
}

/**
 * English words one slip away from a lexicon form (`deleted`/`depleted`, `stats`/`starts`): real
 * words, never typos. A test keeps every word of the guides that a slip would change in this list.
 */
export const NOT_SLIPS: ReadonlySet<string> = new Set(['deleted', 'lunch', 'reused', 'stats']);

/** `a` is `b` with one interior letter dropped, or with two neighbours after its first letter swapped. */
function oneSlip(a: string, b: string): boolean {
  if (a.length === b.length - 1) {
    for (let k = 1; k < b.length - 1; k++) if (b.slice(0, k) + b.slice(k + 1) === a) return true;
    return false;
  }
  if (a.length !== b.length) return false;
  for (let k = 1; k < b.length - 1; k++) if (a === b.slice(0, k) + (b[k + 1] ?? '') + (b[k] ?? '') + b.slice(k + 2)) return true;
  return false;
}

/** Endings a word may carry after a prefix form's stem (`conection` → `connect` + `ion`). */
const ENDINGS = ['', 's', 'ed', 'ing', 'ion', 'ions', 'er', 'ers', 'ly'];
const MIN_SLIP_LENGTH = 5;
/** The single-word forms by length: a slip changes a word's length by one at most. */
const formsByLength = new Map<number, string[]>();
for (const form of exact.keys()) if (form.length >= MIN_SLIP_LENGTH) formsByLength.set(form.length, [...(formsByLength.get(form.length) ?? []), form]);

/**
 * The lexicon word a reader meant when one fast-typing slip (a dropped letter, two letters swapped)
 * sits between what they typed and exactly one form: `conection` → `connection`, `memroy` →
 * `memory`, `redsi` → `redis`. Undefined for a word the lexicon knows, a short word, a word that
 * is not Latin letters, a real word (NOT_SLIPS), and one that two concepts could be.
 */
export function slipFor(word: string): string | undefined {
  const w = word.toLowerCase();
  if (w.length < MIN_SLIP_LENGTH || !/^[a-z]+$/.test(w) || NOT_SLIPS.has(w) || exact.has(w) || prefixes.some(([p]) => w.startsWith(p))) return undefined;
  const meant = new Map<string, string>();
  for (const form of [...(formsByLength.get(w.length) ?? []), ...(formsByLength.get(w.length + 1) ?? [])]) if (oneSlip(w, form)) for (const c of exact.get(form) ?? []) meant.set(c, form);
  for (const [p, c] of prefixes) {
    if (p.length < MIN_SLIP_LENGTH) continue;
    for (const n of [p.length - 1, p.length]) if (ENDINGS.includes(w.slice(n)) && oneSlip(w.slice(0, n), p)) meant.set(c, p + w.slice(n));
  }
  return meant.size === 1 ? [...meant.values()][0] : undefined;
}

/** slipFor's answers by word: a description's words come back in its focus, its lines and its whole text. */
const slips = new Map<string, string | undefined>();
const MAX_REMEMBERED_SLIPS = 4096;

/** A description with its slips mended (slipFor), word by word; everything else as typed. */
export function mendSlips(text: string): string {
  return text.replace(/[A-Za-z]+/g, (w) => {
    if (!slips.has(w)) {
      if (slips.size >= MAX_REMEMBERED_SLIPS) slips.clear();
      slips.set(w, slipFor(w));
    }
    return slips.get(w) ?? w;
  });
}
