/**
 * A parsed robots.txt (RFC 9309, read as Google's open-source parser reads it): plain data, so it can be
 * cached, compared in tests and shown to a user. Matching lives in match.ts; it compiles the rules of a
 * parsed file once, on first use.
 *
 * A group is the run of consecutive `user-agent` lines and the rules that follow them, up to the next
 * `user-agent` line that comes after a rule. Only `allow` and `disallow` lines end the list of agents: a
 * `sitemap`, `crawl-delay` or unknown line between two `user-agent` lines does not (Google's behaviour).
 */

export type RobotsRuleType = 'allow' | 'disallow';

export interface RobotsRule {
  readonly type: RobotsRuleType;
  /**
   * The path pattern as the matcher compares it: non-ASCII characters percent-encoded as UTF-8 (`%XX`,
   * upper case) and existing `%xx` escapes upper-cased (escape.ts). `*` matches any run of characters;
   * `$` at the very end anchors the pattern at the end of the path. Empty means "no rule" (an empty
   * `Disallow:` allows everything).
   */
  readonly pattern: string;
  /** 1-based line of the robots.txt body. */
  readonly line: number;
}

export interface RobotsGroup {
  /**
   * The product tokens the group is for, lower-case (`googlebot` for `User-agent: Googlebot/2.1`), or `*`
   * for the group every crawler without a group of its own obeys. A `user-agent` value with no product
   * token (`User-agent: /bot`) adds nothing here: no crawler can match it.
   */
  readonly agents: readonly string[];
  /** Allow and disallow rules in file order. */
  readonly rules: readonly RobotsRule[];
  /** The largest valid `crawl-delay` of the group in seconds, or null. Google ignores this line. */
  readonly crawlDelay: number | null;
  /** 1-based line of the group's first `user-agent` line. */
  readonly line: number;
}

/** What the parser saw (for diagnostics; Google's parser tests count the same things). */
export interface RobotsParseStats {
  /** Lines of the body (CR, LF and CRLF each end one line; a body without a final line end still has it). */
  readonly lines: number;
  /** `user-agent`, `allow`, `disallow`, `sitemap` and `crawl-delay` lines, wherever they are. */
  readonly directives: number;
  /** `key: value` lines whose key is none of those. Blank, comment and unparseable lines count as neither. */
  readonly unknown: number;
}

export interface RobotsTxt {
  readonly groups: readonly RobotsGroup[];
  /** `Sitemap:` URLs in file order, duplicates removed (they may appear anywhere, even before any group). */
  readonly sitemaps: readonly string[];
  readonly stats: RobotsParseStats;
}
