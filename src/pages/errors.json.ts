/**
 * /errors.json: the error catalogue, machine-readable and versioned, for the backend to link its
 * errors to their fix: each code with its section, its permanent page per language, the fix in
 * the guide and the wizard step per language, and its signatures (templates: CONTRIBUTING.md).
 */
import type { APIRoute } from 'astro';
import { ERRORS_JSON_VERSION, loadErrors } from '../components/errors/load.ts';
import { loadTrees } from '../components/triage/load.ts';
import type { ErrorsJsonEntry } from '../lib/guides/error-codes.ts';
import { LANGS, type Lang } from '../lib/i18n/langs.ts';
import { paths } from '../lib/paths.ts';

export const GET: APIRoute = async ({ site }) => {
  const base = import.meta.env.BASE_URL;
  const absolute = (path: string) => (site ? new URL(path, site).href : path);
  const perLang = (url: (lang: Lang) => string) => Object.fromEntries(LANGS.map((lang) => [lang, absolute(url(lang))])) as Record<Lang, string>;
  // A tree's first step has no page of its own: it is the tree's page (as on /<lang>/e/<code>/).
  const starts = new Map((await loadTrees()).map(({ id, tree }) => [id, tree.start]));
  const stepNode = (tree: string, node: string) => (starts.get(tree) === node ? undefined : node);
  const errors: ErrorsJsonEntry[] = (await loadErrors()).map((f) => ({
    code: f.code,
    section: f.section,
    slug: f.slug,
    urls: perLang((lang) => `${base}${lang}/e/${f.code}/`),
    fix: perLang((lang) => `${paths.guide(lang, f.slug, base)}#${f.fix[lang]}`),
    ...(f.step ? { step: perLang((lang) => paths.triageStep(lang, f.step?.tree ?? '', stepNode(f.step?.tree ?? '', f.step?.node ?? ''), base)) } : {}),
    signatures: f.signatures,
  }));
  return new Response(`${JSON.stringify({ version: ERRORS_JSON_VERSION, errors }, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
