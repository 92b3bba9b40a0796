/** Prints the anchors of every guide page, per language (what a tree's `fix.guide.anchor` may name): node scripts/list-anchors.ts */
import { readGuides } from '../tests/support/guide-files.ts';

for (const g of readGuides().guides) console.log(`${g.file}\n  ${g.model.anchors.join('\n  ')}`);
