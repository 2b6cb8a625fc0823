/**
 * The memory store's change and competition queries (history, gap, broken pages) and the page facts of the
 * quality score: the reference semantics the DuckDB queries (store-duckdb/change-queries.ts) must match.
 */
import { analyticsIdList } from '../../core/ledger/analytics-ids.ts';
import type { AuthorityScore } from '../../core/ledger/authority.ts';
import type { BrokenPageQuery, BrokenPageRow } from '../../core/ledger/broken-pages.ts';
import type { GapDomainRow, GapQuery } from '../../core/ledger/gap.ts';
import { type HistoryBucket, type HistoryQuery, historyBuckets } from '../../core/ledger/history.ts';
import type { StoredLink, StoredPage } from '../../core/ledger/model.ts';
import type { PageFacts } from '../../core/ledger/page-facts.ts';
import type { LinkFilter } from '../../core/ledger/query.ts';
import { compareKeys, matchesFilter } from './memory-queries.ts';
import { bestKeys } from './memory-store.ts';

export function historyOf(links: Iterable<StoredLink>, q: HistoryQuery): HistoryBucket[] {
  const matching: StoredLink[] = [];
  for (const l of links) if (matchesFilter(l, q, true)) matching.push(l);
  return historyBuckets(matching, q.by);
}

function counted(l: StoredLink, q: GapQuery): boolean {
  return (
    l.lostAt === null &&
    l.sourceDomain !== l.targetDomain &&
    (q.kinds === null || q.kinds.includes(l.kind)) &&
    l.sourceDomain !== q.targetDomain
  );
}

export function gapOf(
  links: Iterable<StoredLink>,
  q: GapQuery,
  domainAuthority: (domains: string[]) => Map<string, AuthorityScore>,
): GapDomainRow[] {
  const keyOf = (l: StoredLink) => (q.scope === 'domain' ? l.targetDomain : l.targetHost);
  const index = new Map(q.competitors.map((c, i) => [c, i]));
  const linksTarget = new Set<string>();
  const found = new Map<string, { links: number[]; firstSeen: number }>();
  for (const l of links) {
    if (!counted(l, q)) continue;
    const key = keyOf(l);
    if (key === q.target) {
      linksTarget.add(l.sourceDomain);
      continue;
    }
    const i = index.get(key);
    if (i === undefined || (q.dofollowOnly && !l.followed)) continue;
    let d = found.get(l.sourceDomain);
    if (d === undefined) {
      d = { links: q.competitors.map(() => 0), firstSeen: l.firstSeen };
      found.set(l.sourceDomain, d);
    }
    d.links[i]! += 1;
    d.firstSeen = Math.min(d.firstSeen, l.firstSeen);
  }
  const rows: GapDomainRow[] = [];
  for (const [domain, d] of found) {
    const competitors = d.links.filter((n) => n > 0).length;
    if (linksTarget.has(domain) || competitors < q.minCompetitors) continue;
    const totalLinks = d.links.reduce((a, b) => a + b, 0);
    rows.push({ domain, links: d.links, competitors, totalLinks, firstSeen: d.firstSeen, authority: null });
  }
  const scores = domainAuthority(rows.map((r) => r.domain));
  for (const r of rows) r.authority = scores.get(r.domain)?.score ?? null;
  const key = (r: GapDomainRow) => [r.competitors, r.authority, r.totalLinks, r.domain];
  rows.sort((a, b) => compareKeys(key(a), key(b), [true, true, true, false]));
  return rows.slice(q.offset, q.offset + q.limit);
}

export function brokenPagesOf(
  links: Iterable<StoredLink>,
  pages: ReadonlyMap<string, StoredPage>,
  q: BrokenPageQuery,
): BrokenPageRow[] {
  const groups = new Map<string, StoredLink[]>();
  for (const l of links) {
    if (!matchesFilter(l, q)) continue;
    const page = pages.get(l.targetUrl);
    if (page === undefined || page.state !== 'gone') continue;
    const list = groups.get(l.targetUrl) ?? [];
    list.push(l);
    groups.set(l.targetUrl, list);
  }
  const rows: BrokenPageRow[] = [];
  for (const [targetUrl, list] of groups) {
    const page = pages.get(targetUrl)!;
    const best: BrokenPageRow['best'] = [];
    const seen = new Set<string>();
    for (const l of [...list].sort((a, b) => compareKeys(bestKeys(a), bestKeys(b), []))) {
      if (best.length >= q.bestPages) break;
      if (seen.has(l.sourceUrl)) continue;
      seen.add(l.sourceUrl);
      const { sourceUrl, sourceDomain, anchor, kind, followed, placement, firstSeen } = l;
      best.push({ sourceUrl, sourceDomain, anchor, kind, followed, placement, firstSeen });
    }
    rows.push({
      targetUrl,
      status: page.status ?? 0,
      checkedAt: page.fetchedAt ?? 0,
      links: list.length,
      dofollowLinks: list.filter((l) => l.followed).length,
      refdomains: new Set(list.map((l) => l.sourceDomain)).size,
      firstSeen: Math.min(...list.map((l) => l.firstSeen)),
      lastSeen: Math.max(...list.map((l) => l.lastSeen)),
      best,
    });
  }
  const key = (r: BrokenPageRow) => [r.refdomains, r.links, r.targetUrl];
  rows.sort((a, b) => compareKeys(key(a), key(b), [true, true, false]));
  return rows.slice(q.offset, q.offset + q.limit);
}

export function pageFactsOf(page: StoredPage, links: Iterable<StoredLink>): PageFacts {
  let outlinks = 0;
  let externalOutlinks = 0;
  for (const l of links) {
    if (l.lostAt !== null) continue;
    outlinks += 1;
    if (l.targetDomain !== l.sourceDomain) externalOutlinks += 1;
  }
  const { status, state, lang, title, canonical, textDigest, remoteAddress } = page;
  const analyticsIds = analyticsIdList(page.analyticsIds);
  return {
    status,
    state,
    lang,
    title,
    canonical,
    textDigest,
    analyticsIds,
    remoteAddress,
    outlinks,
    externalOutlinks,
  };
}

export function linkingPagesOf(links: Iterable<StoredLink>, f: LinkFilter): Map<string, number> {
  const pages = new Map<string, Set<string>>();
  for (const l of links) {
    if (!matchesFilter(l, f)) continue;
    let set = pages.get(l.sourceDomain);
    if (set === undefined) {
      set = new Set();
      pages.set(l.sourceDomain, set);
    }
    set.add(l.sourceUrl);
  }
  return new Map([...pages].map(([domain, set]) => [domain, set.size]));
}
