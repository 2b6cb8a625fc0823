/**
 * The ledger store port: what the application needs from any storage backend (memory, DuckDB, later
 * ClickHouse). The ledger rules are not here: the app layer computes every row with the pure planner
 * (plan-page.ts) and the store writes plans atomically and answers report queries. One contract suite
 * (test/contract) runs against every implementation.
 */
import type { CrawlBatch, CrawlJob, FrontierEntry } from '../crawl/frontier-model.ts';
import type { AuthorityLevel, AuthorityRun, AuthorityScore, GraphLink, LevelScores } from './authority.ts';
import type { BrokenPageQuery, BrokenPageRow } from './broken-pages.ts';
import type { GapDomainRow, GapQuery } from './gap.ts';
import type { HistoryBucket, HistoryQuery } from './history.ts';
import type { ImportRun } from './import-run.ts';
import type { PageLedgerState, SourceTag } from './model.ts';
import type { PageFacts } from './page-facts.ts';
import type { PagePlan } from './plan-page.ts';
import type {
  AnchorQuery,
  BacklinkListing,
  BacklinkQuery,
  LinkFilter,
  PageQuery,
  ProfileQuery,
  RefDomainQuery,
} from './query.ts';
import type { DisavowVersion, NewDisavowVersion, ReviewEntry, ReviewKind } from './review.ts';
import type { AnchorRow, BacklinkRow, LinkedPageRow, ProfileFigures, RefDomainRow } from './rows.ts';

/** Plans for distinct pages, written in one transaction together with the run's checkpoint. */
export interface LedgerBatch {
  /**
   * Read once, in order. A writer may plan each page as the store reads it (a generator), so that a
   * batch's plans never all live at once, and may make the store wait between plans (an async generator:
   * a page the previous batch also holds is planned once that batch has committed).
   */
  plans: Iterable<PagePlan> | AsyncIterable<PagePlan>;
  /**
   * Saved in the same transaction: a checkpoint never covers data that was not committed. Complete only
   * once every plan has been read (its counts include them): read it after the plans.
   */
  run: ImportRun | null;
  /** A crawl's frontier rows and job snapshot, committed with the pages they produced. */
  crawl?: CrawlBatch | null;
}

export interface CommitOrder {
  after?: Promise<void> | null;
  /**
   * Called once the batch is staged, and so once every plan has been read: the writer then plans its
   * next batch from the counts this one's plans added.
   */
  onStaged?: () => void;
}

export interface StoreCounts {
  pages: number;
  captures: number;
  links: number;
  linkSources: number;
  importRuns: number;
}

/** A full, ordered copy of the ledger for tests and debugging (small ledgers only). */
export interface LedgerDump {
  pages: Record<string, unknown>[];
  captures: Record<string, unknown>[];
  links: Record<string, unknown>[];
  linkSources: Record<string, unknown>[];
}

