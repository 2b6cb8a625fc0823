/**
 * The shapes of the linkledger HTTP API (docs/openapi.json is the contract; these mirror it by hand so the
 * dashboard builds without the server's sources, and test/interfaces/http/web-api-types.test.ts holds
 * every field and its optionality to the contract). Dates are ISO 8601 strings; authority scores are 0-100,
 * or null when the ledger has no `linkledger rank` run yet.
 */

export const SCOPES = ['domain', 'host', 'prefix', 'url'] as const;
export type Scope = (typeof SCOPES)[number];

export const STATUSES = ['live', 'lost', 'all'] as const;
export type LinkStatus = (typeof STATUSES)[number];

export type Order = 'asc' | 'desc';

export const LINK_KINDS = [
  'a',
  'area',
  'img',
  'link',
  'iframe',
  'frame',
  'form',
  'redirect',
  'meta-refresh',
  'base',
  'script',
  'object',
  'embed',
  'media',
  'cite',
  'data-attr',
  'onclick',
  'css',
  'background',
  'other',
  'webgraph',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const PLACEMENTS = ['content', 'nav', 'header', 'footer', 'aside', 'unknown'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export const ANCHOR_CLASSES = [
  'branded',
  'exact',
  'partial',
  'generic',
  'naked-url',
  'image',
  'empty',
  'other',
] as const;
export type AnchorClass = (typeof ANCHOR_CLASSES)[number];

export type LostReason =
  | 'removed'
  | 'page-gone'
  | 'page-redirected'
  | 'noindex'
  | 'canonical-elsewhere'
  | 'became-nofollow'
  | 'became-dofollow';

export interface ApiErrorBody {
  error: { code: string; message: string; field: string | null };
}

export interface PageInfo {
  limit: number;
  offset: number;
  /** Rows in this response. */
  count: number;
  /** Set when the page is full (there may be more). */
  nextOffset: number | null;
}

export interface Listing<T> {
  data: T[];
  page: PageInfo;
}

export interface Backlink {
  sourceUrl: string;
  targetUrl: string;
  anchor: string;
  rel: string[];
  nofollow: boolean;
  sponsored: boolean;
  ugc: boolean;
  kind: LinkKind;
  placement: Placement;
  firstSeen: string;
  lastSeen: string;
  lostAt: string | null;
  lostReason: LostReason | null;
  sources: string[];
  sourceHost: string;
  sourceDomain: string;
  sourceAuthority: number | null;
  sourceDomainAuthority: number | null;
  /** Only with quality=true. */
  quality?: number;
}

export interface RefDomain {
  domain: string;
  links: number;
  dofollowLinks: number;
  firstSeen: string;
  lastSeen: string;
  bestLink: {
    sourceUrl: string;
    targetUrl: string;
    anchor: string;
    kind: LinkKind;
    dofollow: boolean;
    placement: Placement;
  };
  authority: number | null;
}

export interface AnchorRow {
  anchor: string;
  class: AnchorClass;
  image: boolean;
  links: number;
  dofollowLinks: number;
  refdomains: number;
  firstSeen: string;
  lastSeen: string;
}

export interface AnchorListing extends Listing<AnchorRow> {
  /** Links per class over all anchors (not just this page). */
  classes: Partial<Record<AnchorClass, number>>;
  truncated: boolean;
}

export interface LinkedPage {
  targetUrl: string;
  links: number;
  dofollowLinks: number;
  refdomains: number;
  firstSeen: string;
  lastSeen: string;
}

export interface BrokenPage {
  targetUrl: string;
  status: number;
  checkedAt: string;
  refdomains: number;
  links: number;
  dofollowLinks: number;
  firstSeen: string;
  lastSeen: string;
  bestLinks: {
    sourceUrl: string;
    sourceDomain: string;
    anchor: string;
    kind: LinkKind;
    dofollow: boolean;
    placement: Placement;
    firstSeen: string;
    sourceDomainAuthority: number | null;
  }[];
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

export interface TargetAuthority {
  page: number | null;
  host: number | null;
  domain: number | null;
}

export interface Profile {
  target: string;
  scope: string;
  links: { total: number; live: number; lost: number };
  dofollowLinks: number;
  dofollowShare: number;
  refdomains: number;
  refpages: number;
  kinds: NamedCount[];
  placements: NamedCount[];
  tlds: NamedCount[];
  topDomains: NamedCount[];
  last30Days: WindowCounts;
  last90Days: WindowCounts;
  authority: TargetAuthority;
}

export interface HistoryRow {
  period: string;
  newLinks: number;
  lostLinks: number;
  lostByReason: Partial<Record<LostReason, number>>;
  relChanges: number;
  newRefdomains: number;
  lostRefdomains: number;
  liveLinks: number;
  liveRefdomains: number;
}

export interface History {
  data: HistoryRow[];
}

export interface GapDomain {
  domain: string;
  competitors: string[];
  competitorCount: number;
  links: number;
  linksPerCompetitor: Record<string, number>;
  authority: number | null;
  firstSeen: string;
  relevance: number | null;
}

export interface ToxicReason {
  code: string;
  weight: number;
  evidence: string;
  scheme: string;
}

export interface ToxicLink {
  index: number;
  sourceUrl: string;
  sourceDomain: string;
  targetUrl: string;
  /** Which link of the page to that URL this is (with the follow flags: one explanation, not all). */
  kind: string;
  anchor: string | null;
  nofollow: boolean;
  sponsored: boolean;
  ugc: boolean;
  placement: string | null;
  score: number;
  flagged: boolean;
  qualified: boolean;
  reasons: ToxicReason[];
}

export interface ToxicDomain {
  domain: string;
  links: number;
  flaggedLinks: number;
  score: number;
  reasons: { code: string; links: number; scheme: string }[];
}

export interface ToxicReport {
  target: string;
  links: ToxicLink[];
  domains: ToxicDomain[];
  unavailable: { code: string; why: string }[];
  whitelisted: { links: number };
  /** Links listed in all (before limit / offset). */
  total: number;
  /** With a limit: this page of the links. */
  page: PageInfo | null;
  /** Trusted domains the ledger does not know. */
  unknownSeeds: string[];
}

export interface WhitelistEntry {
  /** `domain:example.com` or a linking page URL. */
  value: string;
  at: string;
  note: string;
}

export interface Whitelist {
  target: string;
  data: WhitelistEntry[];
}

export interface DisavowVersion {
  target: string;
  version: number;
  createdAt: string;
  entries: number;
}

export interface GeneratedDisavow {
  version: DisavowVersion;
  added: number;
  links: number;
  domains: number;
  text: string;
}

export interface LedgerSummary {
  counts: { pages: number; captures: number; links: number; linkSources: number; importRuns: number };
  sources: { source: string; links: number }[];
  rankedAt: string | null;
  /** That rank run: options, links used, per level nodes and iterations. */
  authorityRun: Record<string, unknown> | null;
  topDomains: { key: string; score: number }[];
  suggestedTarget: string | null;
}

export const AUTHORITY_LEVELS = ['page', 'host', 'domain'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];

export interface AuthorityMove {
  key: string;
  before: number;
  after: number;
  delta: number;
  rankBefore: number;
  rankAfter: number;
}

export interface WhatIf {
  target: string;
  added: string[];
  removed: string[];
  /** ISO time (or epoch ms from an older server) of the rank run the scores come from. */
  rankedAt: string | number;
  warmStart: boolean;
  moves: Record<AuthorityLevel, AuthorityMove>;
  runs: Partial<Record<AuthorityLevel, { iterations: number; converged: boolean }>>;
}

export type JobKind = 'import' | 'crawl' | 'rank';
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  done: number;
  total: number | null;
  unit: string;
  ratePerSecond: number | null;
  message: string;
}

export interface Job {
  id: string;
  kind: JobKind;
  state: JobState;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  params: Record<string, unknown>;
  progress: JobProgress;
  /** What the job produced (import runs, crawl stats, rank run); its shape depends on the kind. */
  result?: unknown;
  error: string | null;
}

export const isActiveJob = (job: Job): boolean => job.state === 'queued' || job.state === 'running';

/** One factor of a link's quality score (docs/quality.md). */
export interface QualityFactor {
  name: string;
  /** `base`: a weighted share of the base score; `multiplier`: scales the whole score. */
  role: 'base' | 'multiplier';
  /** The input as the CLI prints it (`DA 41.2`, `footer`, `312 external links on the page`, `unknown`). */
  input: string;
  /** In [0, 1] (base; the neutral value when not known) or the multiplier. */
  value: number;
  /** Base factors: the normalised weight (they sum to 1); multipliers: 1. */
  weight: number;
  /** Points added (base) or removed (multiplier, negative) in the final 0-100 score. */
  points: number;
  known: boolean;
}

/** One row of GET /api/v1/explain (docs/openapi.json: `ExplainedLinks`). */
export interface ExplainedLink {
  /** The ledger link (store row: times are epoch ms here, `rel` a space-separated string). */
  link: {
    sourceUrl: string;
    sourceHost: string;
    sourceDomain: string;
    targetUrl: string;
    targetHost: string;
    targetDomain: string;
    kind: LinkKind;
    /** Not nofollow, sponsored or ugc: with the kind, part of the link's identity. */
    followed: boolean;
    anchor: string;
    rel: string;
    nofollow: boolean;
    sponsored: boolean;
    ugc: boolean;
    image: boolean;
    placement: Placement;
    firstSeen: number | string;
    lastSeen: number | string;
    lostAt: number | string | null;
    lostReason: LostReason | null;
    sources: string[];
  };
  quality: { score: number; factors: QualityFactor[] };
  sourceAuthority: number | null;
  sourceDomainAuthority: number | null;
  relevance: number | null;
  anchorRelevance: number | null;
  /** The most distinctive terms of each page (empty without its text). */
  sourceTopics: string[];
  targetTopics: string[];
}
