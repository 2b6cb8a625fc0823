/**
 * A disavow entry, always in normalised form: a `domain:` entry holds a lower-case ASCII host name (IDN as
 * punycode), a URL entry the WHATWG serialisation of an http(s) URL. Two lines mean the same entry when their
 * normalised texts are equal, which is what duplicates, merge and diff compare.
 *
 * The canonical order (the formatter's, the diff's) is domains first, then URLs, each sorted by code unit:
 * deterministic, independent of locale.
 */

export type DisavowEntry =
  | { readonly kind: 'domain'; readonly domain: string }
  | { readonly kind: 'url'; readonly url: string };

/** The entry as a disavow file line: `domain:example.com` or the URL. */
export function entryText(entry: DisavowEntry): string {
  return entry.kind === 'domain' ? `domain:${entry.domain}` : entry.url;
}

export function compareEntries(a: DisavowEntry, b: DisavowEntry): number {
  if (a.kind !== b.kind) return a.kind === 'domain' ? -1 : 1;
  const x = entryText(a);
  const y = entryText(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The entries in canonical order, each once. */
export function canonicalEntries(entries: readonly DisavowEntry[]): DisavowEntry[] {
  const seen = new Set<string>();
  const unique: DisavowEntry[] = [];
  for (const entry of entries) {
    const key = entryText(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(entry);
  }
  return unique.sort(compareEntries);
}

/** The host a URL entry's links come from (punycode, lower-case), to compare with `domain:` entries. */
export function urlHost(url: string): string {
  return new URL(url).hostname;
}
