/**
 * Walking a triage tree. The state is the list of answers given since the start node, as option
 * indices: `[0, 2, 1]` means "first answer, then third, then second". It lives in the URL
 * (`?a=0.2.1`), so a step is shareable and reload keeps the place.
 *
 * Lifecycle: start() → answer()* → (back() | restart())*. Every function returns a new state;
 * nothing is mutated. resolve() turns any state, including one read from a tampered URL, into
 * either the path walked and the current node, or a reason to start again.
 */
/**
 * The engine needs only the graph: a start id and nodes with the options they offer. A `Tree`
 * from content fits, and so does the graph the wizard reads back from the page's DOM.
 */
export interface GraphNode {
  readonly id: string;
  readonly options?: ReadonlyArray<{ readonly next: string }>;
}
export interface Graph<N extends GraphNode = GraphNode> {
  readonly start: string;
  readonly nodes: ReadonlyArray<N>;
}

type OptionOf<N extends GraphNode> = NonNullable<N['options']>[number];
const optionsOf = <N extends GraphNode>(n: N): ReadonlyArray<OptionOf<N>> => (n.options ?? []) as ReadonlyArray<OptionOf<N>>;

export interface WalkState {
  readonly answers: ReadonlyArray<number>;
}

export interface PathStep<N extends GraphNode = GraphNode> {
  node: N;
  /** The option chosen at this node. */
  option: OptionOf<N>;
  optionIndex: number;
}

export type Resolved<N extends GraphNode = GraphNode> =
  | { ok: true; path: PathStep<N>[]; current: N }
  | { ok: false; reason: 'malformed' | 'too-long' | 'unknown-answer' | 'broken-tree' };

/** More answers than any tree here is deep: a URL with more was not made by the wizard. */
export const MAX_ANSWERS = 64;
/** More answers at one step than the URL can number: an index has at most 3 digits (`?a=999`). */
export const MAX_OPTIONS = 1_000;

export const start = (): WalkState => ({ answers: [] });
export const restart = start;

export function back(state: WalkState): WalkState {
  return { answers: state.answers.slice(0, -1) };
}

function nodeMap<N extends GraphNode>(tree: Graph<N>): Map<string, N> {
  return new Map(tree.nodes.map((n) => [n.id, n]));
}

export function resolve<N extends GraphNode>(tree: Graph<N>, state: WalkState): Resolved<N> {
  if (state.answers.length > MAX_ANSWERS) return { ok: false, reason: 'too-long' };
  const nodes = nodeMap(tree);
  const first = nodes.get(tree.start);
  if (!first) return { ok: false, reason: 'broken-tree' };
  let current: N = first;
  const path: PathStep<N>[] = [];
  for (const index of state.answers) {
    const option: OptionOf<N> | undefined = optionsOf(current)[index];
    const next: N | undefined = option ? nodes.get(option.next) : undefined;
    if (!option || !next) return { ok: false, reason: 'unknown-answer' };
    path.push({ node: current, option, optionIndex: index });
    current = next;
  }
  return { ok: true, path, current };
}

/** The state after choosing option `index` at the current node; unchanged if that is no answer. */
export function answer(tree: Graph, state: WalkState, index: number): WalkState {
  const r = resolve(tree, state);
  if (!r.ok || !Number.isInteger(index) || index < 0 || index >= optionsOf(r.current).length) {
    return state;
  }
  return { answers: [...state.answers, index] };
}

/** `?a=0.2.1` (empty string for the start). */
export function toQuery(state: WalkState): string {
  return state.answers.length === 0 ? '' : `?a=${state.answers.join('.')}`;
}

/**
 * Reads the state from a URL's search string. Anything but dot-separated small integers is
 * malformed; the caller shows "start again" rather than guessing.
 */
export function fromQuery(search: string): WalkState | { error: 'malformed' | 'too-long' } {
  const params = new URLSearchParams(search);
  const raw = params.get('a');
  if (raw === null || raw === '') return start();
  if (raw.length > MAX_ANSWERS * 4) return { error: 'too-long' };
  if (!/^\d{1,3}(?:\.\d{1,3})*$/.test(raw)) return { error: 'malformed' };
  const answers = raw.split('.').map(Number);
  if (answers.length > MAX_ANSWERS) return { error: 'too-long' };
  return { answers };
}

/** The option indices that lead from the start to `nodeId` along the first path found, or undefined. */
export function stateFor(tree: Graph, nodeId: string): WalkState | undefined {
  const nodes = nodeMap(tree);
  const seen = new Set<string>();
  const queue: Array<{ id: string; answers: number[] }> = [{ id: tree.start, answers: [] }];
  while (queue.length > 0) {
    const { id, answers } = queue.shift() ?? { id: '', answers: [] };
    if (id === nodeId) return { answers };
    if (seen.has(id)) continue;
    seen.add(id);
    const node = nodes.get(id);
    if (node) optionsOf(node).forEach((o, i) => queue.push({ id: o.next, answers: [...answers, i] }));
  }
  return undefined;
}
