/**
 * What an extraction run saw: counts of records, pages and links, and every record it skipped or could not
 * read, by reason. Bad web data is normal: it is counted and reported, never silently dropped.
 */

export interface Problem {
  file: string;
  /** Byte offset of the record (or of the damage) in the file, when known. */
  offset: number | null;
  reason: string;
  message: string;
}

export interface ExtractStats {
  files: number;
  /** WARC records read (0 for loose HTML files). */
  records: number;
  pages: number;
  links: number;
  /** Links whose URL could not be resolved to an absolute URL (`target` null). */
  unresolvedLinks: number;
  /** Records or files passed over on purpose, by reason (`request`, `non-html`, `revisit`, ...). */
  skipped: Record<string, number>;
  /** Damage found in the input, by reason (`truncated`, `corrupt-header`, `charset-fallback`, ...). */
  problemCounts: Record<string, number>;
  /** The first problems in full, for the report (capped: a broken 1 GB file must not fill memory). */
  problems: Problem[];
}

export const MAX_PROBLEMS_KEPT = 100;

export function emptyStats(): ExtractStats {
  return {
    files: 0,
    records: 0,
    pages: 0,
    links: 0,
    unresolvedLinks: 0,
    skipped: {},
    problemCounts: {},
    problems: [],
  };
}

export function countSkip(stats: ExtractStats, reason: string): void {
  stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
}

export function recordProblem(stats: ExtractStats, problem: Problem): void {
  stats.problemCounts[problem.reason] = (stats.problemCounts[problem.reason] ?? 0) + 1;
  if (stats.problems.length < MAX_PROBLEMS_KEPT) stats.problems.push(problem);
}

export function totalSkipped(stats: ExtractStats): number {
  return Object.values(stats.skipped).reduce((a, b) => a + b, 0);
}

export function totalProblems(stats: ExtractStats): number {
  return Object.values(stats.problemCounts).reduce((a, b) => a + b, 0);
}
