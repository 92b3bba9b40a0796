/**
 * The published error codes (src/data/error-codes.json) against the guides' error families, as
 * the build checks them (src/components/errors/load.ts), here without a build: a code added to a
 * guide and not yet listed used to surface only when `astro build` stopped.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import published from '../../src/data/error-codes.json' with { type: 'json' };
import { errorCatalogue, publishedCodeProblems, type ErrorFamily } from '../../src/lib/guides/error-codes.ts';
import { readGuides } from '../support/guide-files.ts';
import { readTrees } from '../support/tree-files.ts';

const FILE = 'src/data/error-codes.json';
const family = (code: string) => ({ code }) as ErrorFamily;

describe('published error codes', () => {
  test('a code no guide carries any more, and a code not yet listed, are each a problem naming the code', () => {
    const problems = publishedCodeProblems([family('kept'), family('new-one')], { version: 1, codes: ['kept', 'gone'] }, FILE);
    assert.deepEqual(
      problems.map((p) => [p.file, p.path, p.found]),
      [
        [FILE, 'codes: gone', '"gone", published, but no guide signature carries it any more'],
        [FILE, 'codes', 'no entry for "new-one"'],
      ],
    );
  });

  test('every code of the guides is published, and every published code is still carried by a guide', () => {
    const trees = readTrees();
    const { guides } = readGuides();
    const { families, problems } = errorCatalogue(guides, new Map(trees.map((t) => [t.id, new Set(t.tree.nodes.map((n) => n.id))])));
    assert.deepEqual(problems, []);
    assert.deepEqual(publishedCodeProblems(families, published, FILE), []);
  });
});
