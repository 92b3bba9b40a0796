/**
 * The sub-path build that the `base` stage of npm test makes and checks (scripts/test.ts): the
 * site as a host serving it from /docs/ would, built into dist-base/ so dist/ stays as it was.
 * astro.config.mjs and the build steps read these as ARYA_BASE and ARYA_DIST.
 */
export const SUB_PATH = { base: '/docs/', dist: 'dist-base' } as const;

/**
 * The environment that makes `npm run build` (and tests/dist/links.test.ts) use the sub-path build.
 * Pagefind indexes at most 5 pages a run there, so each language's 13 guides become three bundles
 * that the browser merges, as a large site's would (src/lib/search/pagefind-bundle.ts).
 */
export const SUB_PATH_ENV = { ARYA_BASE: SUB_PATH.base, ARYA_DIST: SUB_PATH.dist, ARYA_PAGEFIND_PAGES_PER_RUN: '5' };
