/**
 * When to try a request again and how long to wait: 429 and the 5xx statuses that mean "busy, try later",
 * and network failures, with exponential backoff; `Retry-After` (seconds or an HTTP date) wins when the
 * server gives it. Pure: `now` is passed in.
 */
import type { FetchErrorKind } from './fetch-port.ts';

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
// Not timeouts: a server too slow to answer is not helped by asking again (and each try costs a full timeout).
const RETRY_ERRORS = new Set<FetchErrorKind>(['reset', 'connect']);

export function retryableStatus(status: number): boolean {
  return RETRY_STATUSES.has(status);
}

export function retryableError(kind: FetchErrorKind): boolean {
  return RETRY_ERRORS.has(kind);
}

/** Backoff before attempt `attempt + 1` (attempt 1 failed: 1 s, then 2 s, 4 s...). */
export function backoffMs(attempt: number, baseMs = 1_000): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}

/** Milliseconds to wait from a `Retry-After` value, or null when it is absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form (IMF-fixdate, RFC 850, asctime) names the month; without this, Date.parse reads
  // "1.5" or "-1" (not valid delay-seconds) as dates in 2001, i.e. "retry at once".
  if (!/[a-z]{3}/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
