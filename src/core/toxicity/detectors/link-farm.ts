/**
 * Link farm: referring domains inside a dense, inward-looking cluster of mutual links.
 *
 * Rule. Build the reciprocal graph R over the referring domains: `u - v` when `domainLinks` holds both
 * `u -> v` and `v -> u` (links to the target are left out: every referring domain has one). For each
 * referring domain v, take v and its R-neighbours and peel greedily, as in Charikar's densest-subgraph
 * approximation ("Greedy approximation algorithms for finding dense components in a graph", 2000): while
 * some member other than v has fewer than `minDensity * (size - 1)` mutual ties inside the group, drop
 * the one with the fewest (ties broken by name); then grow the group back by any partner of a member that
 * is tied to at least `minDensity` of it. v's links are flagged when
 *   - the group has at least `minClusterSize` domains (v included),
 *   - at least `minDensity` of its pairs link both ways, and
 *   - at least `minInsideShare` of the members' links to other domains (the target left out) stay inside
 *     the group: the sites of a farm or an exchange ring link "exclusively for the sake of cross-linking".
 * The third test is what tells a farm from a real community. Around 106 of dailykos.com's 337 referring
 * blogs in polblogs, the first two tests find dense groups (6-22 blogs, 66-87% of pairs mutual), but they
 * keep only 5-25% of their links inside the group; a planted 30-site farm keeps 90% (bench/toxicity.ts).
 *
 * Thresholds (config.linkFarm): minClusterSize 6, minDensity 0.6, minInsideShare 0.5. Severity 0.75 at
 * minDensity rising to 1 for a complete group.
 * Cost: per referring domain O(d^2 + sum of its partners' degrees), d its number of mutual partners.
 * Needs: `domainLinks` among the referring domains and the target; links to other domains as well make
 * the inside share more exact (without them it is overestimated: up to 36% instead of 25% on polblogs).
 */
import type { ToxicityConfig } from '../config.ts';
import {
  type Detector,
  type DetectorOutcome,
  type Finding,
  findingsForDomain,
  listNames,
  percent,
  rampSeverity,
  type ToxicityView,
} from '../detector.ts';

export interface FarmGroup {
  /** Members, the domain itself included. */
  readonly members: readonly string[];
  readonly mutualPairs: number;
  readonly density: number;
}

export const linkFarmDetector: Detector = {
  code: 'link-farm',
  detect(view: ToxicityView, config: ToxicityConfig): DetectorOutcome {
    const edges = view.input.domainLinks;
    if (!edges || edges.length === 0) return { unavailable: 'no domain link graph (domainLinks) given' };
    const { minClusterSize, minDensity, minInsideShare } = config.linkFarm;
    const { outLinks, mutual } = linkGraphs(view, edges);
    const findings: Finding[] = [];
    for (const domain of [...mutual.keys()].sort()) {
      const group = denseGroupAround(domain, mutual, minDensity);
      if (group.members.length < minClusterSize || group.density < minDensity) continue;
      const inside = insideShare(group.members, outLinks);
      if (inside < minInsideShare) continue;
      const size = group.members.length;
      const pairs = (size * (size - 1)) / 2;
      const others = group.members.filter((m) => m !== domain);
      const evidence =
        `${domain} is one of ${size} referring domains (with ${listNames(others)}) where ` +
        `${percent(group.density)} of pairs (${group.mutualPairs} of ${pairs}) link to each other both ways and ` +
        `${percent(inside)} of their links to other sites stay inside the group (flagged from ` +
        `${minClusterSize} domains, ${percent(minDensity)} mutual pairs, ${percent(minInsideShare)} inside)`;
      findings.push(
        ...findingsForDomain(
          view,
          domain,
          rampSeverity(group.density, minDensity, 1, config.severityAtThreshold),
          evidence,
        ),
      );
    }
    return { findings };
  },
};

