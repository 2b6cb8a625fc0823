/**
 * Broken backlinks (`linkledger pages TARGET --broken`): links that land on target pages whose latest
 * decisive capture answered 4xx (page state `gone`), grouped by target page. Only target pages the ledger
 * has captured can be known broken (crawl or import the target site); the link's target URL must equal the
 * captured page's URL. Rows: most referring domains first, then links, then URL.
 */
import type { Placement } from '../link/link.ts';
import type { EpochMs, LedgerKind } from './model.ts';
import type { LinkFilter, Paging } from './query.ts';

export interface BrokenPageQuery extends LinkFilter, Omit<Paging, 'order'> {
  /** Linking pages listed per broken page. */
  bestPages: number;
}

/** A page linking to a broken URL, in the order of the refdomains report's best link (followed, content...). */
export interface BrokenPageLink {
  sourceUrl: string;
  sourceDomain: string;
  anchor: string;
  kind: LedgerKind;
  followed: boolean;
  placement: Placement;
  firstSeen: EpochMs;
}

export interface BrokenPageRow {
  targetUrl: string;
  /** HTTP status of the page's latest decisive capture. */
  status: number;
  /** When that capture was made. */
  checkedAt: EpochMs;
  links: number;
  dofollowLinks: number;
  refdomains: number;
  firstSeen: EpochMs;
  lastSeen: EpochMs;
  /** Distinct linking pages, best first (at most `bestPages`). */
  best: BrokenPageLink[];
}
