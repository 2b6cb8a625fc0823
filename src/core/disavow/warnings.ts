/**
 * Warnings that compare lines: legal files, probable mistakes.
 *   - `duplicate`: a line whose normalised entry an earlier line already has;
 *   - `covered-by-domain`: a URL whose host is exactly the host of a `domain:` line (anywhere in the file).
 *     Only the exact host: whether `domain:example.com` also covers `www.example.com` is not in DOMAIN.md,
 *     so a URL on a subdomain is not called redundant (merge.ts keeps it for the same reason).
 */
import { type DisavowEntry, entryText, urlHost } from './entry.ts';
import type { Problem } from './problem.ts';

export interface NumberedEntry {
  readonly line: number;
  readonly entry: DisavowEntry;
}

export function crossLineWarnings(entries: readonly NumberedEntry[]): Problem[] {
  const warnings: Problem[] = [];
  const firstLine = new Map<string, number>();
  const domainLine = new Map<string, number>();
  for (const { line, entry } of entries) {
    if (entry.kind === 'domain' && !domainLine.has(entry.domain)) domainLine.set(entry.domain, line);
  }
  for (const { line, entry } of entries) {
    const key = entryText(entry);
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, line);
    else {
      warnings.push({ line, code: 'duplicate', message: `${key} is already on line ${first}` });
    }
    if (entry.kind === 'url') {
      const host = urlHost(entry.url);
      const domain = domainLine.get(host);
      if (domain !== undefined) {
        warnings.push({
          line,
          code: 'covered-by-domain',
          message: `domain:${host} (line ${domain}) already disavows every link from ${host}; this line is redundant`,
        });
      }
    }
  }
  return warnings;
}
