/**
 * The DuckDB ledger store: one database file (default `./linkledger.duckdb`), a main connection on which
 * everything but imported batches takes turns, two lane connections through which batches commit in
 * order while the next one is staged (connection-turns.ts), and optionally a pool of read connections
 * (reader-pool.ts) so reports run in parallel. Schema: schema.ts. Commits: commit-plans.ts. Reports:
 * report-queries.ts.
 */
// First: sets DuckDB's allocator options, which are read when the library loads.
import './allocator-config.ts';
import { renameSync, rmSync } from 'node:fs';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { CrawlJob, FrontierEntry } from '../../core/crawl/frontier-model.ts';
import type {
  AuthorityLevel,
  AuthorityRun,
  AuthorityScore,
  GraphLink,
  LevelScores,
} from '../../core/ledger/authority.ts';
import type { BrokenPageQuery, BrokenPageRow } from '../../core/ledger/broken-pages.ts';
import type { GapDomainRow, GapQuery } from '../../core/ledger/gap.ts';
import type { HistoryBucket, HistoryQuery } from '../../core/ledger/history.ts';
import type { ImportRun } from '../../core/ledger/import-run.ts';
import type { PageLedgerState } from '../../core/ledger/model.ts';
import type { PageFacts } from '../../core/ledger/page-facts.ts';
import type {
  AnchorQuery,
  BacklinkListing,
  BacklinkQuery,
  LinkFilter,
  PageQuery,
  ProfileQuery,
  RefDomainQuery,
} from '../../core/ledger/query.ts';
import type { DisavowVersion, NewDisavowVersion, ReviewEntry, ReviewKind } from '../../core/ledger/review.ts';
import type {
  AnchorRow,
  BacklinkRow,
  LinkedPageRow,
  ProfileFigures,
  RefDomainRow,
} from '../../core/ledger/rows.ts';
import type {
  CommitOrder,
  LedgerBatch,
  LedgerDump,
  LedgerStore,
  StoreCounts,
} from '../../core/ledger/store.ts';
import {
  authorityOf,
  readAuthorityRun,
  saveAuthority,
  streamLinkGraph,
  topAuthority,
} from './authority-queries.ts';
import {
  queryBrokenPages,
  queryGap,
  queryHistory,
  queryLinkingPages,
  queryPageFacts,
} from './change-queries.ts';
import { applyStatements, type IdCounters, type StagedCounts, saveRun, stagePlans } from './commit-plans.ts';
import { ConnectionTurns } from './connection-turns.ts';
import { applyFrontier, crawlJobs, frontierOf, saveCrawlJob, stageFrontier } from './crawl-queries.ts';
import { dumpLedger } from './dump.ts';
import { loadStates } from './load-state.ts';
import { migrateLinksTable, migrateTargetUrls } from './migrate-links.ts';
import { clusterInPlace, copyClustered, unclusteredShare } from './optimize.ts';
import { ReaderPool } from './reader-pool.ts';
import {
  queryAnchors,
  queryBacklinks,
  queryPages,
  queryProfile,
  queryRefDomains,
  streamBacklinks,
} from './report-queries.ts';
import {
  addReview,
  disavowVersionsOf,
  removeReview,
  reviewsOf,
  saveDisavowVersion,
} from './review-queries.ts';
import {
  BATCH_STAGE_TABLES,
  LINKS_VIEW,
  MIGRATE_DDL,
  READABLE_SCHEMAS,
  resetStage,
  SCHEMA_VERSION,
  STAGE_DDL,
  TABLES_DDL,
} from './schema.ts';

export interface DuckDbStoreOptions {
  /** Database file; `:memory:` for a throw-away database. */
  path: string;
  /** DuckDB settings, e.g. `{ threads: '2', memory_limit: '4GB' }`. */
  config?: Record<string, string>;
  /**
   * Connections for reads besides the writer's (reader-pool.ts): with some, report queries run in
   * parallel with each other and with writes (a server); with none (the default), everything takes turns
   * on one connection (a CLI command).
   */
  readConnections?: number;
  /**
   * Told before a file of an older schema is rewritten at open (migrate-links.ts), which can take a while
   * on a large ledger: the CLI prints it.
   */
  onMigrate?: (message: string) => void;
}

type Row = Record<string, unknown>;

