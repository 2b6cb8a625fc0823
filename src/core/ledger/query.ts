/**
 * Report queries: which links a report looks at (target scope and filters), how it sorts and pages.
 *
 * Scopes: `url` (exactly this target URL), `prefix` (target URLs starting with it), `host` (this target
 * host), `domain` (this registrable domain, every host of it). A URL or prefix given without a scheme
 * matches both http and https. Defaults (applied by withDefaults): external links only (source and target
 * in different registrable domains), the hyperlink kinds (REPORT_KINDS), live links, 50 rows.
 */

import { UsageError } from '../errors.ts';
import type { Placement } from '../link/link.ts';
import { registrableDomain } from '../url/host-keys.ts';
import { normalizeUrl } from '../url/normalize.ts';
import { fastHostOf } from './keys.ts';
import type { EpochMs, LedgerKind } from './model.ts';

export const SCOPES = ['url', 'prefix', 'host', 'domain'] as const;
export type Scope = (typeof SCOPES)[number];
export type LinkStatus = 'live' | 'lost' | 'all';
export type SortOrder = 'asc' | 'desc';

/** Kinds that are votes for another page: what reports count unless told otherwise. */
export const REPORT_KINDS: readonly LedgerKind[] = [
  'a',
  'area',
  'redirect',
  'meta-refresh',
  'iframe',
  'frame',
  'webgraph',
];

/** A resolved target: `values` are the URLs / prefixes / hosts / domains to match, `hosts` a pruning hint. */
export interface TargetSelector {
  scope: Scope;
  values: readonly string[];
  /** Target hosts all matches belong to (url and prefix scopes); empty when unknown. */
  hosts: readonly string[];
}

export interface LinkFilter {
  target: TargetSelector;
  includeInternal: boolean;
  dofollowOnly: boolean;
  /** null: every kind. */
  kinds: readonly LedgerKind[] | null;
  placements: readonly Placement[] | null;
  status: LinkStatus;
  firstSeenSince: EpochMs | null;
}

export interface Paging {
  limit: number;
  offset: number;
  order: SortOrder;
}

export const BACKLINK_SORTS = [
  'first-seen',
  'last-seen',
  'lost-at',
  'source-url',
  'source-domain',
  'anchor',
] as const;
export type BacklinkSort = (typeof BACKLINK_SORTS)[number];
export const REFDOMAIN_SORTS = ['links', 'dofollow-links', 'first-seen', 'last-seen', 'domain'] as const;
export type RefDomainSort = (typeof REFDOMAIN_SORTS)[number];
export const ANCHOR_SORTS = ['links', 'refdomains', 'first-seen', 'anchor'] as const;
export type AnchorSort = (typeof ANCHOR_SORTS)[number];
export const PAGE_SORTS = [
  'refdomains',
  'links',
  'dofollow-links',
  'first-seen',
  'last-seen',
  'url',
] as const;
export type PageSort = (typeof PAGE_SORTS)[number];

/** A backlinks listing without paging: what an export streams. */
export interface BacklinkListing extends LinkFilter {
  sort: BacklinkSort;
  order: SortOrder;
}
export interface BacklinkQuery extends BacklinkListing, Paging {}
export interface RefDomainQuery extends LinkFilter, Paging {
  sort: RefDomainSort;
}
export interface AnchorQuery extends LinkFilter, Paging {
  sort: AnchorSort;
}
export interface PageQuery extends LinkFilter, Paging {
  sort: PageSort;
}
/** The profile looks at live and lost links itself; `status` is ignored. `now` anchors the 30/90-day windows. */
export interface ProfileQuery extends LinkFilter {
  now: EpochMs;
  top: number;
}

/** Resolves what the user typed into a selector; throws UsageError when it cannot be read in that scope. */
export function targetSelector(target: string, scope: Scope): TargetSelector {
  const raw = target.trim();
  if (raw === '') throw new UsageError('the target is empty');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  if (scope === 'url' || scope === 'prefix') {
    const candidates = hasScheme ? [raw] : [`http://${raw}`, `https://${raw}`];
    const values: string[] = [];
    for (const c of candidates) {
      const url = normalizeUrl(c);
      if (url === null) throw new UsageError(`not a URL: ${target}`);
      values.push(url);
    }
    const hosts = [...new Set(values.map((v) => fastHostOf(v)).filter((h): h is string => h !== null))];
    return { scope, values, hosts };
  }
  const host = hasScheme ? fastHostOf(normalizeUrl(raw) ?? raw) : fastHostOf(`http://${raw}`);
  if (host === null) throw new UsageError(`not a host name: ${target}`);
  if (scope === 'host') return { scope, values: [host], hosts: [host] };
  return { scope, values: [registrableDomain(host)], hosts: [] };
}

export interface FilterOptions {
  includeInternal?: boolean;
  dofollowOnly?: boolean;
  kinds?: readonly LedgerKind[] | 'all';
  placements?: readonly Placement[];
  status?: LinkStatus;
  firstSeenSince?: EpochMs | null;
}

export function linkFilter(target: TargetSelector, options: FilterOptions = {}): LinkFilter {
  const kinds = options.kinds === 'all' ? null : (options.kinds ?? REPORT_KINDS);
  return {
    target,
    includeInternal: options.includeInternal ?? false,
    dofollowOnly: options.dofollowOnly ?? false,
    kinds: kinds === null || kinds.length === 0 ? null : kinds,
    placements: options.placements && options.placements.length > 0 ? options.placements : null,
    status: options.status ?? 'live',
    firstSeenSince: options.firstSeenSince ?? null,
  };
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100_000;

export function paging(
  options: { limit?: number; offset?: number; order?: SortOrder },
  order: SortOrder,
): Paging {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new UsageError(`--limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  if (!Number.isInteger(offset) || offset < 0)
    throw new UsageError('--offset must be a non-negative integer');
  return { limit, offset, order: options.order ?? order };
}
