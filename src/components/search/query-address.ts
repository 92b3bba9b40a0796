/**
 * Where a query travels between pages. A short query stays in the address (`?q=…`), so a link
 * to its results can be shared. A long one (a pasted traceback or log: more than about 1,500
 * bytes once encoded) never goes into a request URL, where a server could refuse it (414): it
 * travels in the tab's session storage to the results page, which then keeps it in its history
 * state (reload and Back/Forward keep it) and marks the address with `#pasted`.
 */
export const MAX_URL_QUERY_BYTES = 1_500;
const KEY = 'arya:search:pasted';
export const PASTED_HASH = '#pasted';

export function fitsInUrl(q: string): boolean {
  return encodeURIComponent(q).length <= MAX_URL_QUERY_BYTES;
}

/** The results page address for `q`: `…?q=` when it fits, else `…#pasted` with the query stashed for that page. */
export function resultsAddress(resultsPath: string, q: string): string {
  if (fitsInUrl(q)) return `${resultsPath}?${new URLSearchParams({ q }).toString()}`;
  try {
    sessionStorage.setItem(KEY, q);
  } catch {
    // Storage blocked: the results page gets the tail that fits in the address instead.
    return `${resultsPath}?${new URLSearchParams({ q: tailThatFits(q) }).toString()}`;
  }
  return `${resultsPath}${PASTED_HASH}`;
}

/** The query the results page was opened with: its history state, a stashed paste, or `?q=`. */
export function queryOfPage(): string {
  const state: unknown = history.state;
  if (state && typeof state === 'object' && typeof (state as { q?: unknown }).q === 'string') return (state as { q: string }).q;
  if (location.hash === PASTED_HASH) {
    let stashed: string | null = null;
    try {
      stashed = sessionStorage.getItem(KEY);
      sessionStorage.removeItem(KEY);
    } catch {
      // Storage blocked: nothing was stashed.
    }
    if (stashed !== null) {
      history.replaceState({ q: stashed }, '', location.href);
      return stashed;
    }
  }
  return new URLSearchParams(location.search).get('q') ?? '';
}

/** Records a query the results page runs, as a new history entry: in the address when it fits, in the state otherwise. */
export function pushQuery(q: string): void {
  const url = new URL(location.href);
  url.hash = '';
  url.searchParams.delete('q');
  if (fitsInUrl(q)) {
    url.searchParams.set('q', q);
    history.pushState({ q }, '', url);
  } else {
    history.pushState({ q }, '', `${url.pathname}${url.search}${PASTED_HASH}`);
  }
}

/** The end of a query, as much as fits in an address (the end of a log holds its error). */
function tailThatFits(q: string): string {
  let tail = q.slice(-MAX_URL_QUERY_BYTES);
  while (!fitsInUrl(tail)) tail = tail.slice(Math.ceil(tail.length / 10));
  return tail;
}
