/**
 * What the store's report queries return: plain rows with epoch-ms times. The app layer (src/app/ledger)
 * turns them into the report objects users see (ISO dates, anchor classes).
 */
import type { Placement } from '../link/link.ts';
import type { EpochMs, LedgerKind, LostReason } from './model.ts';

export interface BacklinkRow {
  sourceUrl: string;
  sourceHost: string;
  sourceDomain: string;
  targetUrl: string;
  targetHost: string;
  targetDomain: string;
  kind: LedgerKind;
  followed: boolean;
  anchor: string;
  rel: string;
  nofollow: boolean;
  sponsored: boolean;
  ugc: boolean;
  image: boolean;
  placement: Placement;
  firstSeen: EpochMs;
  lastSeen: EpochMs;
  lostAt: EpochMs | null;
  lostReason: LostReason | null;
  /** Source tags that saw the link, sorted. */
  sources: string[];
}

/** The link a referring domain is best represented by (see docs/ledger.md: followed, live, in content...). */
export interface BestLink {
  sourceUrl: string;
  targetUrl: string;
  anchor: string;
  kind: LedgerKind;
  followed: boolean;
  placement: Placement;
}

export interface RefDomainRow {
  domain: string;
  links: number;
  dofollowLinks: number;
  firstSeen: EpochMs;
  lastSeen: EpochMs;
  best: BestLink;
}

export interface AnchorRow {
  anchor: string;
  /** Image links (an `<img>` or a vendor-reported image link) are counted apart from text links. */
  image: boolean;
  links: number;
  dofollowLinks: number;
  refdomains: number;
  firstSeen: EpochMs;
  lastSeen: EpochMs;
}

export interface LinkedPageRow {
  targetUrl: string;
  links: number;
  dofollowLinks: number;
  refdomains: number;
  firstSeen: EpochMs;
  lastSeen: EpochMs;
}

export interface NamedCount {
  name: string;
  links: number;
  refdomains: number;
}

export interface WindowCounts {
  newLinks: number;
  lostLinks: number;
  newRefdomains: number;
  lostRefdomains: number;
}

export interface ProfileFigures {
  links: { total: number; live: number; lost: number };
  /** Over live links. */
  dofollowLinks: number;
  refdomains: number;
  refpages: number;
  kinds: NamedCount[];
  placements: NamedCount[];
  /** Last label of the referring domains (`com`, `uk`...). */
  tlds: NamedCount[];
  topDomains: NamedCount[];
  last30Days: WindowCounts;
  last90Days: WindowCounts;
}
