/**
 * What a ledger holds, on one screen (the dashboard's start, `GET /api/v1/ledger`): counts, links per
 * source, the last rank run and the domains with the highest authority. `suggestedTarget` is the top
 * domain by authority: the most linked-to site of the ledger in PageRank's sense, a sensible first target
 * to look at (null before `linkledger rank`).
 */
import type { AuthorityRun } from '../../core/ledger/authority.ts';
import type { LedgerStore, StoreCounts } from '../../core/ledger/store.ts';

export interface LedgerOverview {
  counts: StoreCounts;
  sources: { source: string; links: number }[];
  authorityRun: AuthorityRun | null;
  /** Domains by authority (0-100, one decimal), highest first. */
  topDomains: { key: string; score: number }[];
  suggestedTarget: string | null;
}

export async function ledgerOverview(store: LedgerStore, top = 20): Promise<LedgerOverview> {
  const counts = await store.counts();
  const sources = await store.sources();
  const authorityRun = await store.authorityRun();
  const topDomains =
    authorityRun === null
      ? []
      : (await store.topAuthority('domain', top)).map((s) => ({
          key: s.key,
          score: Math.round(s.score * 10) / 10,
        }));
  return { counts, sources, authorityRun, topDomains, suggestedTarget: topDomains[0]?.key ?? null };
}
