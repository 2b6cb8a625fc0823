/**
 * What changes between two disavow files, entry by entry: comments, blank lines, order, duplicates and
 * spelling (`HTTP://Example.com` = `http://example.com/`) are ignored, since entries are compared in
 * normalised form. A removed URL whose host the new file disavows whole (`domain:` of exactly that host)
 * is marked `coveredBy`: it is not really un-disavowed.
 */
import { canonicalEntries, type DisavowEntry, entryText, urlHost } from './entry.ts';

export interface RemovedEntry {
  readonly entry: DisavowEntry;
  /** The new file's `domain:` entry that still covers this removed URL, if any. */
  readonly coveredBy?: DisavowEntry;
}

export interface DisavowDiff {
  /** In canonical order. */
  readonly added: DisavowEntry[];
  /** In canonical order. */
  readonly removed: RemovedEntry[];
  /** Entries in both. */
  readonly unchanged: number;
}

export function diffDisavow(before: readonly DisavowEntry[], after: readonly DisavowEntry[]): DisavowDiff {
  const oldEntries = canonicalEntries(before);
  const newEntries = canonicalEntries(after);
  const oldKeys = new Set(oldEntries.map(entryText));
  const newKeys = new Set(newEntries.map(entryText));
  const newDomains = new Set(newEntries.flatMap((e) => (e.kind === 'domain' ? [e.domain] : [])));
  const removed: RemovedEntry[] = [];
  for (const entry of oldEntries) {
    if (newKeys.has(entryText(entry))) continue;
    const host = entry.kind === 'url' ? urlHost(entry.url) : null;
    removed.push(
      host !== null && newDomains.has(host)
        ? { entry, coveredBy: { kind: 'domain', domain: host } }
        : { entry },
    );
  }
  const added = newEntries.filter((e) => !oldKeys.has(entryText(e)));
  return { added, removed, unchanged: newEntries.length - added.length };
}
