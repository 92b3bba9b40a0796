/** Prints the anchors of every guide page, per language: node scripts/list-anchors.ts */
import { guideAnchors } from '../src/lib/guides/anchors.ts';
import { readGuideFolder } from '../src/lib/guides/read-folder.ts';

for (const g of readGuideFolder('src/content/guides')) {
  console.log(`${g.file}\n  ${[...guideAnchors(g.body)].join('\n  ')}`);
}
