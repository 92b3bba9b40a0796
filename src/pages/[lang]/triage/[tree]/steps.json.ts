/**
 * /<lang>/triage/<tree>/steps.json: the tree's steps as data in one language (src/lib/decision-tree/view.ts),
 * which the wizard walks and summarises; the step markup comes from the tree's all-steps page.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadTrees } from '../../../../components/triage/load.ts';
import { treeView } from '../../../../lib/decision-tree/view.ts';
import { isLang, LANGS } from '../../../../lib/i18n/langs.ts';
import { slotsIn } from '../../../../lib/variables/context.ts';
import { VARIABLES } from '../../../../lib/variables/definitions.ts';

export const getStaticPaths = (async () => {
  const trees = await loadTrees();
  return LANGS.flatMap((lang) => trees.map(({ id }) => ({ params: { lang, tree: id } })));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const found = (await loadTrees()).find((t) => t.id === params['tree']);
  const lang = params['lang'];
  if (!found || !isLang(lang)) return new Response(null, { status: 404 });
  const view = treeView(found.id, found.tree, lang, (code, codeLang) => slotsIn(code, codeLang, VARIABLES));
  return new Response(JSON.stringify(view), { headers: { 'Content-Type': 'application/json' } });
};
