/**
 * What we learn about one page while extracting its links: the facts later stages (ledger, quality,
 * crawler) need, collected in the same pass.
 */
import type { Link } from './link.ts';

export interface PageInfo {
  /** The page's URL: the capture URL, or for a loose HTML file its canonical / og:url / --base-url. */
  url: string;
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
}

export interface PageLinks {
  page: PageInfo;
  links: Link[];
}
