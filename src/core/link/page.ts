/**
 * What we learn about one page while extracting its links: the facts later stages (ledger, quality,
 * crawler) need, collected in the same pass.
 */
import type { Link } from './link.ts';

/**
 * Where `PageInfo.url` came from: the capture (WARC target URI, the fetched URL), or for a loose HTML file
 * the page's canonical, its og:url, the caller's fallback (`--base-url`, a file URL), or nothing ('').
 */
export type PageUrlSource = 'capture' | 'canonical' | 'og:url' | 'fallback' | 'none';

export interface PageInfo {
  /** The page's URL: the capture URL, or for a loose HTML file its canonical / og:url / --base-url. */
  url: string;
  /**
   * Which rule chose `url` (optional: readers that always have a capture URL, such as WAT, omit it).
   * Added for loose HTML files, whose URL is inferred and may be missing ('' with source 'none').
   */
  urlSource?: PageUrlSource;
  /** HTTP status of the capture, when known. */
  status: number | null;
  /** The base URL links were resolved against (`<base href>` resolved, or the page URL). */
  baseUrl: string;
  canonical: string | null;
  ogUrl: string | null;
  title: string | null;
  /** `<html lang>`, lower-case. */
  lang: string | null;
  /** From `<meta name=robots>` and `X-Robots-Tag`. */
  noindex: boolean;
  nofollow: boolean;
  /** The encoding the bytes were decoded with (WHATWG name) and where it came from. */
  charset: string;
  charsetSource: 'bom' | 'http' | 'meta' | 'default' | 'fallback';
  /**
   * A charset label the page or its HTTP header declared that could not be used (unknown, or not
   * supported by the runtime), so that it can be counted as a `charset-fallback` problem. Added by the
   * HTML adapter: `charsetSource` alone cannot say which label failed, nor report a failed HTTP label when
   * a later `<meta charset>` was usable.
   */
  unknownCharsetLabel?: string;
  /**
   * The page's bytes were cut short (a truncated WARC record or HTTP body, a body over the crawler's
   * cap): the links found are real, but the page may hold more. Absent when complete.
   */
  truncated?: boolean;
  /**
   * The page's text digest (core/text/digest.ts: its top terms with counts, one short line), when the
   * reader was asked for it (the HTML extractor's `textDigest` option: ledger imports and the crawler).
   */
  textDigest?: string;
  /**
   * Analytics and ad account ids found in the page's scripts (`UA-...`, `G-...`, `GTM-...`, `AW-...`,
   * `ca-pub-...`, `fbq-<pixel id>`), sorted, distinct, at most 16; `[]` when the page has none; absent
   * when the reader was not asked for them (the HTML extractor's `analyticsIds` option, on with
   * `textDigest`).
   */
  analyticsIds?: string[];
  /**
   * The IP address the page was fetched from (the crawler's checked connection), when known: the
   * shared-network toxicity detector reads it (core/toxicity/detectors/shared-ipv4-network.ts).
   */
  remoteAddress?: string;
}

export interface PageLinks {
  page: PageInfo;
  links: Link[];
}
