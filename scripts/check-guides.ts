/**
 * Fast feedback for authors: validates the frontmatter of every guide (the same rules the build
 * applies) without building the site. Usage: node scripts/check-guides.ts [guides-folder]
 */
import { formatProblems } from '../src/lib/errors/problems.ts';
import { readGuideFolder } from '../src/lib/guides/read-folder.ts';
import { validateGuideEntries } from '../src/lib/guides/validate.ts';

const files = readGuideFolder(process.argv[2] ?? 'src/content/guides');
for (const f of files) if (f.yamlError) console.error(`${f.file}: the frontmatter is not valid YAML:\n${f.yamlError}\n`);
const { entries, problems } = validateGuideEntries(files.filter((f) => !f.yamlError));
if (problems.length > 0 || files.some((f) => f.yamlError)) {
  console.error(formatProblems('Invalid guide frontmatter', problems));
  process.exit(1);
}
console.log(`${String(entries.length)} guide entries valid.`);
