/**
 * `linkledger pages TARGET --broken`: target pages whose latest capture answered 4xx that live external
 * links still point at (core/ledger/broken-pages.ts), most referring domains first, each with its best
 * linking pages and their domain authority: the links to reclaim with a redirect or a restored page.
 */
import type { LedgerKind } from '../../core/ledger/model.ts';
import { paging } from '../../core/ledger/query.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import type { Placement } from '../../core/link/link.ts';
import { filterOf, type ReportRequest } from './reports.ts';

export interface BrokenPageReportRow {
  /** The broken target page. */
  targetUrl: string;
  /** HTTP status of its latest decisive capture (4xx). */
  status: number;
  /** When that capture was made (ISO). */
  checkedAt: string;
  refdomains: number;
  links: number;
  dofollowLinks: number;
  firstSeen: string;
  lastSeen: string;
  /** The best linking pages (followed, in content, an `<a>`, oldest first), at most `bestPages`. */
  bestLinks: {
    sourceUrl: string;
    sourceDomain: string;
    anchor: string;
    kind: LedgerKind;
    dofollow: boolean;
    placement: Placement;
    firstSeen: string;
    /** Domain authority (0-100) of the linking domain from the last `linkledger rank`; null if not ranked. */
    sourceDomainAuthority: number | null;
  }[];
}

const iso = (t: number) => new Date(t).toISOString();

export async function reportBrokenPages(
  store: LedgerStore,
  req: Omit<ReportRequest, 'status' | 'order'> & { bestPages?: number },
): Promise<BrokenPageReportRow[]> {
  const { limit, offset } = paging(req, 'desc');
  const rows = await store.brokenPages({
    ...filterOf({ ...req, status: 'live' }),
    limit,
    offset,
    bestPages: req.bestPages ?? 3,
  });
  const domains = await store.authorityOf(
    'domain',
    rows.flatMap((r) => r.best.map((b) => b.sourceDomain)),
  );
  const authority = (domain: string) => {
    const score = domains.get(domain)?.score;
    return score === undefined ? null : Math.round(score * 10) / 10;
  };
  return rows.map((r) => ({
    targetUrl: r.targetUrl,
    status: r.status,
    checkedAt: iso(r.checkedAt),
    refdomains: r.refdomains,
    links: r.links,
    dofollowLinks: r.dofollowLinks,
    firstSeen: iso(r.firstSeen),
    lastSeen: iso(r.lastSeen),
    bestLinks: r.best.map((b) => ({
      sourceUrl: b.sourceUrl,
      sourceDomain: b.sourceDomain,
      anchor: b.anchor,
      kind: b.kind,
      dofollow: b.followed,
      placement: b.placement,
      firstSeen: iso(b.firstSeen),
      sourceDomainAuthority: authority(b.sourceDomain),
    })),
  }));
}
