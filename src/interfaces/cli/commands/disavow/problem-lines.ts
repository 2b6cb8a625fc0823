/**
 * How the `disavow` subcommands print problems: `FILE:LINE: error|warning CODE: message`, the way compilers
 * and linters do, so editors and `grep` understand them; `FILE: ...` for the file as a whole (line 0).
 */
import { count } from '../../../../core/disavow/limits.ts';
import type { Problem } from '../../../../core/disavow/problem.ts';

export type Severity = 'error' | 'warning';

export function problemLine(file: string, severity: Severity, problem: Problem): string {
  const where = problem.line === 0 ? file : `${file}:${problem.line}`;
  return `${where}: ${severity} ${problem.code}: ${problem.message}\n`;
}

/** Errors and warnings together, by line (errors first on a line). */
export function problemLines(file: string, errors: readonly Problem[], warnings: readonly Problem[]): string {
  const all = [
    ...errors.map((p) => ({ p, severity: 'error' as const })),
    ...warnings.map((p) => ({ p, severity: 'warning' as const })),
  ].sort((a, b) => a.p.line - b.p.line);
  return all.map(({ p, severity }) => problemLine(file, severity, p)).join('');
}

/** `1 error`, `2 warnings`, `3 entries`. */
export function plural(n: number, word: string, words = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : words}`;
}
