/** When the crawler retries, and how long it waits: Retry-After (seconds or an HTTP-date) and backoff. */
import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs, retryableError, retryableStatus } from '../../../src/core/crawl/retry.ts';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);

describe('retryAfterMs', () => {
  it('is null without a header', () => {
    expect(retryAfterMs(undefined, NOW)).toBeNull();
  });

  it('reads delay-seconds, with surrounding spaces', () => {
    expect(retryAfterMs('120', NOW)).toBe(120_000);
    expect(retryAfterMs('  7 ', NOW)).toBe(7_000);
    expect(retryAfterMs('0', NOW)).toBe(0);
  });

  it('reads HTTP-dates (IMF-fixdate and the obsolete RFC 850 form) as the time left until then', () => {
    expect(retryAfterMs('Wed, 01 May 2024 12:01:30 GMT', NOW)).toBe(90_000);
    expect(retryAfterMs('Wednesday, 01-May-24 12:01:30 GMT', NOW)).toBe(90_000);
  });

  it('never waits a negative time for a date in the past', () => {
    expect(retryAfterMs('Wed, 01 May 2024 11:00:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(0);
  });

  it('is null for values that are neither delay-seconds nor a date', () => {
    for (const value of ['', 'soon', '12 seconds', '1e3', '3600abc']) {
      expect(retryAfterMs(value, NOW), value).toBeNull();
    }
  });

  it('is null for numbers that are not delay-seconds (not a date in 2001, not "retry now")', () => {
    // Date.parse alone reads these as dates in 2001 (which would mean "retry at once").
    for (const value of ['1.5', '-1', '-5', '30.0', '+5']) {
      expect(retryAfterMs(value, NOW), value).toBeNull();
    }
  });
});

describe('backoffMs', () => {
  it('doubles from one second per failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('treats attempt 0 (or less) like the first one', () => {
    expect(backoffMs(0)).toBe(1_000);
    expect(backoffMs(-3)).toBe(1_000);
  });

  it('scales with the base', () => {
    expect(backoffMs(3, 250)).toBe(1_000);
  });
});

describe('what is retried', () => {
  it('retries 429 and the busy 5xx statuses only', () => {
    for (const status of [429, 500, 502, 503, 504])
      expect(retryableStatus(status), String(status)).toBe(true);
    for (const status of [200, 301, 304, 400, 403, 404, 410, 501, 505, 599]) {
      expect(retryableStatus(status), String(status)).toBe(false);
    }
  });

  it('retries resets and refused connections, not timeouts, DNS or refused addresses', () => {
    expect(retryableError('reset')).toBe(true);
    expect(retryableError('connect')).toBe(true);
    for (const kind of ['timeout', 'dns', 'blocked-address', 'tls', 'protocol', 'other'] as const) {
      expect(retryableError(kind), kind).toBe(false);
    }
  });
});