export class DuckDbLedgerStore implements LedgerStore {
  readonly backend = 'duckdb';
  private readonly turns = new ConnectionTurns();
  /** The commit whose transaction has not finished yet, if any: the next batch applies after it. */
  private applying: Promise<void> | null = null;
  /** Commits asked for and not finished: DuckDB keeps one thread while batches follow each other. */
  private pendingCommits = 0;
  private oneThread = false;
  private closed = false;
  private readonly readers: ReaderPool;

  private constructor(
    private instance: DuckDBInstance,
    private conn: DuckDBConnection,
    private readonly ids: IdCounters,
    private readonly options: DuckDbStoreOptions,
    /** DuckDB's thread count as opened (configured or the machine's cores), restored after commits. */
    private readonly threads: number,
  ) {
    this.readers = new ReaderPool(options.readConnections ?? 0, async (conn) => {
      await conn.run(STAGE_DDL);
    });
  }

  static async open(options: DuckDbStoreOptions): Promise<DuckDbLedgerStore> {
    const { instance, conn, ids, threads } = await DuckDbLedgerStore.connect(options);
    const store = new DuckDbLedgerStore(instance, conn, ids, options, threads);
    await store.openLanes();
    await store.readers.open(instance);
    return store;
  }

  private async openLanes(): Promise<void> {
    const lanes: DuckDBConnection[] = [];
    for (let i = 0; i < 2; i++) {
      const lane = await this.instance.connect();
      await lane.run(STAGE_DDL);
      lanes.push(lane);
    }
    this.turns.setLanes(lanes);
  }

  /** Closes the lane connections; the lanes and their queues stay, for openLanes to give new ones. */
  private closeLanes(): void {
    for (const lane of this.turns.laneConnections()) lane.closeSync();
  }

  private static async connect(options: DuckDbStoreOptions) {
    const instance = await DuckDBInstance.create(options.path, options.config);
    const conn = await instance.connect();
    try {
      // Refuse a file of a later schema before anything is written to it; older ones are migrated below.
      const version = await storedSchema(conn);
      if (version !== null && !READABLE_SCHEMAS.includes(version)) {
        throw new Error(
          `${options.path}: ledger schema ${version}, this build reads ${READABLE_SCHEMAS.join(' and ')}`,
        );
      }
      await conn.run(TABLES_DDL);
      await conn.run(MIGRATE_DDL);
      const say = options.onMigrate ?? (() => undefined);
      await migrateLinksTable(conn, say);
      await migrateTargetUrls(conn, say);
      await conn.run(LINKS_VIEW);
      await conn.run(STAGE_DDL);
      if (version !== SCHEMA_VERSION) {
        await conn.run(`INSERT OR REPLACE INTO ledger_meta VALUES ('schema_version', '${SCHEMA_VERSION}')`);
      }
      const [max] = (
        await conn.runAndReadAll(
          `SELECT (SELECT coalesce(max(id), 0) FROM pages)::DOUBLE AS p, (SELECT coalesce(max(id), 0) FROM link_rows)::DOUBLE AS l`,
        )
      ).getRowObjectsJS() as Row[];
      const ids = { nextPageId: (max!.p as number) + 1, nextLinkId: (max!.l as number) + 1 };
      const [setting] = (
        await conn.runAndReadAll(`SELECT current_setting('threads')::INTEGER AS threads`)
      ).getRowObjectsJS() as Row[];
      return { instance, conn, ids, threads: setting!.threads as number };
    } catch (error) {
      conn.closeSync();
      instance.closeSync();
      throw error;
    }
  }

  /** On the lane the next commit takes, so it does not wait for the commit under way (committed data). */
  loadPageStates(urls: readonly string[]): Promise<Map<string, PageLedgerState>> {
    return this.onLane(false, (conn) => loadStates(conn, urls));
  }

  /**
   * On a connection of its own, outside the turns: the writer calls this from its plans, while its batch
   * is being staged on a lane, so through the lanes (or behind main work queued meanwhile, which waits for
   * that lane) it could wait for itself. Called from there, the file cannot be swapped meanwhile: optimize
   * and close wait for the lanes.
   */
  async loadCommittedPageStates(urls: readonly string[]): Promise<Map<string, PageLedgerState>> {
    if (this.closed) throw new Error('the store is closed');
    const conn = await this.instance.connect();
    try {
      return await loadStates(conn, urls); // it creates the stage tables it uses
    } finally {
      conn.closeSync();
    }
  }

