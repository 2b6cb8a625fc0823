/**
 * The non-rule lines a crawler uses: `Crawl-delay` (not in RFC 9309 and ignored by Google; Bing and
 * Yandex honour it, and a polite crawler should) and `Sitemap` (global, wherever it appears).
 */
import type { RobotsTxt } from './model.ts';
import { groupsFor } from './select.ts';

/**
 * The crawl delay in seconds for a crawler (from its groups, chosen as for the rules), or null when its
 * groups set none. Several values (merged groups, repeated lines): the largest, the politest reading.
 */
export function crawlDelaySeconds(robots: RobotsTxt, userAgent: string): number | null {
  let delay: number | null = null;
  for (const group of groupsFor(robots, userAgent)) {
    if (group.crawlDelay !== null) delay = Math.max(delay ?? 0, group.crawlDelay);
  }
  return delay;
}

/** The `Sitemap:` URLs, as written, in file order, without duplicates. */
export function sitemaps(robots: RobotsTxt): readonly string[] {
  return robots.sitemaps;
}
