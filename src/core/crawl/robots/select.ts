/**
 * Which groups of a robots.txt a crawler obeys: every group naming its product token (case-insensitive,
 * merged when there are several), or, only when none does, every `*` group. A crawler whose token no
 * group names and a file without `*` groups: no group, everything allowed.
 */
import type { RobotsGroup, RobotsTxt } from './model.ts';
import { productToken } from './user-agent.ts';

/** The groups for a crawler's product token (already lower-case). */
export function groupsForToken(robots: RobotsTxt, token: string): RobotsGroup[] {
  if (token !== '') {
    const specific = robots.groups.filter((g) => g.agents.includes(token));
    if (specific.length > 0) return specific;
  }
  return robots.groups.filter((g) => g.agents.includes('*'));
}

/** The groups for a crawler's full User-Agent string (`linkledger/0.1 (+https://...)`). */
export function groupsFor(robots: RobotsTxt, userAgent: string): RobotsGroup[] {
  return groupsForToken(robots, productToken(userAgent).toLowerCase());
}