  /**
   * Stages the batch on the next lane, calls `onStaged` (the caller may prepare its next batch), then
   * applies it in one transaction once `after` (the caller's previous commit) succeeded and the commit
   * before it on the other lane has finished.
   */
  commit(batch: LedgerBatch, order: CommitOrder = {}): Promise<void> {
    const previous = this.applying;
    this.pendingCommits += 1;
    let done: Promise<void>;
    try {
      done = this.onLane(true, async (conn) => {
        try {
          await this.stageAndApply(conn, batch, order, previous);
        } finally {
          // DuckDB gets its threads back once no other batch is on its way.
          this.pendingCommits -= 1;
          if (this.pendingCommits === 0) await this.restoreThreads(conn);
        }
      });
    } catch (error) {
      this.pendingCommits -= 1;
      throw error;
    }
    this.applying = done;
    const clear = () => {
      if (this.applying === done) this.applying = null;
    };
    done.then(clear, clear);
    return done;
  }

  private async stageAndApply(
    conn: DuckDBConnection,
    batch: LedgerBatch,
    order: CommitOrder,
    previous: Promise<void> | null,
  ): Promise<void> {
    const before = { ...this.ids };
    let counts: StagedCounts;
    try {
      counts = await stagePlans(conn, batch.plans, this.ids);
      if (batch.crawl) await stageFrontier(conn, batch.crawl.job.id, batch.crawl.frontier);
      order.onStaged?.();
      if (previous) await previous.catch(() => undefined);
      if (order.after) await order.after;
    } catch (error) {
      this.restoreIds(before);
      throw error;
    }
    try {
      // One DuckDB thread while batches are applied: a parallel INSERT leaves part-filled row groups,
      // which the next checkpoint merges by rewriting nearly every link again (measured: +2.8 s and +88 MB
      // for 1.45 M links). One thread appends full row groups; the other core is planning the next batch
      // meanwhile. The setting stays while batches follow each other (commit() restores it): each change
      // of `threads` restarts DuckDB's workers and purges its allocator, and faulting the memory of the
      // next batch in again cost ~10% of an import's CPU (bench/results/ledger.md, session 8).
      const script = ['BEGIN TRANSACTION', ...applyStatements(batch.run, counts)];
      if (!this.oneThread) {
        this.oneThread = true;
        script.unshift('SET threads = 1');
      }
      // The stage is emptied with the commit: its rows would otherwise wait in memory for the next batch.
      const end = `${resetStage(...BATCH_STAGE_TABLES)};\nCOMMIT`;
      if (batch.crawl) {
        await conn.run(script.join(';\n'));
        await applyFrontier(conn);
        await saveCrawlJob(conn, batch.crawl.job);
        await conn.run(end);
      } else {
        await conn.run([...script, end].join(';\n'));
      }
    } catch (error) {
      await conn.run('ROLLBACK').catch(() => undefined);
      this.restoreIds(before);
      throw error;
    }
  }

  /**
   * Gives DuckDB back the thread count it was opened with, if commits had set it to one. Not worth an
   * error of its own (it would hide the batch's or the optimize's): reads just stay on one thread.
   */
  private async restoreThreads(conn: DuckDBConnection): Promise<void> {
    if (!this.oneThread) return;
    this.oneThread = false;
    await conn.run(`SET threads = ${this.threads}`).catch(() => undefined);
  }

  /**
   * A failed batch gives its ids back. Batches staged after it fail too and give theirs back in turn;
   * the lowest wins, so a failure leaves no gap whichever order they unwind in.
   */
  private restoreIds(before: IdCounters): void {
    this.ids.nextPageId = Math.min(this.ids.nextPageId, before.nextPageId);
    this.ids.nextLinkId = Math.min(this.ids.nextLinkId, before.nextLinkId);
  }

  saveImportRun(run: ImportRun): Promise<void> {
    return this.exclusive(() => saveRun(this.conn, run));
  }

  importRuns(key?: string): Promise<ImportRun[]> {
    return this.exclusive(async () => {
      const sql = `SELECT body FROM import_runs ${key === undefined ? '' : 'WHERE key = $1'} ORDER BY started_at, id`;
      const found = (
        await this.conn.runAndReadAll(sql, key === undefined ? [] : [key])
      ).getRowObjectsJS() as Row[];
      return found.map((r) => JSON.parse(r.body as string) as ImportRun);
    });
  }

