/**
 * Every threshold and weight of the toxicity audit, in one documented object a user can read, reproduce
 * and override (`resolveToxicityConfig` merges any subset; arrays are replaced, not merged).
 *
 * Scoring (assess.ts): a finding of detector `code` with severity `s` in (0, 1] becomes a reason of weight
 * `weights[code] * s`; a link's score is `100 * (1 - prod(1 - weight))` (independent evidence: two weak
 * reasons make a stronger case than either, and the score never passes 100). A link is flagged at
 * `flagScore` (50). Weights are judgement calls: the patterns that are schemes by themselves (a link farm,
 * a paid anchor on a followed link) flag a link alone (weight x severity at the threshold >= 0.5); the
 * circumstantial ones (a foreign-language page, one shared /24, a directory page, a sitewide footer link,
 * one keyword anchor) weigh 0.3-0.5 and flag a link only together with a second reason. The defaults of
 * each detector are explained beside its field and in the detector's header.
 */
import { ANCHOR_TERMS, DISCLOSURE_PHRASES } from './paid-lexicon.ts';
import type { ReasonCode } from './reasons.ts';

export interface ToxicityConfig {
  /** Score (0-100) at which a link is flagged. */
  readonly flagScore: number;
  /**
   * Severity of a finding just at its detector's threshold; it rises linearly to 1 at the detector's
   * saturation point. With 0.75, a reason weighs 3/4 of its weight at the threshold.
   */
  readonly severityAtThreshold: number;
  /**
   * Give reasons to links with nofollow/sponsored/ugc too. Off by default: Google's spam policy says such
   * links are not link schemes, so they are listed with score 0.
   */
  readonly flagQualifiedLinks: boolean;
  readonly weights: Readonly<Record<ReasonCode, number>>;
  readonly linkFarm: {
    /** Smallest reciprocal cluster (the domain itself included). */
    readonly minClusterSize: number;
    /** Share of the cluster's pairs that link both ways. */
    readonly minDensity: number;
    /** Share of the members' links to other domains that stay inside the cluster. */
    readonly minInsideShare: number;
  };
  readonly sitewide: {
    /** Distinct linking pages of one referring domain with a boilerplate placement. */
    readonly minPages: number;
    /** Placements that count as boilerplate. Sidebars (`aside`, blogrolls) are left out on purpose. */
    readonly placements: readonly string[];
    /** Page count at which severity reaches 1. */
    readonly saturationPages: number;
  };
  readonly anchors: {
    /** Share of referring domains using commercial anchors above which the profile is over-optimised. */
    readonly maxCommercialShare: number;
    /** Referring domains with a text anchor needed before a share means anything. */
    readonly minReferringDomains: number;
    /** Anchor classes (core/ledger/anchor-class.ts) that count as commercial. */
    readonly commercialClasses: readonly string[];
  };
  readonly spamMass: {
    /** Relative spam mass at or above which a domain is flagged. */
    readonly minSpamMass: number;
    /**
     * PageRank x node count a domain needs for its spam mass to count (when `pagerank` is given): the mass
     * of a node that only gets teleport rank is ~1 and says nothing (Gyöngyi et al. filter the same way).
     */
    readonly minPagerank: number;
  };
  readonly outbound: {
    readonly minExternalOutlinks: number;
    /** Used when only the total outlink count is known. */
    readonly minOutlinks: number;
    /** Count (of the kind compared) at which severity reaches 1. */
    readonly saturation: number;
  };
  readonly ipv4: {
    /** Distinct referring domains on one /24 network. */
    readonly minDomains: number;
    /** CIDR ranges of shared infrastructure (CDNs) whose /24s say nothing about ownership. */
    readonly ignoredNetworks: readonly string[];
    /** Hosting platforms (`x.blogspot.com`): the platform, not the owner, picks the address. */
    readonly platformSuffixes: readonly string[];
  };
  readonly template: {
    /** Largest Hamming distance between two 64-bit simhashes that counts as the same template. */
    readonly maxHammingDistance: number;
    readonly minDomains: number;
    /** Words a page text needs for its simhash to count (short texts collide by chance). */
    readonly minWords: number;
  };
  readonly analytics: {
    readonly minDomains: number;
  };
  readonly language: {
    /** Languages accepted besides the target's (primary subtags, e.g. `fr`). */
    readonly alsoAccepted: readonly string[];
  };
  readonly paid: {
    readonly anchorTerms: readonly string[];
    readonly disclosurePhrases: readonly string[];
    /** Severity when only the context, title or URL (not the anchor) matches. */
    readonly contextOnlySeverity: number;
  };
}

