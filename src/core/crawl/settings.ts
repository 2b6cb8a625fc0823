/**
 * What a user asks of a crawl (`linkledger crawl` flags) and the defaults, in one place so the CLI, the
 * HTTP API and the docs agree. Defaults lean polite: one connection per host, a pause between requests to
 * one host, robots.txt always obeyed, no private network.
 */
import type { ResolveSpec } from './address-policy.ts';

/**
 * Which discovered URLs a crawl follows:
 * - `page`: only the seeds (their links are recorded, none followed);
 * - `site`: the seeds' hosts (a leading `www.` is ignored: `www.example.com` and `example.com` are one site);
 * - `domain`: every host of the seeds' registrable domains (`blog.example.com` for `example.com`);
 * - `discover`: any host; bound it with `maxPages` / `maxDepth`.
 */
export const CRAWL_SCOPES = ['page', 'site', 'domain', 'discover'] as const;
export type CrawlScope = (typeof CRAWL_SCOPES)[number];

export interface CrawlLimits {
  /** Page fetches (robots.txt and sitemaps not counted); null: no limit. */
  maxPages: number | null;
  /** Link hops from a seed (seeds are depth 0; redirects and sitemap entries do not add depth); null: none. */
  maxDepth: number | null;
}

export interface CrawlTimeouts {
  /** TCP (and TLS) connect. */
  connectMs: number;
  /** Waiting for the response head, and idle time between body chunks. */
  readMs: number;
  /** The whole request, body included. */
  totalMs: number;
}

export interface CrawlSettings extends CrawlLimits {
  seeds: readonly string[];
  scope: CrawlScope;
  /** Regular expressions (source text) a URL must match (any of them) to be followed; empty: all. */
  include: readonly string[];
  /** Regular expressions: a URL matching any of them is not followed. */
  exclude: readonly string[];
  /** Requests in flight across all hosts. */
  concurrency: number;
  /** Parallel connections (and requests) to one host. */
  perHost: number;
  /** Pause between two requests to one host (a robots.txt `Crawl-delay` that is longer wins). */
  delayMs: number;
  userAgent: string;
  timeouts: CrawlTimeouts;
  /** Bytes read off the wire per response; a longer page is truncated (its links so far are kept). */
  maxBodyBytes: number;
  /** Bytes after decompression; a gzip bomb stops here. */
  maxDecodedBytes: number;
  /** Extra attempts after a 429, a 5xx or a network error. */
  retries: number;
  /** Redirect hops followed from one URL. */
  maxRedirects: number;
  /** Read robots.txt `Sitemap:` lines (and the hosts' sitemap indexes) for URLs in scope. */
  sitemaps: boolean;
  /** After a robots.txt 5xx or network failure, wait this long before asking again (once). */
  robotsRetryMs: number;
  /** The longest `Crawl-delay` / `Retry-After` honoured, so one host cannot stall a crawl for hours. */
  maxHostWaitMs: number;
  /** Allow loopback, private and link-local addresses (tests, intranets); cloud metadata stays refused. */
  allowPrivateNetwork: boolean;
  /** `--resolve HOST:PORT:ADDR` entries, as with curl. */
  resolve: readonly ResolveSpec[];
}

export const MAX_REDIRECTS = 5;

export function defaultCrawlSettings(seeds: readonly string[], userAgent: string): CrawlSettings {
  return {
    seeds,
    scope: 'site',
    include: [],
    exclude: [],
    maxPages: 10_000,
    maxDepth: null,
    concurrency: 8,
    perHost: 1,
    delayMs: 1_000,
    userAgent,
    timeouts: { connectMs: 10_000, readMs: 20_000, totalMs: 60_000 },
    maxBodyBytes: 10 * 1024 * 1024,
    maxDecodedBytes: 20 * 1024 * 1024,
    retries: 2,
    maxRedirects: MAX_REDIRECTS,
    sitemaps: true,
    robotsRetryMs: 60_000,
    maxHostWaitMs: 60_000,
    allowPrivateNetwork: false,
    resolve: [],
  };
}

/** The `User-Agent` header: `linkledger/<version> (+URL)`; the product token robots.txt groups match is `linkledger`. */
export function defaultUserAgent(version: string): string {
  return `linkledger/${version} (+https://github.com/linkledger/linkledger)`;
}
