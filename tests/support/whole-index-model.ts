/**
 * A reference for the sharded index: the whole compiled index as one query model, with no caps
 * and unrounded weights. Only the test that checks sharding loses nothing ranks with it; every
 * other test ranks through src/lib/search/query.ts, as the browser does.
 */
import { postingsOf, type QueryModel } from '../../src/lib/search/model.ts';
import type { SignatureIndex } from '../../src/lib/search/signatures.ts';

export function modelFromIndex(index: SignatureIndex): QueryModel {
  const postings = postingsOf(index.bags);
  return {
    n: index.sections.length,
    narrows: index.narrows,
    docs: index.docs.map((d, i) => ({ i, s: d.s, kind: d.kind, text: d.text, t: d.t, w: d.t.map((t) => index.idf[t] ?? 0), ...(d.lang ? { lang: d.lang } : {}), ...(d.c ? { c: d.c } : {}), ...(d.when ? { when: d.when } : {}) })),
    postings: (t) => postings.get(t),
    section: (i) => index.sections[i],
  };
}