export const DEFAULT_TOXICITY_CONFIG: ToxicityConfig = {
  flagScore: 50,
  severityAtThreshold: 0.75,
  flagQualifiedLinks: false,
  weights: {
    'link-farm': 0.8,
    'sitewide-boilerplate': 0.5,
    'anchor-over-optimisation': 0.5,
    'high-spam-mass': 0.6,
    'outbound-link-overload': 0.5,
    'shared-ipv4-network': 0.4,
    'shared-template': 0.5,
    'shared-analytics-id': 0.6,
    'foreign-language': 0.3,
    'paid-without-sponsored': 0.7,
  },
  // Six sites whose pairs are mostly mutual links and that link mostly to each other: a farm or an
  // exchange ring. Real communities are dense too, but link mostly outside (detectors/link-farm.ts).
  linkFarm: { minClusterSize: 6, minDensity: 0.6, minInsideShare: 0.5 },
  // A link on 5+ pages of one site in its footer/nav/header is template repetition, not a citation.
  sitewide: { minPages: 5, placements: ['footer', 'nav', 'header'], saturationPages: 50 },
  // Editorial profiles are dominated by brand, URL and generic anchors; the usual advice keeps exact and
  // partial keyword anchors to a few percent of referring domains. 10% is twice that.
  anchors: { maxCommercialShare: 0.1, minReferringDomains: 20, commercialClasses: ['exact', 'partial'] },
  // A node that receives no links scores (1 - alpha) + alpha * (dangling share) = 0.15-0.4 in PageRank x N;
  // 0.5 keeps the nodes that are linked to. See detectors/high-spam-mass.ts on the mass threshold.
  spamMass: { minSpamMass: 0.9, minPagerank: 0.5 },
  // Articles carry tens of external links; hundreds on one page is a directory or a link list.
  outbound: { minExternalOutlinks: 200, minOutlinks: 500, saturation: 1000 },
  ipv4: {
    minDomains: 3,
    ignoredNetworks: [
      // Cloudflare (https://www.cloudflare.com/ips-v4, 15 prefixes, unchanged since 2021)
      '173.245.48.0/20',
      '103.21.244.0/22',
      '103.22.200.0/22',
      '103.31.4.0/22',
      '141.101.64.0/18',
      '108.162.192.0/18',
      '190.93.240.0/20',
      '188.114.96.0/20',
      '197.234.240.0/22',
      '198.41.128.0/17',
      '162.158.0.0/15',
      '104.16.0.0/13',
      '104.24.0.0/14',
      '172.64.0.0/13',
      '131.0.72.0/22',
      // Fastly's main anycast range
      '151.101.0.0/16',
    ],
    platformSuffixes: [
      'blogspot.com',
      'wordpress.com',
      'typepad.com',
      'livejournal.com',
      'tumblr.com',
      'blogs.com',
      'blog-city.com',
      'blogdrive.com',
      'squarespace.com',
      'xanga.com',
      'wixsite.com',
      'weebly.com',
      'github.io',
      'netlify.app',
      'substack.com',
      'medium.com',
    ],
  },
  // Looser than Manku et al.'s 3 bits (tuned for precision among 8 billion pages): see shared-template.ts.
  template: { maxHammingDistance: 6, minDomains: 3, minWords: 20 },
  analytics: { minDomains: 3 },
  language: { alsoAccepted: [] },
  paid: { anchorTerms: ANCHOR_TERMS, disclosurePhrases: DISCLOSURE_PHRASES, contextOnlySeverity: 0.75 },
};

export type ToxicityOverrides = {
  readonly [K in keyof ToxicityConfig]?: ToxicityConfig[K] extends readonly unknown[]
    ? ToxicityConfig[K]
    : ToxicityConfig[K] extends object
      ? Partial<ToxicityConfig[K]>
      : ToxicityConfig[K];
};

/** The defaults with `overrides` applied (one level deep: each section's fields; arrays replaced). */
export function resolveToxicityConfig(overrides: ToxicityOverrides = {}): ToxicityConfig {
  const merged: Record<string, unknown> = { ...DEFAULT_TOXICITY_CONFIG };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const base = (DEFAULT_TOXICITY_CONFIG as unknown as Record<string, unknown>)[key];
    const isSection = typeof base === 'object' && base !== null && !Array.isArray(base);
    merged[key] = isSection ? { ...(base as object), ...(value as object) } : value;
  }
  return merged as unknown as ToxicityConfig;
}
