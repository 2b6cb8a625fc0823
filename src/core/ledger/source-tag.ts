/**
 * Source tags: the name under which the ledger records who saw a link.
 *
 * Known names: `crawl`, `commoncrawl:<crawl id>` (e.g. `commoncrawl:CC-MAIN-2024-10`), `gsc`, `bing`,
 * `ahrefs`, `majestic`, `moz`, `semrush`, `csv`. Other names are accepted when they look like one: a name of
 * lower-case letters, digits, `.`, `_`, `-`, optionally `:` and a detail (letters, digits, `.`, `_`, `-`).
 */
import type { SourceTag } from './model.ts';

export const KNOWN_SOURCES = [
  'crawl',
  'commoncrawl',
  'gsc',
  'bing',
  'ahrefs',
  'majestic',
  'moz',
  'semrush',
  'csv',
];

const TAG = /^[a-z][a-z0-9._-]*(:[A-Za-z0-9._-]+)?$/;

export function isSourceTag(value: string): boolean {
  return value.length <= 100 && TAG.test(value);
}

/** `commoncrawl:CC-MAIN-2024-10` for a crawl id; the id is kept as Common Crawl writes it. */
export function commonCrawlSource(crawlId: string): SourceTag {
  return `commoncrawl:${crawlId}`;
}

/** The part before `:` (`commoncrawl` for `commoncrawl:CC-MAIN-2024-10`). */
export function sourceName(tag: SourceTag): string {
  const colon = tag.indexOf(':');
  return colon === -1 ? tag : tag.slice(0, colon);
}
