/**
 * Checks on a parsed guide that need the world outside its text: the files its pictures name.
 * Pure over a file-existence function, so tests can feed it anything.
 */
import { posix } from 'node:path';
import type { Problem } from '../errors/problems.ts';
import type { GuideModel } from './parse.ts';

/** Where a picture written `./images/x.svg` in `src/content/guides/en/g.mdx` lives, from the project root. */
export function imagePath(file: string, src: string): string {
  return `/${posix.normalize(posix.join(posix.dirname(file), src))}`;
}

/** A picture whose file is missing, named by file and line. */
export function imageProblems(file: string, model: GuideModel, exists: (projectPath: string) => boolean): Problem[] {
  return model.images.flatMap((image) =>
    /^\.\.?\//.test(image.src) && !exists(imagePath(file, image.src))
      ? [{ file, path: `line ${String(image.line)} ![${image.alt}](${image.src})`, found: `no file ${imagePath(file, image.src).slice(1)}`, expected: 'a picture next to the guide (for example in its images/ folder)' }]
      : [],
  );
}
