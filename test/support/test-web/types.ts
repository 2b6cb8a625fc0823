/** The public types of the test web (see index.ts). */

/** The virtual hosts, all served by one server on 127.0.0.1 and told apart by the Host header. */
export const HOSTS = {
  /** The main site: pages, robots rules with wildcards, sitemaps, redirects, files, charsets. */
  a: 'site-a.test',
  /** Same site as site-a.test (same registrable domain); robots.txt answers 404 (allow all). */
  blog: 'blog.site-a.test',
  /** Another site; robots.txt says `Crawl-delay: 1`. */
  b: 'site-b.test',
  /** The endless calendar; robots.txt answers 301 to /robots-moved.txt. */
  trap: 'trap.test',
  /** robots.txt answers 500: nothing else on this host may be fetched. */
  broken: 'broken.test',
  /** Slow, cut, failing, rate-limited, huge and compressed-bomb responses. */
  flaky: 'flaky.test',
} as const;

export type HostKey = keyof typeof HOSTS;
export type HostName = (typeof HOSTS)[HostKey];

/** `http://HOST:PORT` of every virtual host, by key. */
export type Origins = Record<HostKey, string>;

export interface TestWebOptions {
  /** How long /slow/headers.html on flaky.test waits before answering (default 3000 ms). */
  slowHeadersMs?: number;
  /** Interval between the bytes of the endless /slow/trickle.html (default 200 ms). */
  trickleIntervalMs?: number;
  /** Body size of /huge.html and /huge-declared.html (default 20 MiB). */
  hugeBytes?: number;
  /** Inflated size of /bomb.html, rounded up to 16 MiB (default 1 GiB). */
  bombBytes?: number;
}

export interface RequestLogEntry {
  /** The Host header, lower-case, without the port ('' when missing). */
  host: string;
  method: string;
  /** The request target as sent: path and query, percent-encoding kept. */
  path: string;
  /** The status sent; 0 until the head is sent (and for good when the client left before). */
  status: number;
  /** Milliseconds since the test web started (monotonic clock). */
  startedAt: number;
  /** When the response ended or was cut; null while in flight. */
  endedAt: number | null;
  /** False when the response did not end normally (the client left, or the page cuts itself). */
  completed: boolean;
  /** 1, 2, 3... in the order the server accepted the connections. */
  socketId: number;
  userAgent: string | null;
}

export interface TestWeb {
  port: number;
  /** The virtual host names. */
  hosts: readonly HostName[];
  /** `http://host:port` for a virtual host; throws for any other name. */
  origin(host: string): string;
  /** One curl-style `HOST:PORT:127.0.0.1` entry per virtual host. */
  resolveArgs: string[];
  /** Every request, in the order they arrived; entries are updated in place as responses end. */
  log: RequestLogEntry[];
  /** Per Host: the most requests that were in flight at the same time. */
  maxConcurrentPerHost(): Map<string, number>;
  /**
   * Per Host: the most connections that were open at the same time. A connection counts for a host from
   * its first request for that host until it closes (connections that never sent a request count for none).
   */
  maxOpenSocketsPerHost(): Map<string, number>;
  /** What a complete obedient crawl must collect and must not fetch (literal data: expected.ts). */
  expected: TestWebExpected;
  /** Stops the server: cancels the timers of slow pages and destroys every open connection. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// Expectations

/** One URL of an expectation list. */
export interface ExpectedUrl {
  /** Absolute, normalised (core/url/normalize.ts: no fragment, port kept, query as written). */
  url: string;
  /**
   * Status of the server's first answer to a GET (it can change: 503 twice then 200). Omitted for
   * external URLs. Slow and broken pages give the status they send before stalling or cutting.
   */
  status?: number;
  /** The page, sitemap, robots.txt or redirect that makes a crawler meet this URL. */
  via: string;
  why: string;
}

export interface ExpectedCrawl {
  /** As in core/crawl/settings.ts: site = the seed's host, domain = its registrable domain, discover = any. */
  scope: 'site' | 'domain' | 'discover';
  seed: string;
  /** Hosts the scope covers. */
  scopeHosts: string[];
  /** Every complete obedient crawl requests each of these at least once (robots.txt files included). */
  fetch: ExpectedUrl[];
  /** Requested when the crawler reads the sitemaps robots.txt names (and only then, for the pages). */
  fetchIfSitemaps: ExpectedUrl[];
  /** Either way is right (policy): requesting these is neither required nor wrong. */
  mayFetch: ExpectedUrl[];
  /** Any number of URLs under these prefixes may be requested (the calendar trap, within the limits). */
  mayFetchPrefixes: ExpectedUrl[];
  /** Never requested. */
  neverFetch: ExpectedUrl[];
  /** Hosts that must never see a request (not even DNS: they are not in the --resolve list). */
  neverContactHosts: string[];
  /** URLs that may be requested more than once (retries, redirect loops); every other URL at most once. */
  mayRepeat: string[];
}

export interface ExpectedLink {
  source: string;
  /** Absolute and normalised. */
  target: string;
  /** Whitespace collapsed, decoded with the page's charset. */
  anchor: string;
  /** The link's own `rel` tokens, lower-case (page-level nofollow not applied). */
  rel: string[];
  nofollow: boolean;
  sponsored: boolean;
  ugc: boolean;
}

export interface ExpectedPage {
  url: string;
  status: number;
  /** The charset the page must be decoded with (WHATWG name). */
  charset: string;
  /** From `<meta name="robots">` or `X-Robots-Tag`. */
  noindex: boolean;
  nofollow: boolean;
  canonical: string | null;
  /** `<base href>` resolved, or the page URL. */
  baseUrl: string;
  /** The target of `<meta http-equiv="refresh">`, resolved; null when none. */
  refresh: string | null;
  /** Every `<a href>` of the page, in document order. */
  links: ExpectedLink[];
}

export interface ExpectedRedirect {
  from: string;
  status: number;
  /** The Location header as sent (relative or absolute). */
  location: string;
  /** `location` resolved against `from`. */
  target: string;
}

export interface TestWebExpected {
  /** The seed of the crawls below: `http://site-a.test:PORT/`. */
  seed: string;
  crawls: { site: ExpectedCrawl; domain: ExpectedCrawl; discover: ExpectedCrawl };
  /** Pages whose links are given exactly. */
  pages: ExpectedPage[];
  /** Every redirect the test web sends, hop by hop. */
  redirects: ExpectedRedirect[];
  politeness: {
    /** At most this many requests in flight per host at once. */
    maxConcurrentPerHost: number;
    /** Minimum gap between the starts of two requests to a host that asks for a crawl delay. */
    crawlDelayMs: Record<string, number>;
    /** After a 429 with `Retry-After: 1`, the next request for the URL comes no sooner. */
    retryAfterMs: Record<string, number>;
  };
  /** Crawler settings and behaviour the lists assume. */
  assumptions: string[];
}
