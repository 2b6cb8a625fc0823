/**
 * `verify TARGET`: re-fetch every known page linking to TARGET (a crawl of scope `page`, so robots.txt,
 * politeness and address safety apply as in any crawl) and say, link by link, what changed. The ledger
 * rules do the judging: a capture that no longer carries a link marks it lost with the reason (`removed`,
 * `page-gone`, `page-redirected`, `noindex`, `canonical-elsewhere`, `became-nofollow`); here we only
 * compare the target's backlinks before and after.
 *
 * A link whose page could not be fetched (robots.txt disallows it, a timeout, a 5xx that stayed a 5xx) is
 * `unverified`, with the reason: no evidence either way, nothing in the ledger changes for it.
 */
import type { FrontierEntry } from '../../core/crawl/frontier-model.ts';
import type { CrawlSettings } from '../../core/crawl/settings.ts';
import type { LedgerKind, LostReason } from '../../core/ledger/model.ts';
import { linkFilter, REPORT_KINDS, type Scope, targetSelector } from '../../core/ledger/query.ts';
import type { BacklinkRow } from '../../core/ledger/rows.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { isWebUrl } from '../../core/url/normalize.ts';
import { allBacklinks } from '../ledger/all-backlinks.ts';
import { type CrawlOptions, type CrawlPorts, type CrawlResult, runCrawl } from './run-crawl.ts';

export interface VerifyRequest {
  target: string;
  /** Default `domain`, as the reports. */
  scope?: Scope;
  includeInternal?: boolean;
}

export const VERIFY_CHANGES = ['live', 'lost', 'revived', 'still-lost', 'new', 'unverified'] as const;
export type VerifyChange = (typeof VERIFY_CHANGES)[number];

export interface VerifiedLink {
  sourceUrl: string;
  targetUrl: string;
  kind: LedgerKind;
  followed: boolean;
  anchor: string;
  rel: string;
  change: VerifyChange;
  /** For lost links, why. */
  lostReason: LostReason | null;
  /** For unverified links, why the page gave no answer (`robots-disallowed`, `error:timeout`, `http-503`...). */
  unverifiedReason: string | null;
  /** HTTP status of the re-fetch, when there was a response. */
  status: number | null;
}

export interface VerifyResult {
  /** Linking pages re-fetched (or tried). */
  pages: number;
  links: VerifiedLink[];
  counts: Record<VerifyChange, number>;
  crawl: CrawlResult | null;
}

/** Kinds that live in a page and can be checked by fetching it (web-graph edges are host-level). */
const VERIFIABLE_KINDS = REPORT_KINDS.filter((k) => k !== 'webgraph');

export async function verifyBacklinks(
  ports: CrawlPorts,
  request: VerifyRequest,
  base: CrawlSettings,
  options: CrawlOptions = {},
): Promise<VerifyResult> {
  const before = await backlinksOf(ports.store, request);
  const pages = [...new Set(before.map((l) => l.sourceUrl).filter(isWebUrl))].sort();
  const counts = Object.fromEntries(VERIFY_CHANGES.map((c) => [c, 0])) as Record<VerifyChange, number>;
  if (pages.length === 0) return { pages: 0, links: [], counts, crawl: null };

  const settings: CrawlSettings = {
    ...base,
    seeds: pages,
    scope: 'page',
    maxPages: null,
    maxDepth: 0,
    sitemaps: false,
  };
  const crawl = await runCrawl(ports, settings, options);
  const fetched = new Map((await ports.store.frontier(crawl.job.id)).map((e) => [e.url, e]));
  const after = new Map((await backlinksOf(ports.store, request)).map((l) => [linkKey(l), l]));

  const links: VerifiedLink[] = [];
  const known = new Set<string>();
  for (const old of before) {
    const key = linkKey(old);
    known.add(key);
    const now = after.get(key) ?? old;
    const why = unverified(fetched.get(old.sourceUrl));
    let change: VerifyChange;
    if (why !== null) change = 'unverified';
    else if (old.lostAt === null) change = now.lostAt === null ? 'live' : 'lost';
    else change = now.lostAt === null ? 'revived' : 'still-lost';
    links.push(verified(now, change, why, fetched.get(old.sourceUrl)));
  }
  for (const [key, link] of after) {
    if (!known.has(key) && link.lostAt === null && fetched.has(link.sourceUrl))
      links.push(verified(link, 'new', null, fetched.get(link.sourceUrl)));
  }
  for (const l of links) counts[l.change] += 1;
  return { pages: pages.length, links, counts, crawl };
}

/** Why a page's re-fetch proves nothing about its links, or null when it does. */
function unverified(entry: FrontierEntry | undefined): string | null {
  if (entry === undefined || entry.state !== 'done') return 'not-fetched';
  if (entry.outcome !== 'fetched') return entry.outcome ?? 'not-fetched';
  // 5xx and 429 captures decide nothing in the ledger (core/ledger/capture-state.ts).
  if (entry.status === null || entry.status >= 500 || entry.status === 429) return `http-${entry.status}`;
  return null;
}

function verified(
  l: BacklinkRow,
  change: VerifyChange,
  why: string | null,
  entry: FrontierEntry | undefined,
): VerifiedLink {
  return {
    sourceUrl: l.sourceUrl,
    targetUrl: l.targetUrl,
    kind: l.kind,
    followed: l.followed,
    anchor: l.anchor,
    rel: l.rel,
    change,
    lostReason: change === 'unverified' ? null : l.lostReason,
    unverifiedReason: why,
    status: entry?.status ?? null,
  };
}

/** A link's identity in the ledger: (source page, target URL, kind, followed); see docs/ledger.md. */
function linkKey(l: BacklinkRow): string {
  return `${l.sourceUrl}\t${l.targetUrl}\t${l.kind}\t${l.followed}`;
}

function backlinksOf(store: LedgerStore, request: VerifyRequest): Promise<BacklinkRow[]> {
  const filter = linkFilter(targetSelector(request.target, request.scope ?? 'domain'), {
    includeInternal: request.includeInternal ?? false,
    kinds: VERIFIABLE_KINDS,
    status: 'all',
  });
  return allBacklinks(store, filter);
}
