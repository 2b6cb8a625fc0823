/** DOMAIN.md: a disavow file is "a `.txt` file"; Google's upload form asks for one. A warning, not an error. */
import type { Problem } from './problem.ts';

export function fileNameWarning(name: string): Problem | null {
  if (/\.txt$/i.test(name)) return null;
  return {
    line: 0,
    code: 'not-txt',
    message: 'Google’s upload form takes a .txt file; rename it before uploading',
  };
}
