/**
 * High spam mass: referring domains whose PageRank comes mostly from outside the trusted part of the web.
 *
 * Spam mass (core/rank/spam-mass.ts; Gyöngyi, Berkhin, Garcia-Molina & Pedersen, VLDB 2006) is the share
 * of a node's PageRank that does not reach it from trusted seeds. Rule: a referring domain with relative
 * spam mass >= `minSpamMass` is flagged, provided its PageRank (`pagerank`, as PageRank x node count, when
 * given) is at least `minPagerank`. The paper applies the same filter: a node that only receives teleport
 * rank has a mass near 1 whatever it is, so mass means something only where there is rank to explain.
 * Thresholds (config.spamMass): minSpamMass 0.9, minPagerank 0.5 (a node that gets no links at all has
 * 0.15-0.4). Severity 0.75 at the threshold rising to 1 at a mass of 1.
 * Caution: relative mass depends on how much of the good web the seeds cover. With the uniform split of
 * spam-mass.ts, a node that no trusted page reaches has mass `1 - (|S|/N) * floor / p` (floor: the trust
 * every node receives through dangling pages), so it is 0.99 with a small seed set and ~0.9 when the
 * seeds are a quarter of the graph (bench/results/toxicity.md measures this on polblogs). The 0.9 default
 * assumes a large good core; lower it for larger cores, raise it for small ones.
 * Needs: `domains[].spamMass` (spam-mass.ts over the domain graph with a trusted seed set).
 */
import type { ToxicityConfig } from '../config.ts';
import {
  type Detector,
  type DetectorOutcome,
  type Finding,
  findingsForDomain,
  rampSeverity,
  type ToxicityView,
} from '../detector.ts';

export const highSpamMassDetector: Detector = {
  code: 'high-spam-mass',
  detect(view: ToxicityView, config: ToxicityConfig): DetectorOutcome {
    const { minSpamMass, minPagerank } = config.spamMass;
    let known = 0;
    const findings: Finding[] = [];
    for (const domain of view.linksByDomain.keys()) {
      const facts = view.domains.get(domain);
      const mass = facts?.spamMass;
      if (mass === null || mass === undefined || !Number.isFinite(mass)) continue;
      known++;
      if (mass < minSpamMass) continue;
      const pagerank = facts?.pagerank;
      const hasRank = pagerank !== null && pagerank !== undefined && Number.isFinite(pagerank);
      if (hasRank && pagerank < minPagerank) continue;
      const rankText = hasRank ? `, PageRank ${pagerank.toFixed(2)}x the average` : '';
      const evidence =
        `${domain} has a spam mass of ${mass.toFixed(2)}: ${Math.round(mass * 100)}% of its PageRank does ` +
        `not come from trusted sites${rankText} (flagged from ${minSpamMass})`;
      findings.push(
        ...findingsForDomain(
          view,
          domain,
          rampSeverity(mass, minSpamMass, 1, config.severityAtThreshold),
          evidence,
        ),
      );
    }
    if (known === 0)
      return { unavailable: 'no spam mass known for any referring domain (domains[].spamMass)' };
    return { findings };
  },
};
