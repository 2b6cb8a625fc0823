/**
 * Buffers ledger inputs (captures, observations, bad rows) into batches and writes each batch through the
 * store port: load the touched pages' state, plan every page with the pure rules (core/ledger/plan-page.ts),
 * commit the plans and the run checkpoint in one transaction.
 *
 * A batch closes when it holds `batchLinks` links or `batchPages` pages. The checkpoint committed with a
 * batch is the end position of the last input in it, so a resumed import restarts exactly after the last
 * committed input. Inputs for one page within a batch are planned together (order-independent rules).
 * Pipelined: while one batch is being written, the caller keeps producing the next (a reader parsing
 * WARC/HTML overlaps with the database work), and with a store that stages ahead (`commit`'s `onStaged`)
 * the next batch is planned and staged while the previous one's transaction runs. Batches commit in order;
 * a page that a batch still committing also holds is planned once that commit is done (the pages before it
 * are planned and staged meanwhile).
 */
import type { CrawlBatch, CrawlJob, FrontierEntry } from '../../core/crawl/frontier-model.ts';
import {
  type Checkpoint,
  countBadRow,
  countSkip,
  emptyStats,
  type ImportRun,
  type ImportStats,
} from '../../core/ledger/import-run.ts';
import type { IngestItem } from '../../core/ledger/import-source.ts';
import { BoundedMemo } from '../../core/ledger/keys.ts';
import type { CaptureInput, EpochMs, ObservationInput, PageLedgerState } from '../../core/ledger/model.ts';
import { newLinkCount } from '../../core/ledger/plan-fresh.ts';
import { type PagePlan, planPage } from '../../core/ledger/plan-page.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { registrableDomain } from '../../core/url/host-keys.ts';

export type { IngestItem };

export interface WriterOptions {
  /**
   * Links per batch (default 500,000): bigger batches write faster (DuckDB writes whole row groups of
   * 122,880 rows straight to the file), a kill loses more uncommitted work.
   */
  batchLinks?: number;
  batchPages?: number;
  /** Saved with every batch; its stats and checkpoint are updated in place. */
  run?: ImportRun | null;
  /** The clock of the caller, for the run's `updatedAt`. */
  now?: () => EpochMs;
  onBatch?: (stats: ImportStats, checkpoint: Checkpoint | null) => void;
  /**
   * Stops the import between items: the batch being written finishes, what is buffered is dropped (the
   * checkpoint only covers committed batches, so a resumed run reads it again), and ingest throws
   * ImportCancelled.
   */
  signal?: AbortSignal;
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled; run it again to resume');
    this.name = 'ImportCancelled';
  }
}

/** How a write relates to the one before it (still under way, or done). */
interface WriteOrder {
  previous: Promise<void>;
  /**
   * Its pages that a write under way also holds: each is planned only once `previous` (and so that
   * write) has committed. The pages before the first of them are planned and staged meanwhile.
   */
  shared: ReadonlySet<string>;
  /** Lets the next write start (called by the store once this batch is staged, or when the write ends). */
  staged: () => void;
}

interface PendingPage {
  captures: CaptureInput[];
  observations: ObservationInput[];
}

const domainMemo = new BoundedMemo<string>(registrableDomain);
const planContext = { domainOf: (host: string) => domainMemo.get(host) };

export class LedgerWriter {
  private pending = new Map<string, PendingPage>();
  /** Counts of the buffered inputs: added to `stats` when their batch is written, with its checkpoint. */
  private pendingStats = emptyStats();
  private pendingLinks = 0;
  private checkpoint: Checkpoint | null = null;
  private pendingFrontier: FrontierEntry[] = [];
  private crawlJob: CrawlJob | null = null;
  private inflight: Promise<void> = Promise.resolve();
  /** Resolves once the write under way no longer keeps the next one from starting (staged, or done). */
  private staged: Promise<void> = Promise.resolve();
  /** The pages of each write under way, until it has committed (or failed). */
  private readonly inflightUrls = new Set<ReadonlySet<string>>();
  /** `stats` plus the batches planned but not committed yet: what the next batch's run snapshot builds on. */
  private planned: ImportStats;
  /** The first write that failed: no later flush may report success (stores fail later batches too). */
  private failed: { error: unknown } | null = null;
  private writes = 0;
  /** Callers waiting for the inputs buffered now to be committed. */
  private waiting: Deferred | null = null;
  /**
   * Settles when the batch most recently taken by a flush has committed (or failed). Set as the flush takes
   * the inputs, before it waits for the write ahead of it: `inflight` is still that earlier write then.
   */
  private taken: Promise<void> = Promise.resolve();
  private readonly batchLinks: number;
  private readonly batchPages: number;

  constructor(
    private readonly store: LedgerStore,
    readonly stats: ImportStats,
    private readonly options: WriterOptions = {},
  ) {
    this.batchLinks = options.batchLinks ?? 500_000;
    this.batchPages = options.batchPages ?? 20_000;
    this.planned = structuredClone(stats);
  }

