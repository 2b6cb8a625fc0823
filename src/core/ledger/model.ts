/**
 * The link ledger's data model: what is stored about pages, captures and links, and what the sources feed in.
 *
 * Times are epoch milliseconds (UTC) everywhere in the core: cheap to compare, no Date objects, no clock.
 * The rules that turn inputs into stored rows live in plan-page.ts and are documented in docs/ledger.md.
 */
import type { LinkKind, Placement } from '../link/link.ts';

export type EpochMs = number;

/**
 * Who saw a link: `crawl` (our crawler), `commoncrawl:<crawl id>` (WARC/WAT/web graph of one crawl), `gsc`,
 * `bing`, `ahrefs`, `majestic`, `moz`, `semrush`, `csv` (generic CSV), or any `name` / `name:detail` of
 * lower-case letters, digits, `.`, `_`, `-` (see source-tag.ts).
 */
export type SourceTag = string;

/** Ledger kinds: the link model's kinds plus `webgraph`, an edge of a web graph (we know A links to B, no more). */
export type LedgerKind = LinkKind | 'webgraph';

/** Why a link stopped being live, decided by the first capture (or vendor report) that no longer counts it. */
export const LOST_REASONS = [
  'removed',
  'page-gone',
  'page-redirected',
  'noindex',
  'canonical-elsewhere',
  'became-nofollow',
  'became-dofollow',
] as const;
export type LostReason = (typeof LOST_REASONS)[number];

/**
 * What one capture of a page says about the page's links (see capture-state.ts):
 * - `live`: an indexable page; its links count.
 * - `redirected`: a 3xx; only its redirect link(s) count.
 * - `gone`: a 4xx; it carries no links (an error page's navigation is not the page's links).
 * - `noindex`, `canonical-elsewhere`: its links are recorded but do not count.
 * - `unavailable`: 5xx, 429 or no status: no evidence either way; it decides nothing.
 * - `partial`: a page cut short (a truncated WARC record, a body over the crawler's cap): the links it
 *   holds count, but a link missing from it may just be past the cut, so it decides no loss.
 */
export const CAPTURE_STATES = [
  'live',
  'redirected',
  'gone',
  'noindex',
  'canonical-elsewhere',
  'unavailable',
  'partial',
] as const;
export type CaptureState = (typeof CAPTURE_STATES)[number];

/** One full capture of one page: its facts and *all* its links, from a crawl, a WARC/WAT or an HTML file. */
export interface CaptureInput {
  source: SourceTag;
  capturedAt: EpochMs;
  page: CapturedPage;
  links: readonly LinkInput[];
}

/** The page facts a capture carries (a subset of core/link/page.ts PageInfo, plus digests). */
export interface CapturedPage {
  url: string;
  status: number | null;
  canonical?: string | null;
  title?: string | null;
  lang?: string | null;
  noindex?: boolean;
  contentHash?: string | null;
  textDigest?: string | null;
  /**
   * Analytics / ad account ids in the page's scripts (PageInfo.analyticsIds): `[]` when the page was read
   * for them and has none; absent or null when the capture does not say (the last known ids stay).
   */
  analyticsIds?: readonly string[] | null;
  /** The IP address the page was fetched from (PageInfo.remoteAddress), when the capture knows it. */
  remoteAddress?: string | null;
  /** The page's bytes were cut short (PageInfo.truncated): its links count, their absence proves nothing. */
  truncated?: boolean;
}

/** A link as extractors produce it (the fields of core/link/link.ts Link the ledger reads). */
export interface LinkInput {
  target: string | null;
  kind: LinkKind;
  anchor: string;
  rel: readonly string[];
  nofollow: boolean;
  sponsored: boolean;
  ugc: boolean;
  placement: Placement;
}

/**
 * One link reported by a source that does not give whole pages: a CSV row, a web-graph edge. Unknown facts
 * are null: they never overwrite known ones, and a link with unknown `rel` joins an existing link of the
 * same page, target and kind rather than creating a dofollow twin.
 */
export interface ObservationInput {
  source: SourceTag;
  sourceUrl: string;
  targetUrl: string;
  kind: LedgerKind;
  firstSeen: EpochMs;
  lastSeen: EpochMs;
  anchor: string | null;
  /** null: the source does not say (then nofollow/sponsored/ugc are ignored). */
  rel: readonly string[] | null;
  nofollow: boolean;
  sponsored: boolean;
  ugc: boolean;
  image: boolean;
  placement: Placement | null;
  /** The source says the link was lost (Ahrefs "Lost", Semrush "Lost link", Majestic "Date Lost"). */
  lost: { at: EpochMs; reason: LostReason } | null;
}

/** A source page (or a web-graph host) as stored. `captured` is false for pages known only from CSV rows. */
export interface StoredPage {
  id: number;
  url: string;
  host: string;
  domain: string;
  captured: boolean;
  /** From the newest capture that decided something (not `unavailable`). */
  status: number | null;
  fetchedAt: EpochMs | null;
  state: CaptureState | null;
  canonical: string | null;
  title: string | null;
  lang: string | null;
  contentHash: string | null;
  textDigest: string | null;
  /** The newest known analytics ids, sorted, joined with one space (as in `pages.analytics_ids`), or null. */
  analyticsIds: string | null;
  /** The newest known address the page was fetched from, or null. */
  remoteAddress: string | null;
}

export interface StoredCapture {
  capturedAt: EpochMs;
  source: SourceTag;
  state: CaptureState;
}

/** Attributes of a link that the newest sighting decides. */
export interface LinkAttributes {
  anchor: string;
  rel: string;
  nofollow: boolean;
  sponsored: boolean;
  ugc: boolean;
  image: boolean;
  placement: Placement;
}

/** One ledger link: identity (page, target, kind, followed), attributes and history. */
export interface StoredLink extends LinkAttributes {
  /** Store-assigned; null until written. */
  id: number | null;
  pageId: number;
  sourceUrl: string;
  sourceHost: string;
  sourceDomain: string;
  targetUrl: string;
  targetHost: string;
  targetDomain: string;
  kind: LedgerKind;
  /** Not nofollow, sponsored or ugc: part of the identity (see docs/ledger.md). */
  followed: boolean;
  firstSeen: EpochMs;
  lastSeen: EpochMs;
  /** Last time a sighting counted (a live capture or a source report); null if it never did. */
  lastLive: EpochMs | null;
  lostAt: EpochMs | null;
  lostReason: LostReason | null;
  reportedLostAt: EpochMs | null;
  reportedLostReason: LostReason | null;
  /** Time of the sighting the attributes come from. */
  attrsAt: EpochMs;
}

/** Everything the ledger holds about one source page: what the planner needs to apply new inputs. */
export interface PageLedgerState {
  page: StoredPage;
  captures: StoredCapture[];
  links: StoredLink[];
}

/** A source saw a link during [first, last]. */
export interface Sighting {
  first: EpochMs;
  last: EpochMs;
}
