/**
 * A crawl as the ledger stores it: the job (what was asked, how far it got) and its frontier (every URL the
 * crawl has seen, queued or done). The frontier is written in the same transaction as the pages it
 * produced (LedgerBatch.crawl), so after a kill the ledger and the frontier agree: a page is either
 * captured and done, or neither, and a resumed crawl refetches only what was in flight.
 */
import type { EpochMs } from '../ledger/model.ts';
import type { CrawlSettings } from './settings.ts';

export type FrontierState = 'queued' | 'done';

/** A page to fetch, or a sitemap to read for more pages. */
export type FrontierKind = 'page' | 'sitemap';

export interface FrontierEntry {
  url: string;
  kind: FrontierKind;
  /** Link hops from a seed. */
  depth: number;
  /** Redirect hops that led here (0 for a seed, a link or a sitemap entry). */
  hops: number;
  /** Order of discovery: the frontier is breadth-first by (depth, seq). */
  seq: number;
  state: FrontierState;
  /** For done entries, what happened: an outcome of CRAWL_OUTCOMES, or `error:<kind>`. */
  outcome: string | null;
  /** HTTP status of the last response (null: none yet, or no response). */
  status: number | null;
  /** Failed attempts so far. */
  attempts: number;
  /** The page the URL was found on; null for seeds and sitemap entries. */
  via: string | null;
}

/** Outcomes of a finished frontier entry (besides `error:<kind>`). */
export const CRAWL_OUTCOMES = [
  'fetched',
  'robots-disallowed',
  'robots-unavailable',
  'too-many-redirects',
  'blocked-address',
  'max-pages',
] as const;

export type CrawlStatus = 'running' | 'done' | 'failed';

export interface CrawlStats {
  /** Page responses received (any status; robots.txt and sitemaps not counted). */
  fetched: number;
  /** HTML pages whose links were extracted. */
  htmlPages: number;
  /** Links found on those pages (all kinds). */
  links: number;
  /** URLs added to the frontier. */
  queued: number;
  redirects: number;
  retries: number;
  robotsDisallowed: number;
  /** Responses cut at the body or decompressed-size cap (their links so far are kept). */
  truncated: number;
  bytes: number;
  /** Responses by status class (`2xx`, `3xx`, `4xx`, `5xx`). */
  statuses: Record<string, number>;
  /** Failures by kind (`timeout`, `connect`, `dns`, `blocked-address`, `http-5xx`, `too-many-redirects`...). */
  errors: Record<string, number>;
  /** Links not followed, by scope verdict (`out-of-scope`, `too-deep`, `excluded`...). */
  notFollowed: Record<string, number>;
  /** Sitemap files read and URLs they listed. */
  sitemaps: number;
  sitemapUrls: number;
  /** Ledger effect. */
  newLinks: number;
  lostLinks: number;
}

export interface CrawlJob {
  id: string;
  /** Seeds and scope rules: a crawl with the same key resumes the last unfinished job of that key. */
  key: string;
  settings: CrawlSettings;
  status: CrawlStatus;
  startedAt: EpochMs;
  updatedAt: EpochMs;
  finishedAt: EpochMs | null;
  stats: CrawlStats;
  error: string | null;
}

/** Frontier rows and the job snapshot written with one ledger batch. */
export interface CrawlBatch {
  job: CrawlJob;
  /** Upserts by (job, url), applied in order. */
  frontier: readonly FrontierEntry[];
}

export function emptyCrawlStats(): CrawlStats {
  return {
    fetched: 0,
    htmlPages: 0,
    links: 0,
    queued: 0,
    redirects: 0,
    retries: 0,
    robotsDisallowed: 0,
    truncated: 0,
    bytes: 0,
    statuses: {},
    errors: {},
    notFollowed: {},
    sitemaps: 0,
    sitemapUrls: 0,
    newLinks: 0,
    lostLinks: 0,
  };
}

export function bump(counts: Record<string, number>, key: string, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}
