/**
 * Spam mass of every domain of the ledger against a trusted seed set (`toxic --trusted FILE`): the share
 * of a domain's PageRank that does not come from the trusted domains (core/rank/spam-mass.ts, Gyöngyi et
 * al. 2006), on the same domain graph `linkledger rank` uses (live followed hyperlinks, each linking domain
 * once per target domain, technical hosts left out). Spam mass only means something relative to seeds
 * the user trusts, which is why nothing computes it without them.
 */
import { transposeCsr } from '../../core/graph/transpose.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { linkAuthority } from '../../core/rank/link-authority.ts';
import { spamMass } from '../../core/rank/spam-mass.ts';
import { registrableDomain } from '../../core/url/host-keys.ts';
import { loadLedgerGraph } from '../ledger/rank-ledger.ts';

export interface DomainSpamMass {
  /** Per domain: relative spam mass in [0, 1], and PageRank x domain count (1 = the average domain). */
  byDomain: Map<string, { spamMass: number; pagerank: number }>;
  /** Trusted domains given that are not in the ledger's domain graph. */
  unknownSeeds: string[];
}

export async function domainSpamMass(
  store: LedgerStore,
  trusted: readonly string[],
): Promise<DomainSpamMass> {
  const graph = await loadLedgerGraph(store);
  const domains = linkAuthority(graph).domain;
  const index = new Map(domains.labels.map((label, i) => [label, i]));
  const seeds: number[] = [];
  const unknownSeeds: string[] = [];
  for (const raw of trusted) {
    const domain = registrableDomain(
      raw
        .trim()
        .toLowerCase()
        .replace(/^domain:/, ''),
    );
    const id = index.get(domain);
    if (id === undefined) unknownSeeds.push(raw);
    else seeds.push(id);
  }
  const byDomain = new Map<string, { spamMass: number; pagerank: number }>();
  if (seeds.length === 0) return { byDomain, unknownSeeds };
  const result = spamMass(transposeCsr(domains.graph), seeds);
  const n = domains.labels.length;
  domains.labels.forEach((label, i) => {
    byDomain.set(label, { spamMass: result.relative[i]!, pagerank: result.pagerank.scores[i]! * n });
  });
  return { byDomain, unknownSeeds };
}
