/**
 * How numbers and dates read in every table: thousands separators, dates as YYYY-MM-DD (UTC, as the
 * ledger counts days), shares as percentages, and authority "not ranked" rather than a misleading 0.
 */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : integer.format(n);
}

export function formatDecimal(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : oneDecimal.format(n);
}

/** A share in [0, 1] as `96.9%`. */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share)
    ? '—'
    : `${oneDecimal.format(share * 100)}%`;
}

export const NOT_RANKED = 'not ranked';

/** Authority 0-100 with one decimal; null means no `linkledger rank` run covers it. */
export function formatAuthority(score: number | null | undefined): string {
  return score === null || score === undefined ? NOT_RANKED : oneDecimal.format(score);
}

/** `2020-08-01` from an ISO time or epoch ms; '—' when missing. */
export function formatDay(time: string | number | null | undefined): string {
  if (time === null || time === undefined || time === '') return '—';
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? String(time) : date.toISOString().slice(0, 10);
}

/** `2020-08-01 14:03` (UTC, as every date here; headers say so), for times where the minute matters. */
export function formatTime(time: string | null | undefined): string {
  if (!time) return '—';
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? time : date.toISOString().slice(0, 16).replace('T', ' ');
}

/** `2020-08` for monthly chart axes. */
export function formatMonth(time: string): string {
  return time.slice(0, 7);
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  // Short jobs are common (a rank of a small ledger): "0 s" would read as "did nothing".
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** `+1.2` / `-0.4` / `0.0` for authority moves. */
export function formatDelta(delta: number): string {
  const text = oneDecimal.format(Math.abs(delta));
  if (text === '0.0') return '0.0';
  return `${delta > 0 ? '+' : '−'}${text}`;
}

/** Raw PageRank values are tiny: scientific notation with 3 significant digits. */
export function formatRank(value: number): string {
  return Number.isFinite(value) ? value.toExponential(2) : '—';
}
