/**
 * `linkledger history TARGET`: per day, ISO week or month (UTC), the new and lost links (lost ones by
 * reason, rel changes apart), the new and lost referring domains, and the live links and referring domains
 * at the end of each period. Definitions: core/ledger/history.ts. Thin over the store: the store counts
 * events per period, this fills the periods without events and keeps the running totals.
 */
import { UsageError } from '../../core/errors.ts';
import {
  type HistoryBucket,
  type HistoryPeriod,
  nextPeriodStart,
  noReasons,
  periodStart,
} from '../../core/ledger/history.ts';
import type { EpochMs, LostReason } from '../../core/ledger/model.ts';
import { MAX_LIMIT } from '../../core/ledger/query.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { filterOf, type ReportRequest } from './reports.ts';

export interface HistoryRequest
  extends Omit<ReportRequest, 'status' | 'limit' | 'offset' | 'order' | 'firstSeenSince'> {
  /** Default `month`. */
  by?: HistoryPeriod;
  /**
   * First period shown: the one holding this time (epoch ms or `YYYY-MM-DD`); default the first period with
   * a link. Older links still count in the running totals.
   */
  since?: EpochMs | string | null;
  /** The last period shown holds `now` (or the newest event, when later). */
  now: EpochMs;
}

export interface HistoryReportRow {
  /** ISO time of the period's first millisecond (UTC). */
  period: string;
  newLinks: number;
  lostLinks: number;
  /** Lost links by reason (every reason, 0 included). */
  lostByReason: Record<LostReason, number>;
  /** Links lost because they turned nofollow or dofollow (their twin is among the new links). */
  relChanges: number;
  newRefdomains: number;
  lostRefdomains: number;
  /** Live links at the end of the period. */
  liveLinks: number;
  /** Referring domains with a live link at the end of the period. */
  liveRefdomains: number;
}

function sinceOf(since: EpochMs | string | null | undefined): EpochMs | null {
  if (since === undefined || since === null) return null;
  if (typeof since === 'number') return since;
  const t = Date.parse(since);
  if (Number.isNaN(t)) throw new UsageError(`not a date: ${since} (use YYYY-MM-DD)`);
  return t;
}

export async function reportHistory(store: LedgerStore, req: HistoryRequest): Promise<HistoryReportRow[]> {
  const by = req.by ?? 'month';
  const since = sinceOf(req.since);
  const buckets = await store.linkHistory({ ...filterOf({ ...req, status: 'all' }), by });
  if (buckets.length === 0) return [];
  const first = periodStart(since ?? buckets[0]!.start, by);
  const last = periodStart(Math.max(req.now, buckets[buckets.length - 1]!.start), by);
  let liveLinks = 0;
  let liveRefdomains = 0;
  const apply = (b: HistoryBucket) => {
    liveLinks += b.newLinks - b.lostLinks;
    liveRefdomains += b.newRefdomains - b.lostRefdomains;
  };
  let i = 0;
  for (; i < buckets.length && buckets[i]!.start < first; i++) apply(buckets[i]!);
  const rows: HistoryReportRow[] = [];
  for (let start = first; start <= last; start = nextPeriodStart(start, by)) {
    if (rows.length === MAX_LIMIT)
      throw new UsageError(`more than ${MAX_LIMIT} periods: use a longer --by or a later --since`);
    const b = buckets[i]?.start === start ? buckets[i++]! : null;
    if (b !== null) apply(b);
    const lostByReason = b?.lostByReason ?? noReasons();
    rows.push({
      period: new Date(start).toISOString(),
      newLinks: b?.newLinks ?? 0,
      lostLinks: b?.lostLinks ?? 0,
      lostByReason: { ...lostByReason },
      relChanges: lostByReason['became-nofollow'] + lostByReason['became-dofollow'],
      newRefdomains: b?.newRefdomains ?? 0,
      lostRefdomains: b?.lostRefdomains ?? 0,
      liveLinks,
      liveRefdomains,
    });
  }
  return rows;
}
