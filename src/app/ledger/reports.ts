/**
 * The backlink reports (`backlinks`, `refdomains`, `anchors`, `pages`, `profile`): resolve the request into
 * a store query, run it through the store port, and shape plain JSON objects (ISO dates) for the CLI, the
 * HTTP API and the dashboard. No I/O of their own; `now` comes from the caller.
 */

import { UsageError } from '../../core/errors.ts';
import {
  ANCHOR_CLASSES,
  type AnchorClass,
  anchorClassifier,
  brandOfDomain,
  keywordsOfUrl,
} from '../../core/ledger/anchor-class.ts';
import type { EpochMs, LedgerKind, LostReason } from '../../core/ledger/model.ts';
import {
  type AnchorSort,
  type BacklinkSort,
  type LinkFilter,
  type LinkStatus,
  linkFilter,
  MAX_LIMIT,
  type PageSort,
  paging,
  type RefDomainSort,
  type Scope,
  type SortOrder,
  targetSelector,
} from '../../core/ledger/query.ts';
import type { BacklinkRow, NamedCount, WindowCounts } from '../../core/ledger/rows.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import type { Placement } from '../../core/link/link.ts';
import type { QualityWeights } from '../../core/quality/weights.ts';
import { domainParts } from '../../core/url/host-keys.ts';
import { scoreLinks } from '../quality/link-quality.ts';
import {
  type TargetAuthority,
  targetAuthority,
  withBacklinkAuthority,
  withRefDomainAuthority,
} from './report-authority.ts';

export interface ReportRequest {
  target: string;
  /** Default `domain`. */
  scope?: Scope;
  /** Add links from the target's own registrable domain (`--include-internal`). */
  includeInternal?: boolean;
  dofollowOnly?: boolean;
  /** Default: the hyperlink kinds (core/ledger/query.ts REPORT_KINDS); `'all'` for every kind. */
  kinds?: readonly LedgerKind[] | 'all';
  placements?: readonly Placement[];
  /** Default `live`. */
  status?: LinkStatus;
  /** Epoch ms or an ISO date (`2024-01-31`). */
  firstSeenSince?: EpochMs | string | null;
  limit?: number;
  offset?: number;
  order?: SortOrder;
}

const iso = (t: EpochMs | null): string | null => (t === null ? null : new Date(t).toISOString());

export function filterOf(req: ReportRequest): LinkFilter {
  const scope = req.scope ?? 'domain';
  let since: EpochMs | null = null;
  if (typeof req.firstSeenSince === 'number') since = req.firstSeenSince;
  else if (typeof req.firstSeenSince === 'string') {
    since = Date.parse(req.firstSeenSince);
    if (Number.isNaN(since)) throw new UsageError(`not a date: ${req.firstSeenSince} (use YYYY-MM-DD)`);
  }
  return linkFilter(targetSelector(req.target, scope), {
    ...(req.includeInternal === undefined ? {} : { includeInternal: req.includeInternal }),
    ...(req.dofollowOnly === undefined ? {} : { dofollowOnly: req.dofollowOnly }),
    ...(req.kinds === undefined ? {} : { kinds: req.kinds }),
    ...(req.placements === undefined ? {} : { placements: req.placements }),
    ...(req.status === undefined ? {} : { status: req.status }),
    firstSeenSince: since,
  });
}

export interface BacklinkReportRow {
  sourceUrl: string;
  targetUrl: string;
  anchor: string;
  rel: string[];
  nofollow: boolean;
  sponsored: boolean;
  ugc: boolean;
  kind: LedgerKind;
  placement: Placement;
  firstSeen: string;
  lastSeen: string;
  lostAt: string | null;
  lostReason: LostReason | null;
  sources: string[];
  sourceHost: string;
  sourceDomain: string;
  /** Page authority (0-100) of the source page from the last `linkledger rank`; null if not ranked. */
  sourceAuthority: number | null;
  /** Domain authority (0-100) of the source domain from the last `linkledger rank`; null if not ranked. */
  sourceDomainAuthority: number | null;
  /** Backlink quality (0-100, one decimal; docs/quality.md), when asked for. */
  quality?: number;
}

