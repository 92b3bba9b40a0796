/**
 * A reference for the sharded index: the whole compiled index as one query model, with no caps
 * and unrounded weights. Only the test that checks sharding loses nothing ranks with it; every
 * other test ranks through src/lib/search/query.ts, as the browser does.
 */
import { postingsOf, type QueryModel } from '../../src/lib/search/model.ts';
import { modelDoc } from '../../src/lib/search/shards.ts';
import type { SignatureIndex } from '../../src/lib/search/signatures.ts';

export function modelFromIndex(index: SignatureIndex): QueryModel {
  const postings = postingsOf(index.bags);
  return {
    n: index.sections.length,
    narrows: index.narrows,
    startup: index.startup,
    docs: index.docs.map((d, i) => modelDoc(d, i, index.idf)),
    postings: (t) => postings.get(t),
    section: (i) => index.sections[i],
  };
}
