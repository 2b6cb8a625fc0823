/**
 * Authority beside the report rows: the stored scores of the last `linkledger rank` run (0-100) for the
 * pages and domains a report lists, `null` where the ledger has no score (never ranked, or ranked before
 * the link arrived, or left out of the graph: a lost or technical link's page).
 *
 * reportBacklinks / reportRefDomains add these to every page of rows they return: one more store round trip
 * per page of rows (two lookups by key, whatever the page size).
 */
import type { TargetSelector } from '../../core/ledger/query.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { registrableDomain } from '../../core/url/host-keys.ts';

export interface BacklinkAuthority {
  /** Page authority of the source page. */
  sourceAuthority: number | null;
  /** Domain authority of the source page's registrable domain. */
  sourceDomainAuthority: number | null;
}

export interface RefDomainAuthority {
  /** Domain authority of the referring domain. */
  authority: number | null;
}

const rounded = (score: number | undefined): number | null =>
  score === undefined ? null : Math.round(score * 10) / 10;

export async function withBacklinkAuthority<R extends { sourceUrl: string; sourceDomain: string }>(
  store: LedgerStore,
  rows: readonly R[],
): Promise<(R & BacklinkAuthority)[]> {
  const pages = await store.authorityOf(
    'page',
    rows.map((r) => r.sourceUrl),
  );
  const domains = await store.authorityOf(
    'domain',
    rows.map((r) => r.sourceDomain),
  );
  return rows.map((r) => ({
    ...r,
    sourceAuthority: rounded(pages.get(r.sourceUrl)?.score),
    sourceDomainAuthority: rounded(domains.get(r.sourceDomain)?.score),
  }));
}

export async function withRefDomainAuthority<R extends { domain: string }>(
  store: LedgerStore,
  rows: readonly R[],
): Promise<(R & RefDomainAuthority)[]> {
  const domains = await store.authorityOf(
    'domain',
    rows.map((r) => r.domain),
  );
  return rows.map((r) => ({ ...r, authority: rounded(domains.get(r.domain)?.score) }));
}

/** The target's own authority at each level the target names (0-100, null where not ranked). */
export interface TargetAuthority {
  /** Page authority: url scope only (the best of the http/https spellings). */
  page: number | null;
  /** Host authority: url, prefix and host scopes, or the bare domain as a host for domain scope. */
  host: number | null;
  /** Domain authority of the target's registrable domain. */
  domain: number | null;
}

export async function targetAuthority(store: LedgerStore, target: TargetSelector): Promise<TargetAuthority> {
  const best = (found: Map<string, { score: number }>, keys: readonly string[]) => {
    const scores = keys.flatMap((k) => {
      const s = found.get(k)?.score;
      return s === undefined ? [] : [s];
    });
    return scores.length === 0 ? null : rounded(Math.max(...scores));
  };
  const hosts = target.scope === 'domain' ? target.values : target.hosts;
  const domains = [...new Set(hosts.map((h) => registrableDomain(h)))];
  const pages = target.scope === 'url' ? target.values : [];
  return {
    page: pages.length === 0 ? null : best(await store.authorityOf('page', pages), pages),
    host: hosts.length === 0 ? null : best(await store.authorityOf('host', hosts), hosts),
    domain: domains.length === 0 ? null : best(await store.authorityOf('domain', domains), domains),
  };
}