export async function reportBacklinks(
  store: LedgerStore,
  req: ReportRequest & { sort?: BacklinkSort; quality?: QualityWeights | null },
): Promise<BacklinkReportRow[]> {
  const filter = filterOf(req);
  const rows = await store.backlinks({
    ...filter,
    ...paging(req, 'desc'),
    sort: req.sort ?? 'first-seen',
  });
  const withAuthority = await shapedWithAuthority(store, rows);
  if (!req.quality) return withAuthority;
  const scored = await scoreLinks(store, rows, req.quality);
  return withAuthority.map((row, i) => ({
    ...row,
    quality: Math.round(scored[i]!.quality.score * 10) / 10,
  }));
}

/** Ledger rows as report rows (ISO times, `rel` as a list), with the stored authority of their sources. */
async function shapedWithAuthority(
  store: LedgerStore,
  rows: readonly BacklinkRow[],
): Promise<BacklinkReportRow[]> {
  const shaped = rows.map((r) => ({
    sourceUrl: r.sourceUrl,
    targetUrl: r.targetUrl,
    anchor: r.anchor,
    rel: r.rel === '' ? [] : r.rel.split(' '),
    nofollow: r.nofollow,
    sponsored: r.sponsored,
    ugc: r.ugc,
    kind: r.kind,
    placement: r.placement,
    firstSeen: iso(r.firstSeen)!,
    lastSeen: iso(r.lastSeen)!,
    lostAt: iso(r.lostAt),
    lostReason: r.lostReason,
    sources: r.sources,
    sourceHost: r.sourceHost,
    sourceDomain: r.sourceDomain,
  }));
  return withBacklinkAuthority(store, shaped);
}

/**
 * Every backlink of a listing (no paging), in its order, handed to `onRows` in batches as the store
 * streams them: an export of a target with a million links holds one batch at a time. The next batch is
 * read once `onRows`' promise resolves. Resolves with the number of rows.
 */
export async function exportBacklinks(
  store: LedgerStore,
  req: Omit<ReportRequest, 'limit' | 'offset'> & { sort?: BacklinkSort },
  onRows: (rows: readonly BacklinkReportRow[]) => void | Promise<void>,
): Promise<number> {
  const filter = filterOf(req);
  return store.backlinkBatches(
    { ...filter, sort: req.sort ?? 'first-seen', order: req.order ?? 'desc' },
    async (rows) => onRows(await shapedWithAuthority(store, rows)),
  );
}

export interface RefDomainReportRow {
  domain: string;
  links: number;
  dofollowLinks: number;
  firstSeen: string;
  lastSeen: string;
  bestLink: {
    sourceUrl: string;
    targetUrl: string;
    anchor: string;
    kind: LedgerKind;
    dofollow: boolean;
    placement: Placement;
  };
  /** Domain authority (0-100) of the referring domain from the last `linkledger rank`; null if not ranked. */
  authority: number | null;
}

export async function reportRefDomains(
  store: LedgerStore,
  req: ReportRequest & { sort?: RefDomainSort },
): Promise<RefDomainReportRow[]> {
  const sort = req.sort ?? 'links';
  const rows = await store.refDomains({
    ...filterOf(req),
    ...paging(req, sort === 'domain' ? 'asc' : 'desc'),
    sort,
  });
  const shaped = rows.map((r) => ({
    domain: r.domain,
    links: r.links,
    dofollowLinks: r.dofollowLinks,
    firstSeen: iso(r.firstSeen)!,
    lastSeen: iso(r.lastSeen)!,
    bestLink: {
      sourceUrl: r.best.sourceUrl,
      targetUrl: r.best.targetUrl,
      anchor: r.best.anchor,
      kind: r.best.kind,
      dofollow: r.best.followed,
      placement: r.best.placement,
    },
  }));
  return withRefDomainAuthority(store, shaped);
}

export interface AnchorReportRow {
  anchor: string;
  class: AnchorClass;
  image: boolean;
  links: number;
  dofollowLinks: number;
  refdomains: number;
  firstSeen: string;
  lastSeen: string;
}