  saveCrawlJob(job: CrawlJob): Promise<void> {
    return this.exclusive(() => saveCrawlJob(this.conn, job));
  }

  crawlJobs(key?: string): Promise<CrawlJob[]> {
    return this.exclusive(() => crawlJobs(this.conn, key));
  }

  frontier(jobId: string): Promise<FrontierEntry[]> {
    return this.exclusive(() => frontierOf(this.conn, jobId));
  }

  backlinks(query: BacklinkQuery): Promise<BacklinkRow[]> {
    return this.read((conn) => queryBacklinks(conn, query));
  }

  backlinkBatches(
    listing: BacklinkListing,
    onBatch: (rows: readonly BacklinkRow[]) => void | Promise<void>,
  ): Promise<number> {
    // A connection of its own: `onBatch` may query the store (authority of each batch) while this runs.
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return this.readers.useOwn((conn) => streamBacklinks(conn, listing, onBatch));
  }

  refDomains(query: RefDomainQuery): Promise<RefDomainRow[]> {
    return this.read((conn) => queryRefDomains(conn, query));
  }

  anchors(query: AnchorQuery): Promise<AnchorRow[]> {
    return this.read((conn) => queryAnchors(conn, query));
  }

  linkedPages(query: PageQuery): Promise<LinkedPageRow[]> {
    return this.read((conn) => queryPages(conn, query));
  }

  profile(query: ProfileQuery): Promise<ProfileFigures> {
    return this.read((conn) => queryProfile(conn, query));
  }

  sources(): Promise<{ source: string; links: number }[]> {
    return this.read(async (conn) => {
      const found = (
        await conn.runAndReadAll(
          'SELECT source, count(*)::INTEGER AS links FROM link_sources GROUP BY source ORDER BY source',
        )
      ).getRowObjectsJS() as Row[];
      return found.map((r) => ({ source: r.source as string, links: r.links as number }));
    });
  }

  counts(): Promise<StoreCounts> {
    return this.read(async (conn) => {
      const [r] = (
        await conn.runAndReadAll(`SELECT (SELECT count(*) FROM pages)::INTEGER AS pages,
          (SELECT count(*) FROM captures)::INTEGER AS captures, (SELECT count(*) FROM link_rows)::INTEGER AS links,
          (SELECT count(*) FROM link_sources)::INTEGER AS link_sources,
          (SELECT count(*) FROM import_runs)::INTEGER AS import_runs`)
      ).getRowObjectsJS() as Row[];
      return {
        pages: r!.pages as number,
        captures: r!.captures as number,
        links: r!.links as number,
        linkSources: r!.link_sources as number,
        importRuns: r!.import_runs as number,
      };
    });
  }

  linkGraph(onBatch: (links: readonly GraphLink[]) => void): Promise<number> {
    return this.exclusive(() => streamLinkGraph(this.conn, onBatch));
  }

  saveAuthority(run: AuthorityRun, levels: readonly LevelScores[]): Promise<void> {
    return this.exclusive(() => saveAuthority(this.conn, run, levels));
  }

  authorityRun(): Promise<AuthorityRun | null> {
    return this.read((conn) => readAuthorityRun(conn));
  }

  authorityOf(level: AuthorityLevel, keys: readonly string[]): Promise<Map<string, AuthorityScore>> {
    return this.read((conn) => authorityOf(conn, level, keys));
  }

  topAuthority(level: AuthorityLevel, limit?: number): Promise<AuthorityScore[]> {
    return this.read((conn) => topAuthority(conn, level, limit));
  }

  linkHistory(query: HistoryQuery): Promise<HistoryBucket[]> {
    return this.read((conn) => queryHistory(conn, query));
  }

  linkGap(query: GapQuery): Promise<GapDomainRow[]> {
    return this.read((conn) => queryGap(conn, query));
  }

  brokenPages(query: BrokenPageQuery): Promise<BrokenPageRow[]> {
    return this.read((conn) => queryBrokenPages(conn, query));
  }

  pageFacts(urls: readonly string[]): Promise<Map<string, PageFacts>> {
    return this.read((conn) => queryPageFacts(conn, urls));
  }

  linkingPagesPerDomain(filter: LinkFilter): Promise<Map<string, number>> {
    return this.read((conn) => queryLinkingPages(conn, filter));
  }

