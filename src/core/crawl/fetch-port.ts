/**
 * The ports of a crawl: how the application fetches a URL (one request, no redirect following: the crawl
 * schedules every hop itself so each one is checked for scope, robots.txt, politeness and address safety),
 * turns a response into a page with links, and reads sitemaps. Adapters implement them (src/adapters/http).
 */
import type { PageLinks } from '../link/page.ts';

/** Why a request produced no response. */
export const FETCH_ERROR_KINDS = [
  'dns',
  'blocked-address',
  'connect',
  'timeout',
  'reset',
  'tls',
  'protocol',
  'other',
] as const;
export type FetchErrorKind = (typeof FETCH_ERROR_KINDS)[number];

/** What the response body is wanted for: pages (HTML only), robots.txt and sitemaps (text, XML, gzip). */
export type BodyPurpose = 'page' | 'robots' | 'sitemap';

export interface FetchRequest {
  url: string;
  purpose: BodyPurpose;
  /** Bytes read off the wire; the rest is not read (`truncated: 'body'`). */
  maxBodyBytes: number;
  /** Bytes after content decoding (gzip, deflate, br); a bomb stops here (`truncated: 'decoded'`). */
  maxDecodedBytes: number;
}

export interface FetchResponse {
  kind: 'response';
  url: string;
  status: number;
  /** Header fields, lower-case names, repeated fields joined with ', '. */
  headers: Readonly<Record<string, string>>;
  /** Lower-case media type of `Content-Type`, or null when absent or invalid. */
  mime: string | null;
  /** The decoded body, or null when it was not wanted (a non-HTML page) and not read. */
  body: Uint8Array | null;
  /** Set when the body was cut at a cap or the connection broke mid-body (what arrived is kept). */
  truncated: 'body' | 'decoded' | 'broken' | null;
  /** Bytes received on the wire for the body. */
  wireBytes: number;
  /** A digest of the decoded body (hex), or null without a body. */
  contentHash: string | null;
  /**
   * The IP address the response came from (the address the connector checked and connected to, for
   * the request's origin), or null when unknown.
   */
  remoteAddress: string | null;
}

export interface FetchFailure {
  kind: 'failure';
  url: string;
  error: FetchErrorKind;
  message: string;
}

export type FetchResult = FetchResponse | FetchFailure;

export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResult>;
  close(): Promise<void>;
}

/**
 * Turns a response into the page and its links: HTML is parsed (charset from the header or the bytes,
 * `X-Robots-Tag` applied), a 3xx with `Location` becomes one `redirect` link, anything else a page with its
 * status and no links.
 */
export type ResponseReader = (response: FetchResponse) => Promise<PageLinks>;

export interface SitemapEntries {
  /** Page URLs (`<urlset><url><loc>`), resolved and normalised. */
  urls: string[];
  /** Child sitemaps (`<sitemapindex><sitemap><loc>`). */
  sitemaps: string[];
  /** Entries that were not URLs. */
  invalid: number;
}

/** Reads a sitemap (XML, or a plain-text list of URLs); gzip is undone by the reader when the bytes are gzip. */
export type SitemapReader = (body: Uint8Array, url: string) => SitemapEntries;