/** Share of the members' links to other domains (the target left out) that go to other members. */
function insideShare(members: readonly string[], outLinks: ReadonlyMap<string, ReadonlySet<string>>): number {
  const set = new Set(members);
  let inside = 0;
  let all = 0;
  for (const m of members) {
    for (const to of outLinks.get(m) ?? []) {
      all++;
      if (set.has(to)) inside++;
    }
  }
  return all === 0 ? 0 : inside / all;
}

/**
 * `outLinks`: every domain -> the domains it links to (self-links and links to the target left out);
 * `mutual`: referring domain -> its mutual-link partners among the referring domains.
 */
function linkGraphs(
  view: ToxicityView,
  edges: ReadonlyArray<{ from: string; to: string }>,
): { outLinks: Map<string, Set<string>>; mutual: Map<string, Set<string>> } {
  const outLinks = new Map<string, Set<string>>();
  for (const edge of edges) {
    const from = edge.from.toLowerCase();
    const to = edge.to.toLowerCase();
    if (from === to || to === view.targetDomain) continue;
    let targets = outLinks.get(from);
    if (!targets) {
      targets = new Set();
      outLinks.set(from, targets);
    }
    targets.add(to);
  }
  const mutual = new Map<string, Set<string>>();
  for (const [from, targets] of outLinks) {
    if (!view.linksByDomain.has(from)) continue;
    for (const to of targets) {
      if (!view.linksByDomain.has(to) || !outLinks.get(to)?.has(from)) continue;
      let partners = mutual.get(from);
      if (!partners) {
        partners = new Set();
        mutual.set(from, partners);
      }
      partners.add(to);
    }
  }
  return { outLinks, mutual };
}

/** The greedy dense core around `domain` (see the header); exported for tests. */
export function denseGroupAround(
  domain: string,
  mutual: ReadonlyMap<string, ReadonlySet<string>>,
  minDensity: number,
): FarmGroup {
  const members = new Set([domain, ...(mutual.get(domain) ?? [])]);
  const ties = new Map<string, number>();
  for (const m of members) {
    let count = 0;
    for (const partner of mutual.get(m) ?? []) if (members.has(partner)) count++;
    ties.set(m, count);
  }
  for (;;) {
    let weakest: string | null = null;
    let fewest = Number.POSITIVE_INFINITY;
    for (const m of members) {
      if (m === domain) continue;
      const t = ties.get(m)!;
      if (t < fewest || (t === fewest && weakest !== null && m < weakest)) {
        weakest = m;
        fewest = t;
      }
    }
    if (weakest === null || fewest >= minDensity * (members.size - 1)) break;
    members.delete(weakest);
    for (const partner of mutual.get(weakest) ?? []) {
      if (members.has(partner)) ties.set(partner, ties.get(partner)! - 1);
    }
  }
  // Grow: add back outside partners tied to at least minDensity of the group (the best first), so a
  // member whose own partners miss a few of the group still reports the whole group.
  for (;;) {
    let best: string | null = null;
    let bestTies = -1;
    for (const m of members) {
      for (const candidate of mutual.get(m) ?? []) {
        if (members.has(candidate)) continue;
        let count = 0;
        for (const partner of mutual.get(candidate) ?? []) if (members.has(partner)) count++;
        if (count > bestTies || (count === bestTies && best !== null && candidate < best)) {
          best = candidate;
          bestTies = count;
        }
      }
    }
    if (best === null || bestTies < minDensity * members.size) break;
    members.add(best);
    ties.set(best, bestTies);
    for (const partner of mutual.get(best) ?? []) {
      if (partner !== best && members.has(partner)) ties.set(partner, ties.get(partner)! + 1);
    }
  }
  let tieSum = 0;
  for (const m of members) tieSum += ties.get(m)!;
  const mutualPairs = tieSum / 2;
  const size = members.size;
  const density = size < 2 ? 0 : mutualPairs / ((size * (size - 1)) / 2);
  return { members: [...members].sort(), mutualPairs, density };
}
