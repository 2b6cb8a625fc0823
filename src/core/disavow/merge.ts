/**
 * Merges new entries into the previous disavow file. DOMAIN.md: "A new upload replaces the old file, so
 * merging with the previous file matters": what the old file disavowed must stay disavowed.
 *
 * Decisions:
 *   - the old file is kept as its author wrote it: its comment lines, blank lines, order and spelling
 *     (comments often record why and when a site was disavowed, and only the author knows which entry a
 *     comment belongs to). Only its byte order mark and CRs go: the result is UTF-8 with LF line ends;
 *   - new entries not already there are appended as one block in canonical order (domains, then URLs),
 *     after a blank line and the optional header comment lines (e.g. `# added by linkledger on <date>`:
 *     the caller supplies the date, core has no clock);
 *   - the result is the union with nothing redundant: an entry already present is not added again, an old
 *     duplicate line is dropped, and a URL whose host is disavowed whole by a `domain:` entry (old or new)
 *     is dropped or not added (only the exact host: whether `domain:example.com` covers `www.example.com`
 *     is not documented, so such a URL is kept). Dropped old lines are listed with their line numbers;
 *   - an old file with errors is not merged (its lines would be copied into the result): the errors are
 *     returned so the caller can show them. A result past Google's limits is refused (BadInputError).
 */
import { classifyLine } from './classify.ts';
import { canonicalEntries, type DisavowEntry, entryText, urlHost } from './entry.ts';
import { assertNormalised, assertWithinLimits, commentLine } from './format.ts';
import { readFileLines } from './lines.ts';
import { parseDisavow } from './parse.ts';
import type { Problem } from './problem.ts';

export interface MergeOptions {
  /** Comment lines above the block of added entries (written only when something is added). */
  readonly header?: readonly string[];
}

export interface DroppedLine {
  /** Line number in the old file. */
  readonly line: number;
  readonly entry: DisavowEntry;
  readonly reason: 'duplicate' | 'covered-by-domain';
}

export type MergeResult =
  | {
      readonly ok: true;
      /** The merged file. */
      readonly text: string;
      /** Entries appended, in canonical order. */
      readonly added: DisavowEntry[];
      /** Old lines left out. */
      readonly dropped: DroppedLine[];
      /** Warnings of the merged file (parseDisavow's). */
      readonly warnings: Problem[];
    }
  | { readonly ok: false; readonly errors: Problem[] };

export function mergeDisavow(
  old: Uint8Array,
  additions: readonly DisavowEntry[],
  options: MergeOptions = {},
): MergeResult {
  for (const entry of additions) assertNormalised(entry);
  const oldFile = parseDisavow(old);
  if (oldFile.errors.length > 0) return { ok: false, errors: oldFile.errors };
  const domains = new Set<string>();
  for (const entry of [...oldFile.entries, ...additions])
    if (entry.kind === 'domain') domains.add(entry.domain);
  const covered = (entry: DisavowEntry) => entry.kind === 'url' && domains.has(urlHost(entry.url));

  const kept = new Set<string>();
  const dropped: DroppedLine[] = [];
  const lines: string[] = [];
  for (const { number, text } of readFileLines(old).lines) {
    const line = classifyLine(text);
    if (line.kind === 'entry') {
      const key = entryText(line.entry);
      const reason = kept.has(key) ? 'duplicate' : covered(line.entry) ? 'covered-by-domain' : null;
      if (reason !== null) {
        dropped.push({ line: number, entry: line.entry, reason });
        continue;
      }
      kept.add(key);
    }
    lines.push(text);
  }

  const added = canonicalEntries(additions).filter((e) => !kept.has(entryText(e)) && !covered(e));
  if (added.length > 0) {
    if (lines.length > 0 && lines[lines.length - 1]!.trim() !== '') lines.push('');
    lines.push(...(options.header ?? []).map(commentLine));
    lines.push(...added.map(entryText));
  }
  const text = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  assertWithinLimits(lines.length, text);
  const { warnings } = parseDisavow(new TextEncoder().encode(text));
  return { ok: true, text, added, dropped, warnings };
}
