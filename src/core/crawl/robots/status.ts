/**
 * What a crawler does with the answer to `GET /robots.txt` (RFC 9309 section 2.3.1, and Google's
 * documented reading of it):
 *   - 2xx: parse the body (decode.ts, then parse.ts);
 *   - 3xx: the fetcher follows at least five redirects; a 3xx that still reaches this point means it gave
 *     up, and the file counts as unavailable;
 *   - 4xx, including 401 and 403 (RFC 9309 is explicit): unavailable, so everything is allowed;
 *   - 429 Too Many Requests, 5xx, or no answer at all (DNS, connection, timeout: 'unreachable'):
 *     unreachable, so everything is disallowed for now and the caller asks again later. Google treats 429
 *     as a server error too. Google also falls back to the last good copy, and after 30 days of errors
 *     allows everything when it has none: that memory is the caller's, this helper has no clock.
 * Any other status (1xx, out of range) is treated as unreachable: when in doubt, do not crawl.
 */
import type { RobotsTxt } from './model.ts';
import { parseRobots } from './parse.ts';

export type RobotsPolicy = 'parse' | 'allow-all' | 'disallow-all';

export function robotsForStatus(status: number | 'unreachable'): RobotsPolicy {
  if (status === 'unreachable' || !Number.isInteger(status)) return 'disallow-all';
  if (status >= 200 && status < 300) return 'parse';
  if (status >= 300 && status < 400) return 'allow-all';
  if (status === 429) return 'disallow-all';
  if (status >= 400 && status < 500) return 'allow-all';
  return 'disallow-all';
}

/** Parsed robots that allow every URL (no groups). */
export const ALLOW_ALL: RobotsTxt = parseRobots('');

/** Parsed robots that disallow every URL for every crawler (except /robots.txt itself). */
export const DISALLOW_ALL: RobotsTxt = parseRobots('User-agent: *\nDisallow: /\n');

/** The robots a crawler obeys after fetching: the parsed body for 2xx, else ALLOW_ALL or DISALLOW_ALL. */
export function robotsFromFetch(status: number | 'unreachable', body: string): RobotsTxt {
  const policy = robotsForStatus(status);
  if (policy === 'parse') return parseRobots(body);
  return policy === 'allow-all' ? ALLOW_ALL : DISALLOW_ALL;
}
