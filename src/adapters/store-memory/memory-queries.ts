/**
 * Report queries over in-memory links: the reference semantics the DuckDB adapter's SQL must match (the
 * contract suite compares them). Strings sort by code point, which is the byte order of UTF-8 that DuckDB
 * uses; every sort ends with tie-breakers so both backends return the same rows in the same order.
 */

import type { EpochMs, StoredLink } from '../../core/ledger/model.ts';
import type { LinkFilter, Paging, ProfileQuery } from '../../core/ledger/query.ts';
import type { NamedCount, ProfileFigures, WindowCounts } from '../../core/ledger/rows.ts';

const DAY_MS = 86_400_000;

export function matchesFilter(link: StoredLink, f: LinkFilter, ignoreStatus = false): boolean {
  const t = f.target;
  switch (t.scope) {
    case 'url':
      if (!t.values.includes(link.targetUrl)) return false;
      break;
    case 'prefix':
      if (!t.values.some((p) => link.targetUrl.startsWith(p))) return false;
      break;
    case 'host':
      if (!t.values.includes(link.targetHost)) return false;
      break;
    case 'domain':
      if (!t.values.includes(link.targetDomain)) return false;
      break;
  }
  if (!f.includeInternal && link.sourceDomain === link.targetDomain) return false;
  if (f.dofollowOnly && !link.followed) return false;
  if (f.kinds !== null && !f.kinds.includes(link.kind)) return false;
  if (f.placements !== null && !f.placements.includes(link.placement)) return false;
  if (!ignoreStatus && f.status === 'live' && link.lostAt !== null) return false;
  if (!ignoreStatus && f.status === 'lost' && link.lostAt === null) return false;
  if (f.firstSeenSince !== null && link.firstSeen < f.firstSeenSince) return false;
  return true;
}

/** Code-point order (= UTF-8 byte order), unlike `<` on strings which compares UTF-16 code units. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

type Key = string | number | boolean | null;

/** Compares by keys; `desc` flags per key; nulls last whatever the direction. */
export function compareKeys(a: readonly Key[], b: readonly Key[], desc: readonly boolean[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    let c: number;
    if (typeof x === 'string' && typeof y === 'string') c = compareText(x, y);
    else c = Number(x) < Number(y) ? -1 : 1;
    return desc[i] ? -c : c;
  }
  return 0;
}

export function page<T>(rows: T[], p: Paging): T[] {
  return rows.slice(p.offset, p.offset + p.limit);
}

export function linkOrderKeys(l: StoredLink): Key[] {
  return [l.sourceUrl, l.targetUrl, l.kind, l.followed];
}

interface Group {
  links: number;
  domains: Set<string>;
}

function countBy(links: readonly StoredLink[], keyOf: (l: StoredLink) => string): NamedCount[] {
  const groups = new Map<string, Group>();
  for (const l of links) {
    const key = keyOf(l);
    let g = groups.get(key);
    if (!g) {
      g = { links: 0, domains: new Set() };
      groups.set(key, g);
    }
    g.links += 1;
    g.domains.add(l.sourceDomain);
  }
  return [...groups]
    .map(([name, g]) => ({ name, links: g.links, refdomains: g.domains.size }))
    .sort((a, b) => compareKeys([a.links, a.name], [b.links, b.name], [true, false]));
}

export function tldOf(domain: string): string {
  const dot = domain.lastIndexOf('.');
  return dot === -1 ? domain : domain.slice(dot + 1);
}

export function profileOf(all: readonly StoredLink[], q: ProfileQuery): ProfileFigures {
  const links = all.filter((l) => matchesFilter(l, q, true));
  const live = links.filter((l) => l.lostAt === null);
  const domains = countBy(live, (l) => l.sourceDomain);
  return {
    links: { total: links.length, live: live.length, lost: links.length - live.length },
    dofollowLinks: live.filter((l) => l.followed).length,
    refdomains: domains.length,
    refpages: new Set(live.map((l) => l.sourceUrl)).size,
    kinds: countBy(live, (l) => l.kind),
    placements: countBy(live, (l) => l.placement),
    tlds: countBy(live, (l) => tldOf(l.sourceDomain)).slice(0, q.top),
    topDomains: domains.slice(0, q.top),
    last30Days: windowCounts(links, q.now - 30 * DAY_MS),
    last90Days: windowCounts(links, q.now - 90 * DAY_MS),
  };
}

/** New: first seen since `since`. Lost: lost since `since`. A domain is new when its first link is; lost when none of its links is live and its last loss is recent. */
function windowCounts(links: readonly StoredLink[], since: EpochMs): WindowCounts {
  const firstByDomain = new Map<string, EpochMs>();
  const liveDomains = new Set<string>();
  const lastLossByDomain = new Map<string, EpochMs>();
  let newLinks = 0;
  let lostLinks = 0;
  for (const l of links) {
    if (l.firstSeen >= since) newLinks += 1;
    if (l.lostAt !== null && l.lostAt >= since) lostLinks += 1;
    const first = firstByDomain.get(l.sourceDomain);
    if (first === undefined || l.firstSeen < first) firstByDomain.set(l.sourceDomain, l.firstSeen);
    if (l.lostAt === null) liveDomains.add(l.sourceDomain);
    else if ((lastLossByDomain.get(l.sourceDomain) ?? -Infinity) < l.lostAt)
      lastLossByDomain.set(l.sourceDomain, l.lostAt);
  }
  let newRefdomains = 0;
  for (const first of firstByDomain.values()) if (first >= since) newRefdomains += 1;
  let lostRefdomains = 0;
  for (const [domain, at] of lastLossByDomain)
    if (!liveDomains.has(domain) && at >= since) lostRefdomains += 1;
  return { newLinks, lostLinks, newRefdomains, lostRefdomains };
}
