/**
 * What a detector is, and the prepared view of the input every detector reads.
 *
 * A detector looks at the whole profile (many rules are about groups of links or domains) and returns
 * findings: a link (by its index in `input.backlinks`), a severity in (0, 1] and the evidence in words. It
 * never scores; assess.ts turns findings into weighted reasons. When the facts it needs are missing it
 * returns `{ unavailable: why }` instead of guessing.
 *
 * Keys: domains, hosts and the target domain are compared in lower case. Links from the target's own
 * domain are internal links, not backlinks: no detector sees them.
 */
import type { ToxicityConfig } from './config.ts';
import type { BacklinkInput, DomainFacts, PageFacts, ToxicityInput } from './model.ts';
import type { ReasonCode } from './reasons.ts';

export interface Finding {
  readonly link: number;
  /** In (0, 1]: how strongly this link shows the pattern; 1 for yes/no rules. */
  readonly severity: number;
  readonly evidence: string;
}

export type DetectorOutcome = { readonly findings: readonly Finding[] } | { readonly unavailable: string };

export interface Detector {
  readonly code: ReasonCode;
  detect(view: ToxicityView, config: ToxicityConfig): DetectorOutcome;
}

export interface ToxicityView {
  readonly input: ToxicityInput;
  readonly targetDomain: string;
  /** Indexes of the backlinks from other domains than the target's. */
  readonly external: readonly number[];
  /** Referring domain (lower case) -> indexes of its backlinks. */
  readonly linksByDomain: ReadonlyMap<string, readonly number[]>;
  /** Linking page facts by URL. */
  readonly pages: ReadonlyMap<string, PageFacts>;
  /** Referring domain facts by domain (lower case). */
  readonly domains: ReadonlyMap<string, DomainFacts>;
  link(index: number): BacklinkInput;
  domainOf(index: number): string;
}

export function buildView(input: ToxicityInput): ToxicityView {
  const targetDomain = input.target.domain.toLowerCase();
  const external: number[] = [];
  const linksByDomain = new Map<string, number[]>();
  const domainKeys: string[] = [];
  input.backlinks.forEach((link, index) => {
    const domain = link.sourceDomain.toLowerCase();
    domainKeys.push(domain);
    if (domain === targetDomain) return;
    external.push(index);
    let list = linksByDomain.get(domain);
    if (!list) {
      list = [];
      linksByDomain.set(domain, list);
    }
    list.push(index);
  });
  const pages = new Map<string, PageFacts>();
  for (const page of input.pages ?? []) pages.set(page.url, page);
  const domains = new Map<string, DomainFacts>();
  for (const facts of input.domains ?? []) domains.set(facts.domain.toLowerCase(), facts);
  return {
    input,
    targetDomain,
    external,
    linksByDomain,
    pages,
    domains,
    link: (index) => input.backlinks[index]!,
    domainOf: (index) => domainKeys[index]!,
  };
}

/** One finding per backlink of `domain`. */
export function findingsForDomain(
  view: ToxicityView,
  domain: string,
  severity: number,
  evidence: string,
): Finding[] {
  return (view.linksByDomain.get(domain) ?? []).map((link) => ({ link, severity, evidence }));
}

/** `a.com, b.com, c.com and 7 more` (the first `max` names, sorted). */
export function listNames(names: Iterable<string>, max = 3): string {
  const sorted = [...names].sort();
  const shown = sorted.slice(0, max).join(', ');
  return sorted.length > max ? `${shown} and ${sorted.length - max} more` : shown;
}

/**
 * Linear severity: `atThreshold` (config.severityAtThreshold) at `threshold`, 1 at `saturation` and
 * beyond, never below `atThreshold`.
 */
export function rampSeverity(
  value: number,
  threshold: number,
  saturation: number,
  atThreshold: number,
): number {
  if (saturation <= threshold) return 1;
  const t = (value - threshold) / (saturation - threshold);
  return Math.min(1, Math.max(atThreshold, atThreshold + (1 - atThreshold) * t));
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}
