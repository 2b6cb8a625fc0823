/**
 * The link history of a target (`linkledger history`): per period, new and lost links (lost ones by
 * reason), new and lost referring domains. Periods are UTC days, ISO weeks (starting Monday) or calendar
 * months. `historyBuckets` is the reference the stores' queries must match (the contract suite compares).
 *
 * A link is live during [firstSeen, lostAt): the ledger keeps a link's first sighting and its current loss
 * only, so a link that was lost and came back counts as live since its first sighting. A loss dated before
 * the first sighting (a vendor's report) is counted at the first sighting. A referring domain is new when
 * its number of live links to the target goes from none to some, and lost when it goes back to none (a
 * domain that returns later is new again); links that never counted (first seen and lost at once) move
 * neither.
 */
import { type EpochMs, LOST_REASONS, type LostReason } from './model.ts';
import type { LinkFilter } from './query.ts';

const DAY_MS = 86_400_000;

export const HISTORY_PERIODS = ['day', 'week', 'month'] as const;
export type HistoryPeriod = (typeof HISTORY_PERIODS)[number];

/** The links of a filter (its `status` is ignored: history looks at live and lost links), per period. */
export interface HistoryQuery extends LinkFilter {
  by: HistoryPeriod;
}

/** One period with something in it. */
export interface HistoryBucket {
  /** The period's first millisecond (UTC). */
  start: EpochMs;
  newLinks: number;
  lostLinks: number;
  lostByReason: Record<LostReason, number>;
  newRefdomains: number;
  lostRefdomains: number;
}

/** The start of the period holding `t`: UTC midnight, the Monday of its ISO week, the 1st of its month. */
export function periodStart(t: EpochMs, by: HistoryPeriod): EpochMs {
  const days = Math.floor(t / DAY_MS);
  switch (by) {
    case 'day':
      return days * DAY_MS;
    case 'week':
      // 1970-01-01 was a Thursday: Monday-based weekday = (days + 3) mod 7.
      return (days - ((((days + 3) % 7) + 7) % 7)) * DAY_MS;
    case 'month': {
      const d = new Date(t);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
  }
}

/** The start of the period after the one starting at `start`. */
export function nextPeriodStart(start: EpochMs, by: HistoryPeriod): EpochMs {
  if (by === 'day') return start + DAY_MS;
  if (by === 'week') return start + 7 * DAY_MS;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export function noReasons(): Record<LostReason, number> {
  return Object.fromEntries(LOST_REASONS.map((r) => [r, 0])) as Record<LostReason, number>;
}

export interface HistoryLink {
  sourceDomain: string;
  firstSeen: EpochMs;
  lostAt: EpochMs | null;
  lostReason: LostReason | null;
}

/** A period with nothing in it yet. */
export function emptyBucket(start: EpochMs): HistoryBucket {
  return { start, newLinks: 0, lostLinks: 0, lostByReason: noReasons(), newRefdomains: 0, lostRefdomains: 0 };
}

/** Buckets of the given (already filtered) links, oldest first; periods without events are absent. */
export function historyBuckets(links: Iterable<HistoryLink>, by: HistoryPeriod): HistoryBucket[] {
  const buckets = new Map<EpochMs, HistoryBucket>();
  const at = (t: EpochMs): HistoryBucket => {
    const start = periodStart(t, by);
    let b = buckets.get(start);
    if (b === undefined) {
      b = emptyBucket(start);
      buckets.set(start, b);
    }
    return b;
  };
  // Per referring domain: time -> net change of its live links.
  const deltas = new Map<string, Map<EpochMs, number>>();
  const add = (domain: string, t: EpochMs, d: number) => {
    let m = deltas.get(domain);
    if (m === undefined) {
      m = new Map();
      deltas.set(domain, m);
    }
    m.set(t, (m.get(t) ?? 0) + d);
  };
  for (const l of links) {
    at(l.firstSeen).newLinks += 1;
    add(l.sourceDomain, l.firstSeen, 1);
    if (l.lostAt !== null) {
      const lost = Math.max(l.lostAt, l.firstSeen);
      const b = at(lost);
      b.lostLinks += 1;
      b.lostByReason[l.lostReason ?? 'removed'] += 1;
      add(l.sourceDomain, lost, -1);
    }
  }
  for (const byTime of deltas.values()) {
    let live = 0;
    for (const t of [...byTime.keys()].sort((a, b) => a - b)) {
      const before = live;
      live += byTime.get(t)!;
      if (before === 0 && live > 0) at(t).newRefdomains += 1;
      else if (before > 0 && live === 0) at(t).lostRefdomains += 1;
    }
  }
  return [...buckets.values()].sort((a, b) => a.start - b.start);
}