  async add(item: IngestItem): Promise<void> {
    const counts = this.pendingStats;
    switch (item.kind) {
      case 'capture': {
        counts.records += 1;
        counts.captures += 1;
        this.entry(item.capture.page.url).captures.push(item.capture);
        this.pendingLinks += item.capture.links.length;
        break;
      }
      case 'observation': {
        counts.records += 1;
        counts.observations += 1;
        this.entry(item.observation.sourceUrl).observations.push(item.observation);
        this.pendingLinks += 1;
        break;
      }
      case 'bad-row':
        counts.records += 1;
        countBadRow(counts, { line: item.line, reason: item.reason });
        break;
      case 'skip':
        counts.records += 1;
        countSkip(counts, item.reason);
        break;
    }
    if (item.end) this.checkpoint = item.end;
    if (this.pendingLinks >= this.batchLinks || this.pending.size >= this.batchPages) await this.flush(false);
  }

  /**
   * Frontier rows of a crawl, committed with the next batch together with a snapshot of `job` taken when the
   * batch is closed (so the job's counts describe exactly what is committed).
   */
  addFrontier(job: CrawlJob, entries: readonly FrontierEntry[]): void {
    this.crawlJob = job;
    for (const e of entries) this.pendingFrontier.push(e);
  }

  /** True while a batch is being written. */
  get writing(): boolean {
    return this.writes > 0;
  }

  /** Resolves when the write under way (if any) has finished, whether it succeeded or not. */
  settled(): Promise<void> {
    return this.inflight.then(
      () => undefined,
      () => undefined,
    );
  }

  /**
   * Resolves once everything added so far is committed (the buffered inputs by a later flush, or the write
   * under way); rejects when that commit fails. The caller (or its loop) must flush.
   */
  committed(): Promise<void> {
    if (this.failed) return rejected(this.failed.error); // what is buffered now will never be written
    if (this.pending.size === 0 && this.pendingFrontier.length === 0) return this.taken;
    this.waiting ??= deferred();
    return this.waiting.promise;
  }

  /** Buffered inputs (pages and frontier rows) not yet handed to a write. */
  get buffered(): number {
    return this.pending.size + this.pendingFrontier.length;
  }

  /**
   * Writes what is buffered (and the run's checkpoint and counts, even when only bad rows were read).
   * With `wait` false it returns once the write has started (once the previous one was staged).
   */
  async flush(wait = true): Promise<void> {
    const run = this.options.run ?? null;
    if (
      this.pending.size > 0 ||
      this.pendingFrontier.length > 0 ||
      (run !== null && (this.checkpoint !== null || this.pendingStats.records > 0))
    ) {
      const pending = this.pending;
      const checkpoint = this.checkpoint;
      const counts = this.pendingStats;
      const crawl: CrawlBatch | null =
        this.crawlJob === null
          ? null
          : { job: structuredClone(this.crawlJob), frontier: this.pendingFrontier };
      this.pending = new Map();
      this.pendingStats = emptyStats();
      this.pendingLinks = 0;
      this.pendingFrontier = [];
      const waiting = this.waiting ?? deferred();
      this.waiting = null;
      this.taken = waiting.promise;
      // Take this batch's turn now, before waiting: a flush called meanwhile waits until this batch is
      // staged (two flushes let through by one turn would plan from the same stats and could each wait
      // for the other's commit).
      const turn = this.staged;
      let staged!: () => void;
      this.staged = new Promise<void>((resolve) => {
        staged = resolve;
      });
      await turn;
      if (this.failed) {
        staged();
        waiting.reject(this.failed.error);
        throw this.failed.error;
      }
      const previous = this.inflight;
      const urls = new Set(pending.keys());
      const shared = sharedUrls(urls, this.inflightUrls);
      this.writes += 1;
      const write = this.write(pending, checkpoint, counts, crawl, {
        previous,
        shared,
        staged,
      }).finally(() => {
        this.writes -= 1;
        this.inflightUrls.delete(urls);
      });
      // After `write` has settled, so a flush waiting for this sees its failure.
      write.then(staged, staged);
      this.inflightUrls.add(urls);
      write.then(waiting.resolve, waiting.reject);
      write.catch(() => undefined); // awaited by the next flush; never an unhandled rejection
      this.inflight = write;
    }
    if (wait) {
      await this.taken; // batches commit in order: the last one taken is the last to commit
      if (this.failed) throw this.failed.error;
    }
  }

  /**
   * Plans and commits one batch. The statistics and the run are updated only after the commit succeeded:
   * a failed commit must not leave a checkpoint (or counts) claiming the batch was written.
   */
  private async write(
    pending: Map<string, PendingPage>,
    checkpoint: Checkpoint | null,
    counts: ImportStats,
    crawl: CrawlBatch | null,
    order: WriteOrder,
  ): Promise<void> {
    try {
      await this.planAndCommit(pending, checkpoint, counts, crawl, order);
    } catch (error) {
      this.planned = structuredClone(this.stats);
      this.failed ??= { error };
      throw error;
    }
  }