export interface LedgerStore {
  readonly backend: 'memory' | 'duckdb' | (string & {});
  /** The stored state of these source pages (pages that do not exist are absent from the map). */
  loadPageStates(urls: readonly string[]): Promise<Map<string, PageLedgerState>>;
  /**
   * The same, but never queued behind the store's own work (a DuckDB store reads on a connection of its
   * own): for a writer whose plans are being read by `commit` and that needs what an earlier commit, which
   * it has awaited, wrote. Through loadPageStates that read could wait for the very commit reading them.
   */
  loadCommittedPageStates(urls: readonly string[]): Promise<Map<string, PageLedgerState>>;
  /**
   * Writes the plans and the run atomically: all of it or none of it. Assigns ids to new pages and links.
   * `order.after` is the caller's previous commit: this one is applied only once that one succeeded, and
   * fails with its error otherwise (the batch was planned on top of it). A store that can prepare a batch
   * while the previous one is still being written calls `order.onStaged` once the caller may plan its
   * next batch and commit it; other stores never call it.
   */
  commit(batch: LedgerBatch, order?: CommitOrder): Promise<void>;
  saveImportRun(run: ImportRun): Promise<void>;
  importRuns(key?: string): Promise<ImportRun[]>;
  saveCrawlJob(job: CrawlJob): Promise<void>;
  /** Crawl jobs (of one key), oldest first. */
  crawlJobs(key?: string): Promise<CrawlJob[]>;
  /** Every frontier entry of a crawl job (queued and done), by (depth, seq). */
  frontier(jobId: string): Promise<FrontierEntry[]>;
  backlinks(query: BacklinkQuery): Promise<BacklinkRow[]>;
  /**
   * Every row of a backlinks listing, in its order, in batches (one consistent snapshot; exports). The next
   * batch is produced after the promise `onBatch` returns resolves. Resolves with the number of rows.
   */
  backlinkBatches(
    listing: BacklinkListing,
    onBatch: (rows: readonly BacklinkRow[]) => void | Promise<void>,
  ): Promise<number>;
  refDomains(query: RefDomainQuery): Promise<RefDomainRow[]>;
  anchors(query: AnchorQuery): Promise<AnchorRow[]>;
  linkedPages(query: PageQuery): Promise<LinkedPageRow[]>;
  profile(query: ProfileQuery): Promise<ProfileFigures>;
  /** Source tags seen, with link counts. */
  sources(): Promise<{ source: SourceTag; links: number }[]>;
  counts(): Promise<StoreCounts>;
  /**
   * Streams every ledger link (all kinds, live and lost) as graph edges, in batches handed to `onBatch`
   * (order unspecified; the batch array is not reused). Resolves with the number of links.
   */
  linkGraph(onBatch: (links: readonly GraphLink[]) => void): Promise<number>;
  /** Replaces the stored authority (every level) with one rank run's, atomically. */
  saveAuthority(run: AuthorityRun, levels: readonly LevelScores[]): Promise<void>;
  /** The last saved rank run, or null when the ledger was never ranked. */
  authorityRun(): Promise<AuthorityRun | null>;
  /** Stored authority of these keys at one level; keys without a score are absent from the map. */
  authorityOf(level: AuthorityLevel, keys: readonly string[]): Promise<Map<string, AuthorityScore>>;
  /** The best scores of a level (score, then rank, descending; then key); every one without `limit`. */
  topAuthority(level: AuthorityLevel, limit?: number): Promise<AuthorityScore[]>;
  /** New and lost links and referring domains per period, oldest first (core/ledger/history.ts). */
  linkHistory(query: HistoryQuery): Promise<HistoryBucket[]>;
  /** Referring domains of at least K competitors that do not link to the target (core/ledger/gap.ts). */
  linkGap(query: GapQuery): Promise<GapDomainRow[]>;
  /** Target pages answering 4xx with the links to them (core/ledger/broken-pages.ts). */
  brokenPages(query: BrokenPageQuery): Promise<BrokenPageRow[]>;
  /** Facts of these source pages (pages that do not exist are absent from the map). */
  pageFacts(urls: readonly string[]): Promise<Map<string, PageFacts>>;
  /** Distinct linking pages per referring domain among the links of a filter (sitewide links show up). */
  linkingPagesPerDomain(filter: LinkFilter): Promise<Map<string, number>>;
  /** Adds a whitelist entry, or replaces the note and time of the same (target, kind, value). */
  addReview(entry: ReviewEntry): Promise<void>;
  /** A target's whitelist, by kind then value. */
  reviews(target: string): Promise<ReviewEntry[]>;
  /** Removes one whitelist entry; false when there was none. */
  removeReview(target: string, kind: ReviewKind, value: string): Promise<boolean>;
  /** Saves a disavow file as the target's next version (numbered from 1). */
  saveDisavowVersion(version: NewDisavowVersion): Promise<DisavowVersion>;
  /** A target's disavow file versions with their content, newest first (created, then version). */
  disavowVersions(target: string): Promise<DisavowVersion[]>;
  dump(): Promise<LedgerDump>;
  /**
   * Reorganises storage for fast target queries (DuckDB: clusters links by target and compacts the file).
   * With `minUnsortedShare`, only when at least that share of links arrived since the last optimize.
   */
  optimize(options?: { minUnsortedShare?: number }): Promise<void>;
  close(): Promise<void>;
}
