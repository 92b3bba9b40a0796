/**
 * Fast feedback for authors: checks every guide as the build does (frontmatter, then the body:
 * dialect components and their props, pictures with alt text that exist) without building the
 * site. Usage: node scripts/check-guides.ts [guides-folder]
 */
import { existsSync } from 'node:fs';
import { formatProblems } from '../src/lib/errors/problems.ts';
import { imageProblems } from '../src/lib/guides/checks.ts';
import { readGuides } from '../tests/support/guide-files.ts';

const { guides, files, problems } = readGuides(process.argv[2] ?? 'src/content/guides');
for (const f of files) if (f.yamlError) console.error(`${f.file}: the frontmatter is not valid YAML:\n${f.yamlError}\n`);
for (const g of guides) problems.push(...imageProblems(g.file, g.model, (path) => existsSync(path.slice(1))));
if (problems.length > 0 || files.some((f) => f.yamlError)) {
  console.error(formatProblems('Invalid guide', problems));
  process.exit(1);
}
console.log(`${String(guides.length)} guide entries valid.`);