export interface AnchorReport {
  anchors: AnchorReportRow[];
  /** Links per class over all anchors of the target (up to MAX_LIMIT anchor texts; `truncated` says so). */
  classes: Record<AnchorClass, number>;
  truncated: boolean;
}

export async function reportAnchors(
  store: LedgerStore,
  req: ReportRequest & { sort?: AnchorSort; brand?: readonly string[]; keywords?: readonly string[] },
): Promise<AnchorReport> {
  const filter = filterOf(req);
  const sort = req.sort ?? 'links';
  const classify = anchorClassifier(anchorContext(req, filter));
  const rows = await store.anchors({ ...filter, ...paging(req, sort === 'anchor' ? 'asc' : 'desc'), sort });
  const all = await store.anchors({ ...filter, limit: MAX_LIMIT, offset: 0, order: 'desc', sort: 'links' });
  const classes = Object.fromEntries(ANCHOR_CLASSES.map((c) => [c, 0])) as Record<AnchorClass, number>;
  for (const a of all) classes[classify(a.anchor, a.image)] += a.links;
  return {
    anchors: rows.map((r) => ({
      anchor: r.anchor,
      class: classify(r.anchor, r.image),
      image: r.image,
      links: r.links,
      dofollowLinks: r.dofollowLinks,
      refdomains: r.refdomains,
      firstSeen: iso(r.firstSeen)!,
      lastSeen: iso(r.lastSeen)!,
    })),
    classes,
    truncated: all.length === MAX_LIMIT,
  };
}

/** Brand terms and keywords: given, or derived from the target (its domain name; its URL's last segment). */
function anchorContext(req: { brand?: readonly string[]; keywords?: readonly string[] }, filter: LinkFilter) {
  const t = filter.target;
  let brandTerms = req.brand ?? [];
  if (req.brand === undefined) {
    const host = t.scope === 'domain' ? t.values[0]! : (t.hosts[0] ?? t.values[0]!);
    const parts = domainParts(host);
    brandTerms = brandOfDomain(parts.domain, parts.publicSuffix);
  }
  const keywords =
    req.keywords ??
    (t.scope === 'url' || t.scope === 'prefix' ? keywordsOfUrl(t.values[t.values.length - 1]!) : []);
  return { brandTerms, keywords };
}

export interface PageReportRow {
  targetUrl: string;
  links: number;
  dofollowLinks: number;
  refdomains: number;
  firstSeen: string;
  lastSeen: string;
}

export async function reportPages(
  store: LedgerStore,
  req: ReportRequest & { sort?: PageSort },
): Promise<PageReportRow[]> {
  const sort = req.sort ?? 'refdomains';
  const rows = await store.linkedPages({
    ...filterOf(req),
    ...paging(req, sort === 'url' ? 'asc' : 'desc'),
    sort,
  });
  return rows.map((r) => ({ ...r, firstSeen: iso(r.firstSeen)!, lastSeen: iso(r.lastSeen)! }));
}

export interface ProfileReport {
  target: string;
  scope: Scope;
  links: { total: number; live: number; lost: number };
  dofollowLinks: number;
  /** Share of live links that are followed, 0..1. */
  dofollowShare: number;
  refdomains: number;
  refpages: number;
  kinds: NamedCount[];
  placements: NamedCount[];
  tlds: NamedCount[];
  topDomains: NamedCount[];
  /** The target's own authority from the last `linkledger rank` (0-100; null where not ranked). */
  authority: TargetAuthority;
  last30Days: WindowCounts;
  last90Days: WindowCounts;
}

export async function reportProfile(
  store: LedgerStore,
  req: Omit<ReportRequest, 'status' | 'limit' | 'offset' | 'order'> & { now: EpochMs; top?: number },
): Promise<ProfileReport> {
  const filter = filterOf(req);
  const top = req.top ?? 10;
  if (!Number.isInteger(top) || top < 1 || top > 1000)
    throw new UsageError('--top must be an integer from 1 to 1000');
  const p = await store.profile({ ...filter, now: req.now, top });
  return {
    target: req.target,
    scope: filter.target.scope,
    ...p,
    dofollowShare: p.links.live === 0 ? 0 : p.dofollowLinks / p.links.live,
    authority: await targetAuthority(store, filter.target),
  };
}
