/**
 * Whether a crawler may fetch a URL (RFC 9309 as Google's matcher decides it):
 *   - the crawler's groups (select.ts) give the rules; the path is path + params + query (url-path.ts);
 *   - the rule with the longest pattern that matches wins; between an allow and a disallow of the same
 *     length, allow wins; no matching rule (or only empty patterns): allowed;
 *   - Google-specific: `Allow: /dir/index.htm[l]` also allows `/dir/` itself (as `Allow: /dir/$`);
 *   - `/robots.txt` itself is always allowed.
 * Robots are checked for every URL of a crawl, so the rules of each parsed file are compiled once per
 * product token (cached against the parsed object, which stays plain data) and sorted by priority: the
 * first rule that matches decides.
 */
import type { RobotsRule, RobotsTxt } from './model.ts';
import { compilePattern, type PathPredicate } from './pattern.ts';
import { groupsForToken } from './select.ts';
import { pathParamsQuery } from './url-path.ts';
import { productToken } from './user-agent.ts';

interface CompiledRule {
  readonly allow: boolean;
  /** Pattern length: Google's match priority. */
  readonly priority: number;
  readonly test: PathPredicate;
  /** The rule of the file this came from. */
  readonly rule: RobotsRule;
}

const compiledByRobots = new WeakMap<RobotsTxt, Map<string, readonly CompiledRule[]>>();

function compileRule(rule: RobotsRule, pattern: string): CompiledRule {
  return { allow: rule.type === 'allow', priority: pattern.length, test: compilePattern(pattern), rule };
}

/** The sorted, compiled rules a crawler with this (lower-case) token obeys. */
function rulesFor(robots: RobotsTxt, token: string): readonly CompiledRule[] {
  let byToken = compiledByRobots.get(robots);
  if (byToken === undefined) {
    byToken = new Map();
    compiledByRobots.set(robots, byToken);
  }
  const cached = byToken.get(token);
  if (cached !== undefined) return cached;

  const compiled: CompiledRule[] = [];
  for (const group of groupsForToken(robots, token)) {
    for (const rule of group.rules) {
      // An empty pattern matches with priority 0, which never decides.
      if (rule.pattern === '') continue;
      compiled.push(compileRule(rule, rule.pattern));
      if (rule.type === 'allow') {
        // Google: 'index.htm' and 'index.html' are normalised to the directory.
        const slash = rule.pattern.lastIndexOf('/');
        if (slash !== -1 && rule.pattern.startsWith('/index.htm', slash)) {
          compiled.push(compileRule(rule, `${rule.pattern.slice(0, slash + 1)}$`));
        }
      }
    }
  }
  compiled.sort((a, b) => b.priority - a.priority || Number(b.allow) - Number(a.allow));
  byToken.set(token, compiled);
  return compiled;
}

/**
 * The rule that decides for this crawler and URL, or null when none does (then the URL is allowed).
 * `url` is used as given (not normalised): pass it percent-encoded, as it is requested.
 */
export function matchingRule(robots: RobotsTxt, userAgent: string, url: string): RobotsRule | null {
  const path = pathParamsQuery(url);
  if (path === '/robots.txt') return null;
  for (const rule of rulesFor(robots, productToken(userAgent).toLowerCase())) {
    if (rule.test(path)) return rule.rule;
  }
  return null;
}

/** Whether a crawler with this User-Agent (its product token is what counts) may fetch `url`. */
export function isAllowed(robots: RobotsTxt, userAgent: string, url: string): boolean {
  return matchingRule(robots, userAgent, url)?.type !== 'disallow';
}
