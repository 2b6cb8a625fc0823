/**
 * Groups of referring domains that share something (a /24 network, an analytics account): the common part
 * of the network detectors. A domain may have several keys (two addresses, two ids); it is reported with
 * the largest group it belongs to.
 */
import { type Finding, findingsForDomain, listNames, rampSeverity, type ToxicityView } from './detector.ts';

export interface SharedGroupRule {
  readonly minDomains: number;
  /** Severity at minDomains (config.severityAtThreshold); 1 at four times minDomains. */
  readonly atThreshold: number;
  /** Evidence for `domain`, sharing `key` with `others`. */
  describe(domain: string, key: string, others: readonly string[]): string;
}

/** Findings for every link of every domain in a group of at least `minDomains` domains sharing a key. */
export function sharedKeyFindings(
  view: ToxicityView,
  keysByDomain: ReadonlyMap<string, ReadonlySet<string>>,
  rule: SharedGroupRule,
): Finding[] {
  const domainsByKey = new Map<string, string[]>();
  for (const [domain, keys] of keysByDomain) {
    for (const key of keys) {
      let list = domainsByKey.get(key);
      if (!list) {
        list = [];
        domainsByKey.set(key, list);
      }
      list.push(domain);
    }
  }
  const findings: Finding[] = [];
  for (const [domain, keys] of [...keysByDomain].sort((a, b) => a[0].localeCompare(b[0]))) {
    let bestKey: string | null = null;
    let best: string[] = [];
    for (const key of [...keys].sort()) {
      const group = domainsByKey.get(key)!;
      if (group.length > best.length) {
        best = group;
        bestKey = key;
      }
    }
    if (bestKey === null || best.length < rule.minDomains) continue;
    const others = best.filter((d) => d !== domain);
    const severity = rampSeverity(best.length, rule.minDomains, 4 * rule.minDomains, rule.atThreshold);
    findings.push(...findingsForDomain(view, domain, severity, rule.describe(domain, bestKey, others)));
  }
  return findings;
}

/** `with 9 other referring domains (a.com, b.com, c.com and 6 more)`. */
export function othersText(others: readonly string[]): string {
  return `with ${others.length} other referring domain${others.length === 1 ? '' : 's'} (${listNames(others)})`;
}
