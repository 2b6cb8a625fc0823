/**
 * robots.txt per origin (scheme, host and port: RFC 9309 scopes a file to its origin), fetched once per
 * crawl and kept:
 *   - 2xx: parsed (the first 500 KiB); 4xx, or more than five redirects: everything allowed;
 *   - 429, 5xx, or no answer (DNS, connection, timeout): *unreachable*, everything disallowed for now. The
 *     crawl asks once more after `robotsRetryMs`; when that fails too, the origin's URLs are given up.
 * Redirects are followed (at most five, any host: RFC 9309 2.3.1.2) through the same safe fetcher, so a
 * robots.txt redirect to a private address is refused like any other request.
 */
import type { Fetcher } from '../../core/crawl/fetch-port.ts';
import { decodeRobotsBody, ROBOTS_MAX_BYTES } from '../../core/crawl/robots/decode.ts';
import type { RobotsTxt } from '../../core/crawl/robots/model.ts';
import { ALLOW_ALL, robotsForStatus, robotsFromFetch } from '../../core/crawl/robots/status.ts';
import { resolveUrl } from '../../core/url/normalize.ts';

export type RobotsEntry =
  | { state: 'ready'; robots: RobotsTxt; status: number }
  | { state: 'unreachable'; failures: number; reason: string };

const MAX_ROBOTS_REDIRECTS = 5;
/** Failures after which an origin's URLs are given up (one retry after `robotsRetryMs`). */
export const GIVE_UP = 2;

export class RobotsBook {
  private readonly entries = new Map<string, RobotsEntry>();
  private readonly loading = new Map<string, Promise<RobotsEntry>>();

  /** `pauseMs`: rest between two robots.txt requests to one host (a redirect hop on the same host). */
  constructor(
    private readonly fetcher: Fetcher,
    private readonly pauseMs = 0,
  ) {}

  get(origin: string): RobotsEntry | undefined {
    return this.entries.get(origin);
  }

  /** Fetches (or re-fetches, after an unreachable answer) the origin's robots.txt; concurrent calls share one fetch. */
  load(origin: string): Promise<RobotsEntry> {
    let pending = this.loading.get(origin);
    if (!pending) {
      pending = this.fetchRobots(origin).finally(() => this.loading.delete(origin));
      this.loading.set(origin, pending);
    }
    return pending;
  }

  private async fetchRobots(origin: string): Promise<RobotsEntry> {
    const previous = this.entries.get(origin);
    const failures = previous?.state === 'unreachable' ? previous.failures : 0;
    let url = `${origin}/robots.txt`;
    let entry: RobotsEntry | null = null;
    for (let hop = 0; hop <= MAX_ROBOTS_REDIRECTS && entry === null; hop++) {
      const result = await this.fetcher.fetch({
        url,
        purpose: 'robots',
        maxBodyBytes: ROBOTS_MAX_BYTES,
        maxDecodedBytes: ROBOTS_MAX_BYTES,
      });
      if (result.kind === 'failure') {
        // A refused address will not become allowed by asking again: give up at once.
        const final = result.error === 'blocked-address';
        entry = { state: 'unreachable', failures: final ? GIVE_UP : failures + 1, reason: result.error };
        break;
      }
      const next = result.headers.location;
      if (result.status >= 300 && result.status < 400 && next) {
        const target = resolveUrl(next, url);
        if (target === null) break;
        if (new URL(target).hostname === new URL(url).hostname && this.pauseMs > 0)
          await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
        url = target;
        continue;
      }
      if (robotsForStatus(result.status) === 'disallow-all') {
        entry = { state: 'unreachable', failures: failures + 1, reason: `http-${result.status}` };
      } else {
        const body = result.body === null ? '' : decodeRobotsBody(result.body);
        entry = { state: 'ready', robots: robotsFromFetch(result.status, body), status: result.status };
      }
    }
    // Out of redirects: RFC 9309 lets a crawler treat the file as unavailable (everything allowed).
    entry ??= { state: 'ready', robots: ALLOW_ALL, status: 310 };
    this.entries.set(origin, entry);
    return entry;
  }
}