  private async planAndCommit(
    pending: Map<string, PendingPage>,
    checkpoint: Checkpoint | null,
    counts: ImportStats,
    crawl: CrawlBatch | null,
    order: WriteOrder,
  ): Promise<void> {
    const run = this.options.run ?? null;
    const shared = order.shared;
    const next = structuredClone(this.planned);
    addInputCounts(next, counts);
    const unshared = [...pending.keys()].filter((url) => !shared.has(url));
    const states = unshared.length > 0 ? await this.store.loadPageStates(unshared) : new Map();
    // A page of a batch still committing: its state is only known once that commit is done. The pages
    // before it are planned and staged meanwhile (a page captured again in the next batch, as WARC
    // revisits are, once held the whole batch back: bench/results/ledger.md, session 11). Plans keep the
    // input's order, so ids do not depend on when that commit ends. The states are read from within the
    // plans, when the store reaches the first shared page, so inside this batch's turn with the store: an
    // optimize or close queued earlier has finished, and none runs meanwhile.
    let sharedStates: Promise<Map<string, PageLedgerState>> | null = null;
    // Filled in once every page is planned: the run saved with the batch counts all of them.
    const snapshot: ImportRun | null = run === null ? null : { ...run };
    // Pages are planned as the store stages them: each plan becomes garbage once staged instead of a
    // whole batch of plans outliving the young generation (bench/results/ledger.md, session 11).
    const plans = async function* (this: LedgerWriter): AsyncGenerator<PagePlan> {
      for (const [url, entry] of pending) {
        let state = states.get(url);
        if (shared.has(url)) {
          sharedStates ??= order.previous.then(() => this.store.loadCommittedPageStates([...shared]));
          state = (await sharedStates).get(url);
        }
        const plan = planPage(url, state ?? null, entry.captures, entry.observations, planContext);
        countPlan(next, plan);
        if (
          plan.pageChanged ||
          plan.newCaptures.length > 0 ||
          newLinkCount(plan) > 0 ||
          plan.touchedLinks.length > 0
        ) {
          yield plan;
        }
      }
      if (run !== null && snapshot !== null) {
        snapshot.checkpoint = checkpoint === null ? run.checkpoint : { ...checkpoint };
        snapshot.stats = next;
        snapshot.updatedAt = this.options.now?.() ?? run.updatedAt;
      }
      this.planned = next;
    }.call(this);
    await this.store.commit(
      { plans, run: snapshot, crawl },
      { after: order.previous, onStaged: order.staged },
    );
    Object.assign(this.stats, structuredClone(next));
    if (run !== null && snapshot !== null) {
      run.checkpoint = snapshot.checkpoint;
      run.updatedAt = snapshot.updatedAt;
      run.stats = this.stats;
    }
    this.options.onBatch?.(this.stats, checkpoint);
  }

  private entry(url: string): PendingPage {
    let entry = this.pending.get(url);
    if (!entry) {
      entry = { captures: [], observations: [] };
      this.pending.set(url, entry);
    }
    return entry;
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function rejected(error: unknown): Promise<void> {
  const promise = Promise.reject(error);
  promise.catch(() => undefined); // observed by whoever awaits it
  return promise;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // observed by whoever awaits it
  return { promise, resolve, reject };
}

/** The URLs of `urls` that one of `batches` also holds. */
function sharedUrls(urls: ReadonlySet<string>, batches: ReadonlySet<ReadonlySet<string>>): Set<string> {
  const shared = new Set<string>();
  for (const other of batches) for (const url of other) if (urls.has(url)) shared.add(url);
  return shared;
}

function countPlan(s: ImportStats, plan: PagePlan): void {
  s.sightings += plan.counts.sightings;
  if (plan.pageIsNew) s.newPages += 1;
  s.newLinks += newLinkCount(plan);
  for (const t of plan.touchedLinks) if (t.changed) s.updatedLinks += 1;
  s.lostLinks += plan.counts.lostNow;
  s.revivedLinks += plan.counts.revived;
  countSkip(s, 'non-web-target', plan.counts.skippedTargets);
  countSkip(s, 'unavailable-capture', plan.counts.unavailableCaptures);
}

function addInputCounts(stats: ImportStats, counts: ImportStats): void {
  stats.records += counts.records;
  stats.captures += counts.captures;
  stats.observations += counts.observations;
  for (const [reason, n] of Object.entries(counts.skipped)) countSkip(stats, reason, n);
  for (const row of counts.badRowSamples) countBadRow(stats, row);
  stats.badRows += counts.badRows - counts.badRowSamples.length;
}

/** Feeds every item through a writer and flushes at the end. */
export async function ingest(
  store: LedgerStore,
  items: AsyncIterable<IngestItem> | Iterable<IngestItem>,
  stats: ImportStats,
  options: WriterOptions = {},
): Promise<ImportStats> {
  const writer = new LedgerWriter(store, stats, options);
  const signal = options.signal;
  try {
    for await (const item of items) {
      await writer.add(item);
      if (signal?.aborted) throw new ImportCancelled();
    }
  } catch (error) {
    // The batch being written ends first, so the caller's record of the run (its checkpoint, its status)
    // is written after it and describes what is committed.
    await writer.settled();
    throw error;
  }
  await writer.flush();
  return stats;
}