  addReview(entry: ReviewEntry): Promise<void> {
    return this.exclusive(() => addReview(this.conn, entry));
  }

  reviews(target: string): Promise<ReviewEntry[]> {
    return this.read((conn) => reviewsOf(conn, target));
  }

  removeReview(target: string, kind: ReviewKind, value: string): Promise<boolean> {
    return this.exclusive(() => removeReview(this.conn, target, kind, value));
  }

  saveDisavowVersion(version: NewDisavowVersion): Promise<DisavowVersion> {
    return this.exclusive(() => saveDisavowVersion(this.conn, version));
  }

  disavowVersions(target: string): Promise<DisavowVersion[]> {
    return this.read((conn) => disavowVersionsOf(conn, target));
  }

  dump(): Promise<LedgerDump> {
    return this.exclusive(() => dumpLedger(this.conn));
  }

  /**
   * Clusters links by target and compacts the file (optimize.ts). With `minUnsortedShare`, does nothing
   * while less than that share of the links was added since the last optimize.
   */
  optimize(options: { minUnsortedShare?: number } = {}): Promise<void> {
    return this.exclusive(async () => {
      // A commit queued behind this one keeps DuckDB on one thread; the copy needs them all, and a
      // reopened file starts at the opened count anyway.
      await this.restoreThreads(this.conn);
      if (options.minUnsortedShare !== undefined) {
        if ((await unclusteredShare(this.conn)) <= options.minUnsortedShare) return;
      }
      const path = this.options.path;
      if (path === ':memory:' || path === '') {
        await clusterInPlace(this.conn);
        return;
      }
      // A download streaming on a connection of its own would read a file swapped under it, and waiting
      // for it here could be forever (its client may stop reading, or it may need this turn): later.
      if (this.readers.streaming) return;
      const copy = `${path}.optimize-tmp`;
      await copyClustered(this.conn, copy);
      if (this.readers.streaming) {
        rmSync(copy, { force: true });
        rmSync(`${copy}.wal`, { force: true });
        return;
      }
      await this.readers.closeAll();
      this.closeLanes();
      this.conn.closeSync();
      this.instance.closeSync();
      try {
        renameSync(copy, path);
        rmSync(`${path}.wal`, { force: true });
        rmSync(`${copy}.wal`, { force: true });
        const next = await DuckDbLedgerStore.connect(this.options);
        this.instance = next.instance;
        this.conn = next.conn;
        await this.openLanes();
        await this.readers.open(next.instance);
      } catch (error) {
        // Nothing is open any more: refuse every call from now on rather than leave them waiting.
        this.closed = true;
        this.readers.fail(new Error(`the store is closed: reopening ${path} after optimize failed`));
        throw error;
      }
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.exclusive(async () => {
      this.closed = true;
      await this.readers.closeAll(true);
      this.closeLanes();
      this.conn.closeSync();
      this.instance.closeSync();
    });
  }

  /**
   * A read: on a pooled reader when there are some (in parallel with other reads and with writes), else
   * in turn on the writer's connection. While optimize swaps the file, reads wait in the writer's queue.
   */
  private read<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    if (!this.readers.enabled) return this.exclusive(() => work(this.conn));
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return this.readers.use(work);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.turns.exclusive(() => {
      if (this.closed) throw new Error('the store is closed');
      return work();
    });
  }

  private onLane<T>(advance: boolean, work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return this.turns.onLane(advance, (conn) => {
      if (this.closed) throw new Error('the store is closed');
      return work(conn);
    });
  }
}

export function openDuckDbStore(options: DuckDbStoreOptions): Promise<DuckDbLedgerStore> {
  return DuckDbLedgerStore.open(options);
}

/** The file's `ledger_meta.schema_version`; null for a new file (no ledger_meta yet) or none recorded. */
async function storedSchema(conn: DuckDBConnection): Promise<string | null> {
  const [meta] = (
    await conn.runAndReadAll(`SELECT 1 FROM information_schema.tables
      WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = 'ledger_meta'`)
  ).getRowObjectsJS();
  if (meta === undefined) return null;
  const [row] = (
    await conn.runAndReadAll(`SELECT value FROM ledger_meta WHERE key = 'schema_version'`)
  ).getRowObjectsJS() as Row[];
  return row === undefined ? null : String(row.value);
}
