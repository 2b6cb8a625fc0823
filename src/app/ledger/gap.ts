/**
 * `linkledger gap TARGET --competitor A --competitor B...`: referring domains that link to at least K of the
 * competitors but not to the target (core/ledger/gap.ts has the definitions), with the competitors each
 * links to, its links per competitor, its domain authority (last `linkledger rank`) and when it was first
 * seen. Default K = 1: every competitor's referring domain is a candidate, and the ranking (most
 * competitors first) puts the strongest opportunities on top; `min` narrows it to a true intersection.
 *
 * Relevance hook: a `relevance` scorer, when given, ranks domains linking to as many competitors by its
 * score before authority (the app then ranks every candidate itself). No scorer exists yet.
 */
import { UsageError } from '../../core/errors.ts';
import type { GapDomainRow, GapScope } from '../../core/ledger/gap.ts';
import type { LedgerKind } from '../../core/ledger/model.ts';
import { MAX_LIMIT, paging, REPORT_KINDS, targetSelector } from '../../core/ledger/query.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { registrableDomain } from '../../core/url/host-keys.ts';

/** Scores of candidate domains (higher is more relevant); domains absent from the map have none. */
export type GapRelevance = (rows: readonly GapReportRow[]) => Promise<ReadonlyMap<string, number>>;

export interface GapRequest {
  target: string;
  competitors: readonly string[];
  /** Default `domain`. */
  scope?: GapScope;
  /** At least this many competitors linked; default 1. */
  min?: number;
  /** Count nofollow, sponsored and ugc links to competitors too (default: followed links only). */
  allLinks?: boolean;
  /** Default: the hyperlink kinds (REPORT_KINDS); `'all'` for every kind. */
  kinds?: readonly LedgerKind[] | 'all';
  limit?: number;
  offset?: number;
  relevance?: GapRelevance;
}

export interface GapReportRow {
  domain: string;
  /** The competitors it links to, in the order given. */
  competitors: string[];
  competitorCount: number;
  /** Links to competitors, all together. */
  links: number;
  /** Links to each competitor (every competitor, 0 included), in the order given. */
  linksPerCompetitor: Record<string, number>;
  /** Domain authority (0-100) from the last `linkledger rank`; null if not ranked. */
  authority: number | null;
  firstSeen: string;
  /** Topical relevance when a scorer was given; null otherwise. */
  relevance: number | null;
}

/** The competitors' keys in the scope (registrable domains or hosts), checked. */
export function competitorKeys(req: Pick<GapRequest, 'target' | 'competitors' | 'scope'>): {
  target: string;
  competitors: string[];
} {
  const scope = req.scope ?? 'domain';
  const key = (site: string) => targetSelector(site, scope).values[0]!;
  const target = key(req.target);
  if (req.competitors.length === 0) throw new UsageError('name at least one --competitor');
  const competitors = req.competitors.map(key);
  const twice = competitors.filter((c, i) => competitors.indexOf(c) !== i);
  if (twice.length > 0) throw new UsageError(`competitor given twice: ${[...new Set(twice)].join(', ')}`);
  if (competitors.includes(target)) throw new UsageError(`the target ${target} cannot be its own competitor`);
  return { target, competitors };
}

export async function reportGap(store: LedgerStore, req: GapRequest): Promise<GapReportRow[]> {
  const scope = req.scope ?? 'domain';
  const { target, competitors } = competitorKeys(req);
  const min = req.min ?? 1;
  if (!Number.isInteger(min) || min < 1 || min > competitors.length)
    throw new UsageError(`--min must be an integer from 1 to ${competitors.length} (the competitors named)`);
  const page = paging(req, 'desc');
  const kinds = req.kinds === 'all' || req.kinds?.length === 0 ? null : (req.kinds ?? REPORT_KINDS);
  const ranked = req.relevance !== undefined;
  const rows = await store.linkGap({
    scope,
    competitors,
    target,
    targetDomain: registrableDomain(target),
    dofollowOnly: !req.allLinks,
    kinds,
    minCompetitors: min,
    limit: ranked ? MAX_LIMIT : page.limit,
    offset: ranked ? 0 : page.offset,
  });
  const shaped = rows.map((r) => shape(r, competitors));
  if (!ranked) return shaped;
  const scores = await req.relevance!(shaped);
  for (const r of shaped) r.relevance = scores.get(r.domain) ?? null;
  const key = (r: GapReportRow) => [
    r.competitorCount,
    r.relevance ?? -Infinity,
    r.authority ?? -Infinity,
    r.links,
  ];
  shaped.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i]! - ka[i]!;
    return a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0;
  });
  return shaped.slice(page.offset, page.offset + page.limit);
}

function shape(r: GapDomainRow, competitors: readonly string[]): GapReportRow {
  return {
    domain: r.domain,
    competitors: competitors.filter((_, i) => r.links[i]! > 0),
    competitorCount: r.competitors,
    links: r.totalLinks,
    linksPerCompetitor: Object.fromEntries(competitors.map((c, i) => [c, r.links[i]!])),
    authority: r.authority === null ? null : Math.round(r.authority * 10) / 10,
    firstSeen: new Date(r.firstSeen).toISOString(),
    relevance: null,
  };
}
