/**
 * The toxicity audit's input and output.
 *
 * Input: the target, its backlinks, and whatever else is known. Only `target` and `backlinks` are
 * required; every other fact is optional because the sources differ in what they know (a vendor CSV knows
 * anchors and rel but nothing about the linking page; our crawl knows the page but not the site's IP).
 * A detector whose facts are missing is skipped and listed in the report's `unavailable`.
 *
 * Output: one entry per backlink (whitelisted ones left out) with a 0-100 score and its reasons, each
 * reason with a weight, human-readable evidence and the Google link-scheme example it maps to; and one
 * aggregate per referring domain.
 */
import type { LedgerKind } from '../ledger/model.ts';
import type { Placement } from '../link/link.ts';
import type { ReasonCode } from './reasons.ts';
import type { LinkSchemeId } from './schemes.ts';

export interface ToxicityInput {
  readonly target: ToxicityTarget;
  readonly backlinks: readonly BacklinkInput[];
  /** Facts of linking pages, by `url` (= a backlink's `sourceUrl`). */
  readonly pages?: readonly PageFacts[];
  /** Facts of referring domains, by `domain` (= a backlink's `sourceDomain`). */
  readonly domains?: readonly DomainFacts[];
  /**
   * Domain-level links among the referring domains and the target (`from -> to`, registrable domains as in
   * `sourceDomain`). Edges touching other domains are ignored. Needed for link-farm detection.
   */
  readonly domainLinks?: readonly DomainLink[];
  /** Reviewed links to leave out of the report (they still count as evidence, e.g. in anchor shares). */
  readonly whitelist?: Whitelist;
}

export interface ToxicityTarget {
  /** The target's registrable domain. */
  readonly domain: string;
  /** Language of the target site (BCP 47, e.g. `en`, `en-US`); null: unknown. */
  readonly lang?: string | null;
  /** Brand terms for anchor classification; default: the domain's name without its public suffix. */
  readonly brandTerms?: readonly string[];
  /** Money keywords for anchor classification; the words of each target URL's last path segment are added. */
  readonly keywords?: readonly string[];
}

export interface BacklinkInput {
  readonly sourceUrl: string;
  readonly sourceHost: string;
  /** Registrable domain of the linking page: the referring domain. */
  readonly sourceDomain: string;
  readonly targetUrl: string;
  /** Anchor text; null: the source does not say (a web-graph edge). */
  readonly anchor: string | null;
  /** An image link (its anchor is the image's alt text). `kind: 'img'` also counts as an image. */
  readonly image?: boolean;
  readonly nofollow: boolean;
  readonly sponsored: boolean;
  readonly ugc: boolean;
  readonly kind: LedgerKind;
  /** Where the link sits on its page; null or 'unknown': not known. */
  readonly placement: Placement | null;
  /** Epoch ms; null: unknown. Not used by any detector yet (kept for link-velocity rules). */
  readonly firstSeen: number | null;
  /** Text around the link (a vendor's left/right snippet), if known: read by the paid-link detector. */
  readonly context?: string | null;
}

export interface PageFacts {
  readonly url: string;
  /** All links on the page. */
  readonly outlinks?: number | null;
  /** Links to other registrable domains. */
  readonly externalOutlinks?: number | null;
  /** BCP 47 language of the page (`<html lang>` or detected). */
  readonly lang?: string | null;
  readonly title?: string | null;
  /** The page's main text: its simhash is computed here when `simhash` is not given. */
  readonly text?: string | null;
  /** 64-bit simhash of the page text, 16 hex digits (simhash.ts `simhashHex`), e.g. a stored text digest. */
  readonly simhash?: string | null;
  /** Analytics and ad ids found on the page: `UA-123-4`, `G-ABC123`, `GTM-XYZ`, `ca-pub-123...`. */
  readonly analyticsIds?: readonly string[] | null;
}

export interface DomainFacts {
  readonly domain: string;
  /** Relative spam mass in [0, 1] (core/rank/spam-mass.ts `relative`). */
  readonly spamMass?: number | null;
  /** PageRank times the node count (1 = the average node): filters spam mass (see its detector). */
  readonly pagerank?: number | null;
  /** The domain's IPv4 addresses (dotted quads). */
  readonly ipv4?: readonly string[] | null;
}

export interface DomainLink {
  readonly from: string;
  readonly to: string;
}

export interface Whitelist {
  /** Referring domains (or hosts); a leading `domain:` as in disavow files is accepted. */
  readonly domains?: readonly string[];
  /** Exact linking-page URLs. */
  readonly urls?: readonly string[];
}

// ---------------------------------------------------------------------------------------------- output

export interface ToxicityReason {
  readonly code: ReasonCode;
  /** Contribution in (0, 1]: the code's configured weight times the finding's severity. */
  readonly weight: number;
  readonly evidence: string;
  readonly scheme: LinkSchemeId;
}

export interface LinkToxicity {
  /** Index of the link in `input.backlinks`. */
  readonly index: number;
  readonly sourceUrl: string;
  readonly sourceDomain: string;
  readonly targetUrl: string;
  /** Which link of that page to that URL this is (a page can link to one URL as text, image, iframe...). */
  readonly kind: LedgerKind;
  readonly anchor: string | null;
  readonly nofollow: boolean;
  readonly sponsored: boolean;
  readonly ugc: boolean;
  readonly placement: Placement | null;
  /** 0-100: `100 * (1 - prod(1 - weight))` over the reasons, rounded. */
  readonly score: number;
  /** score >= config.flagScore. */
  readonly flagged: boolean;
  /** Carries nofollow, sponsored or ugc: passes no ranking credit, so no reasons unless configured. */
  readonly qualified: boolean;
  readonly reasons: readonly ToxicityReason[];
}

export interface DomainToxicity {
  readonly domain: string;
  readonly links: number;
  readonly flaggedLinks: number;
  /** The highest score of its links. */
  readonly score: number;
  /** Reason codes with the number of its links carrying each, most frequent first. */
  readonly reasons: ReadonlyArray<{ code: ReasonCode; links: number; scheme: LinkSchemeId }>;
}

export interface UnavailableDetector {
  readonly code: ReasonCode;
  readonly why: string;
}

export interface ToxicityReport {
  readonly target: string;
  /** Per backlink, in input order, whitelisted links left out. */
  readonly links: readonly LinkToxicity[];
  /** Per referring domain, highest score first (then by domain). */
  readonly domains: readonly DomainToxicity[];
  /** Detectors that could not run, and why. */
  readonly unavailable: readonly UnavailableDetector[];
  readonly whitelisted: { readonly links: number };
}
