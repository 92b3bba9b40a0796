/**
 * "Never takes more than linear time", tested without a wall-clock limit.
 *
 * A limit in milliseconds is flaky on a shared, noisy machine and says nothing about growth. The
 * property is about how the time grows with the input, so the check compares the time per call on
 * an input of size n with the time per call on the same shape at size 8n:
 * - linear work gives a ratio near 8 (up to about 20 when the larger input no longer fits in a
 *   cache); quadratic work (a regex restarted at every position of a run, backtracking) gives 64
 *   or more, exponential work far more. The bound, GROWTH_LIMIT = 40, sits between the two.
 * - Time is the process's CPU time, not the wall clock: time spent waiting for a core (the machine
 *   is shared) does not count.
 * - Each size is timed in batches of calls long enough to measure (MIN_BATCH_MS), in ROUNDS
 *   interleaved rounds, and the fastest batch counts: noise only ever adds time, so the minimum is
 *   the estimate it disturbs least.
 * - A quick screen comes first, so that a property can try hundreds of shapes in a second: the
 *   faster of two short batches on the small input (SCREEN_BATCH_MS) against one warm call on the
 *   large one. Below SCREEN_LIMIT (three times what linear needs) the shape is taken as linear.
 *   Noise on the large call only sends more shapes to the careful measurement; to hide a quadratic
 *   case it would have to slow both small batches by more than 2.5 times.
 * - A careful ratio over the limit is measured once more, from scratch, and the lower of the two
 *   counts: a burst of noise on a shared machine fails one measurement now and then (CI saw 59.9 on
 *   a linear shape), work that grows faster than linear fails both.
 * - Exponential work would hang the run rather than fail it (a call cannot be interrupted), so the
 *   shape is first tried at growing sizes, from 8 characters up to n, each about 10% longer than
 *   the one before: exponential work shows within a few dozen characters, and the first call
 *   longer than RAMP_LIMIT_MS (wall clock: far above any linear call at these sizes) fails the
 *   measurement there, a few hundred milliseconds at most.
 *   Likewise a first call on the large input longer than GIVE_UP_MS fails at once.
 * - Sizes are chosen by each test so that n and 8n are small enough to stay in cache and large
 *   enough for a quadratic term to dominate the constant cost of a call.
 */
export const GROWTH_FACTOR = 8;
export const GROWTH_LIMIT = 40;
const MIN_BATCH_MS = 2;
const ROUNDS = 5;
const GIVE_UP_MS = 2_000;
const SCREEN_LIMIT = 3 * GROWTH_FACTOR;
const SCREEN_BATCH_MS = 0.1;
const RAMP_LIMIT_MS = 200;

/** CPU time (user and system, in ms) of `calls` calls: time spent waiting for a core does not count. */
function timeCalls(f: (input: string) => unknown, input: string, calls: number): number {
  const t0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) f(input);
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
}

/** Time per call of `f` on `make(8n)` divided by time per call on `make(n)`. */
export function growth(f: (input: string) => unknown, make: (n: number) => string, n: number): number {
  for (let size = 8; size < n; size = Math.max(size + 1, Math.round(size * 1.1))) {
    const input = make(size);
    const t0 = performance.now(); // coarse, and cheaper than CPU time: the limit is far above any linear call
    f(input);
    if (performance.now() - t0 > RAMP_LIMIT_MS) return Number.POSITIVE_INFINITY;
  }
  const small = make(n);
  const large = make(n * GROWTH_FACTOR);
  let calls = 1;
  while (calls < 1 << 14 && timeCalls(f, small, calls) < SCREEN_BATCH_MS) calls *= 2;
  const quickSmall = Math.min(timeCalls(f, small, calls), timeCalls(f, small, calls)) / calls;
  if (timeCalls(f, large, 1) > GIVE_UP_MS) return Number.POSITIVE_INFINITY;
  const quickLarge = timeCalls(f, large, 1);
  const quick = quickLarge / Math.max(quickSmall, 1e-6);
  if (quick < SCREEN_LIMIT) return quick;
  while (calls < 1 << 14 && timeCalls(f, small, calls) < MIN_BATCH_MS) calls *= 2;
  const largeCalls = Math.max(1, Math.round(calls / GROWTH_FACTOR));
  const careful = () => {
    let bestSmall = Number.POSITIVE_INFINITY;
    let bestLarge = Number.POSITIVE_INFINITY;
    for (let round = 0; round < ROUNDS; round++) {
      bestSmall = Math.min(bestSmall, timeCalls(f, small, calls) / calls);
      bestLarge = Math.min(bestLarge, timeCalls(f, large, largeCalls) / largeCalls);
    }
    return bestLarge / Math.max(bestSmall, 1e-6);
  };
  // Over the limit once can be noise (seen in CI: 59.9 on a linear shape); over it again, from
  // scratch, is growth. Noise only adds time, so the lower of the two is the better estimate.
  const first = careful();
  return first < GROWTH_LIMIT ? first : Math.min(first, careful());
}
