/** Paths the tests share: the repository root and the team's real data in ../shared/data. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A file under ../shared/data (beside the repository, as on every developer machine and in CI). */
export function sharedData(...parts: string[]): string {
  const path = join(REPO_ROOT, '..', 'shared', 'data', ...parts);
  if (!existsSync(path)) throw new Error(`shared data missing: ${path} (is ../shared beside the repo?)`);
  return path;
}

/** The 258 real news pages of the npm package htmlparser-benchmark (a devDependency). */
export const HTML_CORPUS_DIR = join(REPO_ROOT, 'node_modules', 'htmlparser-benchmark', 'files');
