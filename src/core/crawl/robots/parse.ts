/**
 * Parses a robots.txt body into groups and sitemaps (model.ts), following Google's open-source parser
 * (github.com/google/robotstxt, robots.cc) so that a URL is allowed exactly when Googlebot would fetch it:
 *   - consecutive `user-agent` lines share a group; a `user-agent` line after an allow/disallow rule starts
 *     a new one; `sitemap`, `crawl-delay`, unknown, blank and comment lines do not end a group;
 *   - allow/disallow/crawl-delay lines before any `user-agent` line are ignored;
 *   - rule patterns are escaped (escape.ts); user-agent and sitemap values are not;
 *   - lines, comments, separators and key typos as in lines.ts and directive.ts.
 * Several groups may name the same agent; match.ts merges them. Pure and total: any string parses.
 *
 * Size: RFC 9309 asks crawlers to parse at least the first 500 KiB (ROBOTS_MAX_BYTES in decode.ts); the
 * caller truncates the bytes there, and a cut final line is read like any other line.
 */
import { parseDirective } from './directive.ts';
import { escapePattern } from './escape.ts';
import { robotsLines } from './lines.ts';
import type { RobotsRule, RobotsTxt } from './model.ts';
import { groupAgentOf } from './user-agent.ts';

interface OpenGroup {
  agents: string[];
  rules: RobotsRule[];
  crawlDelay: number | null;
  line: number;
}

/** A crawl-delay value in seconds (`10`, `0.5`), or null when it is not a non-negative decimal number. */
export function parseCrawlDelay(value: string): number | null {
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(value)) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : null;
}

export function parseRobots(body: string): RobotsTxt {
  const groups: OpenGroup[] = [];
  const sitemaps = new Set<string>();
  let current: OpenGroup | null = null;
  // True once the current group has a rule: the next user-agent line then starts a new group.
  let groupHasRule = false;
  let directives = 0;
  let unknown = 0;

  const lines = robotsLines(body);
  for (let i = 0; i < lines.length; i++) {
    const directive = parseDirective(lines[i]!);
    if (directive === null) continue;
    const line = i + 1;
    if (directive.key === 'unknown') {
      unknown++;
      continue;
    }
    directives++;
    switch (directive.key) {
      case 'user-agent': {
        if (current === null || groupHasRule) {
          current = { agents: [], rules: [], crawlDelay: null, line };
          groups.push(current);
          groupHasRule = false;
        }
        const agent = groupAgentOf(directive.value);
        if (agent !== null && !current.agents.includes(agent)) current.agents.push(agent);
        break;
      }
      case 'allow':
      case 'disallow':
        if (current === null) break;
        current.rules.push({ type: directive.key, pattern: escapePattern(directive.value), line });
        groupHasRule = true;
        break;
      case 'crawl-delay': {
        const seconds = parseCrawlDelay(directive.value);
        if (current !== null && seconds !== null) {
          current.crawlDelay = Math.max(current.crawlDelay ?? 0, seconds);
        }
        break;
      }
      case 'sitemap':
        if (directive.value !== '') sitemaps.add(directive.value);
        break;
    }
  }
  return {
    groups,
    sitemaps: [...sitemaps],
    stats: { lines: lines.length, directives, unknown },
  };
}
