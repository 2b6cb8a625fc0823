/**
 * The crawl use case: fetch pages breadth-first from seeds, politely, and put every page and link into the
 * ledger (source `crawl`), where re-crawled pages reveal lost links by the ledger's rules.
 *
 * One loop hands URLs to at most `concurrency` fetches at a time; FrontierQueue decides which URL may go
 * now without being rude to its host; robots.txt is fetched per origin before its first page (in that
 * host's slot, so it counts as one of its requests) and then filters the host's queue. Each fetched page
 * is committed to the ledger in the same transaction as its frontier rows (done, plus the URLs it led
 * to), so a killed crawl resumes (crawl-job.ts) with a ledger equal to that of an uninterrupted one, and
 * refetches only the pages that were in flight or not yet committed.
 */

import type {
  Fetcher,
  FetchFailure,
  FetchResponse,
  ResponseReader,
  SitemapReader,
} from '../../core/crawl/fetch-port.ts';
import type { CrawlJob, CrawlStats, FrontierEntry, FrontierKind } from '../../core/crawl/frontier-model.ts';
import { bump } from '../../core/crawl/frontier-model.ts';
import { FrontierQueue, type QueuedUrl } from '../../core/crawl/frontier-queue.ts';
import { backoffMs, retryAfterMs, retryableError, retryableStatus } from '../../core/crawl/retry.ts';
import { crawlDelaySeconds, sitemaps as robotsSitemaps } from '../../core/crawl/robots/hints.ts';
import { isAllowed } from '../../core/crawl/robots/match.ts';
import { type CrawlScopeRules, compileScope } from '../../core/crawl/scope.ts';
import type { CrawlSettings } from '../../core/crawl/settings.ts';
import { emptyStats, type ImportStats } from '../../core/ledger/import-run.ts';
import { captureOf } from '../../core/ledger/page-capture.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import type { LinkKind } from '../../core/link/link.ts';
import type { PageLinks } from '../../core/link/page.ts';
import { LedgerWriter } from '../ledger/ledger-writer.ts';
import { openCrawlJob } from './crawl-job.ts';
import { GIVE_UP, RobotsBook } from './robots-book.ts';

export interface CrawlPorts {
  store: LedgerStore;
  fetcher: Fetcher;
  readPage: ResponseReader;
  readSitemap: SitemapReader;
  now: () => number;
}

/** The adapters a crawl needs besides the store and the clock (chosen by the composition root). */
export type CrawlAdapters = Pick<CrawlPorts, 'fetcher' | 'readPage' | 'readSitemap'>;

export interface CrawlProgress {
  stats: CrawlStats;
  queued: number;
  inFlight: number;
  /** Hosts with queued URLs that are resting, held or busy. */
  hostsWaiting: number;
  elapsedMs: number;
}

export interface CrawlOptions {
  /** Resume the last unfinished job of the same crawl (default true). */
  resume?: boolean;
  /** Stop taking new URLs; what is in flight finishes and is committed; the job stays resumable. */
  signal?: AbortSignal;
  onProgress?: (progress: CrawlProgress) => void;
}

export interface CrawlResult {
  job: CrawlJob;
  resumed: boolean;
  /** Stopped by the signal before the frontier was exhausted. */
  interrupted: boolean;
  /** The ledger effect of this run (new pages, links, lost links). */
  ledger: ImportStats;
}

/** Link kinds a crawl follows: navigation, not resources (images, scripts, styles are not fetched). */
const FOLLOW_KINDS: ReadonlySet<LinkKind> = new Set(['a', 'area', 'frame', 'iframe', 'meta-refresh']);
/** Sitemap files read per crawl at most (indexes can nest and list thousands). */
const MAX_SITEMAPS = 1_000;
/**
 * Ledger commits: whenever no commit is running, what has been fetched since is committed (so a kill loses
 * at most the pages in flight and those of the commit under way); a batch holds at most BATCH_PAGES pages.
 */
const BATCH_PAGES = 50;
/** The loop wakes at least this often (progress, commits). */
const TICK_MS = 1_000;

export async function runCrawl(
  ports: CrawlPorts,
  settings: CrawlSettings,
  options: CrawlOptions = {},
): Promise<CrawlResult> {
  const crawl = await Crawl.open(ports, settings, options);
  return crawl.run();
}

class Crawl {
  private readonly queue: FrontierQueue;
  private readonly scope: CrawlScopeRules;
  private readonly robots: RobotsBook;
  private readonly writer: LedgerWriter;
  private readonly ledger = emptyStats();
  /** Every URL the crawl has seen, queued or done. */
  private readonly entries = new Map<string, FrontierEntry>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Page fetches started (the `maxPages` budget), retries excluded. */
  private pagesStarted = 0;
  private nextSeq = 0;
  private sitemapCount = 0;
  private wake: (() => void) | null = null;
  private failure: unknown = null;

  private constructor(
    private readonly ports: CrawlPorts,
    private readonly settings: CrawlSettings,
    private readonly options: CrawlOptions,
    private readonly job: CrawlJob,
    private readonly resumed: boolean,
    private readonly startedAt: number,
  ) {
    this.queue = new FrontierQueue(settings.perHost, settings.delayMs);
    this.scope = compileScope(settings);
    this.robots = new RobotsBook(ports.fetcher, settings.delayMs);
    this.writer = new LedgerWriter(ports.store, this.ledger, { batchPages: BATCH_PAGES, now: ports.now });
  }

  static async open(ports: CrawlPorts, settings: CrawlSettings, options: CrawlOptions): Promise<Crawl> {
    const now = ports.now();
    const opened = await openCrawlJob(ports.store, settings, now, options.resume !== false);
    const crawl = new Crawl(ports, settings, options, opened.job, opened.resumed, now);
    if (opened.resumed) crawl.restore(opened.frontier);
    else crawl.seed();
    return crawl;
  }

  private seed(): void {
    const rows: FrontierEntry[] = [];
    for (const url of this.settings.seeds) {
      const entry = this.enqueue(url, 'page', 0, 0, null);
      if (entry) rows.push(entry);
    }
    this.writer.addFrontier(this.job, rows);
  }

  private restore(frontier: readonly FrontierEntry[]): void {
    for (const entry of frontier) {
      this.entries.set(entry.url, entry);
      this.nextSeq = Math.max(this.nextSeq, entry.seq + 1);
      if (entry.kind === 'sitemap') this.sitemapCount += 1;
      if (entry.state === 'queued') this.queue.add(this.queued(entry));
      else if (entry.kind === 'page' && entry.outcome === 'fetched') this.pagesStarted += 1;
    }
  }

  async run(): Promise<CrawlResult> {
    const { signal } = this.options;
    const stopOnAbort = () => this.wake?.();
    signal?.addEventListener('abort', stopOnAbort);
    try {
      await this.loop();
      await Promise.all(this.inFlight);
      if (this.failure !== null) throw this.failure;
      const interrupted = signal?.aborted === true && (this.queue.size > 0 || this.inFlight.size > 0);
      await this.writer.flush();
      this.job.status = interrupted ? 'running' : 'done';
      this.job.updatedAt = this.ports.now();
      if (!interrupted) this.job.finishedAt = this.job.updatedAt;
      await this.ports.store.saveCrawlJob(this.job);
      this.progress();
      return { job: this.job, resumed: this.resumed, interrupted, ledger: this.ledger };
    } catch (error) {
      await Promise.allSettled(this.inFlight);
      this.job.status = 'failed';
      this.job.error = error instanceof Error ? error.message : String(error);
      this.job.updatedAt = this.ports.now();
      await this.ports.store.saveCrawlJob(this.job).catch(() => undefined);
      throw error;
    } finally {
      signal?.removeEventListener('abort', stopOnAbort);
    }
  }

  /**
   * Starts fetches while hosts allow, and commits what was fetched. Once stopping (the signal, or a
   * failure) it starts nothing new but goes on committing until every fetch under way has ended: those
   * fetches wait for their page's commit, which only this loop starts.
   */
  private async loop(): Promise<void> {
    for (;;) {
      const stopping = this.failure !== null || this.options.signal?.aborted === true;
      let waitAt: number | null = null;
      while (!stopping && this.inFlight.size < this.settings.concurrency && !this.budgetSpent()) {
        const next = this.queue.next(this.ports.now());
        if (next.kind !== 'fetch') {
          if (next.kind === 'wait') waitAt = next.at;
          break;
        }
        this.start(next.item);
      }
      if (this.inFlight.size === 0 && (stopping || this.queue.size === 0 || this.budgetSpent())) return;
      if (this.inFlight.size === 0 && waitAt === null)
        throw new Error('crawl: URLs are queued but no host can take a request (scheduler bug)');
      await this.maybeFlush().catch((error: unknown) => {
        this.failure ??= error; // the writer failed: the fetches waiting for it fail too, and end
      });
      await this.sleepUntil(waitAt);
    }
  }

  private budgetSpent(): boolean {
    return this.settings.maxPages !== null && this.pagesStarted >= this.settings.maxPages;
  }

  private start(item: QueuedUrl): void {
    const task = this.handle(item)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => {
        this.inFlight.delete(task);
        this.wake?.();
      });
    this.inFlight.add(task);
  }

  /** Waits until `at` (null: no timer) or until a fetch ends or the signal fires. */
  private async sleepUntil(at: number | null): Promise<void> {
    if (this.inFlight.size === 0 && at === null) return;
    await new Promise<void>((resolve) => {
      const delay = at === null ? null : Math.max(0, at - this.ports.now());
      const timer = delay === null ? null : setTimeout(done, Math.min(delay, TICK_MS));
      function done() {
        if (timer !== null) clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = null;
  }

  private async maybeFlush(): Promise<void> {
    if (this.writer.buffered === 0) return;
    if (!this.writer.writing) await this.writer.flush(false);
    // What is still buffered goes into the next commit as soon as this one ends.
    void this.writer.settled().then(() => this.wake?.());
  }

  private progress(): void {
    const now = this.ports.now();
    this.options.onProgress?.({
      stats: this.job.stats,
      queued: this.queue.size,
      inFlight: this.inFlight.size,
      hostsWaiting: this.queue.hostsWaiting(now),
      elapsedMs: now - this.startedAt,
    });
  }

  // --- one URL ---------------------------------------------------------------------------------------

  private async handle(item: QueuedUrl): Promise<void> {
    const origin = new URL(item.url).origin;
    const robots = this.robots.get(origin);
    if (robots?.state === 'unreachable' && robots.failures >= GIVE_UP) {
      this.queue.finished(item.host, this.ports.now());
      const rows: FrontierEntry[] = [];
      this.settle(item, givenUp(robots.reason), rows);
      await this.commit(rows);
      return;
    }
    if (robots === undefined || robots.state === 'unreachable') {
      // Uses this host's slot for robots.txt, then puts the URL back: the page waits its polite turn.
      const loaded = await this.robots.load(origin);
      this.queue.finished(item.host, this.ports.now());
      this.queue.add(item);
      this.robotsKnown(origin, item.host, loaded.state === 'unreachable' && loaded.failures < GIVE_UP);
      return;
    }
    if (item.kind === 'page') this.pagesStarted += 1;
    const entry = this.entries.get(item.url)!;
    let endedAt = this.ports.now();
    try {
      const result = await this.ports.fetcher.fetch({
        url: item.url,
        purpose: item.kind,
        maxBodyBytes: this.settings.maxBodyBytes,
        maxDecodedBytes: this.settings.maxDecodedBytes,
      });
      endedAt = this.ports.now();
      if (this.retry(item, entry, result, endedAt)) return;
      if (result.kind === 'failure') {
        bump(this.job.stats.errors, result.error);
        await this.commit([{ ...entry, state: 'done', outcome: `error:${result.error}` }]);
      } else if (item.kind === 'sitemap') await this.sitemapFetched(entry, result);
      else await this.pageFetched(entry, result, endedAt);
      // The host's slot is held until the page is committed: a kill can then cost at most one page per
      // host slot (`perHost`), the one in flight, and never a page fetched before it.
      await this.writer.committed();
    } finally {
      // The polite pause counts from the end of the response, not from the commit.
      this.queue.finished(item.host, endedAt);
    }
  }

  /** Requeues a URL after a 429, a busy 5xx or a network failure while attempts remain; holds its host. */
  private retry(
    item: QueuedUrl,
    entry: FrontierEntry,
    result: FetchResponse | FetchFailure,
    now: number,
  ): boolean {
    const again = result.kind === 'failure' ? retryableError(result.error) : retryableStatus(result.status);
    if (!again || entry.attempts >= this.settings.retries) return false;
    const told = result.kind === 'response' ? retryAfterMs(result.headers['retry-after'], now) : null;
    const wait = Math.min(told ?? backoffMs(entry.attempts + 1), this.settings.maxHostWaitMs);
    this.entries.set(entry.url, { ...entry, attempts: entry.attempts + 1 });
    this.job.stats.retries += 1;
    if (result.kind === 'response') this.countResponse(result);
    if (item.kind === 'page') this.pagesStarted -= 1; // a retry is the same page, not another one
    this.queue.hold(item.host, now + wait);
    this.queue.add(item);
    return true;
  }

  private countResponse(response: FetchResponse): void {
    const stats = this.job.stats;
    bump(stats.statuses, `${Math.floor(response.status / 100)}xx`);
    stats.bytes += response.wireBytes;
  }

  private async pageFetched(entry: FrontierEntry, response: FetchResponse, now: number): Promise<void> {
    const page = await this.ports.readPage(response);
    // Counted only now, in the same step as the commit: a batch closed while the page was being read
    // must not count a page whose rows it does not hold (a resumed crawl would count it again).
    const stats = this.job.stats;
    stats.fetched += 1;
    this.countResponse(response);
    if (response.truncated === 'body' || response.truncated === 'decoded') stats.truncated += 1;
    if (response.status >= 500 || response.status === 429) bump(stats.errors, `http-${response.status}`);
    const rows: FrontierEntry[] = [{ ...entry, state: 'done', outcome: 'fetched', status: response.status }];
    const redirect = page.links.find((l) => l.kind === 'redirect');
    if (redirect) {
      stats.redirects += 1;
      if (redirect.target !== null) this.followRedirect(entry, redirect.target, rows);
    } else {
      if (response.body !== null && response.status < 300) stats.htmlPages += 1;
      stats.links += page.links.length;
      if (!page.page.nofollow) this.followLinks(entry, page, rows);
    }
    await this.commit(rows, {
      ...page,
      source: 'crawl',
      capturedAt: now,
      contentHash: response.contentHash,
    });
  }

  private followRedirect(from: FrontierEntry, target: string, rows: FrontierEntry[]): void {
    const errors = this.job.stats.errors;
    if (this.inChain(from, target)) bump(errors, 'redirect-loop');
    else if (from.hops + 1 > this.settings.maxRedirects) bump(errors, 'too-many-redirects');
    else if (!this.entries.has(target)) {
      // A redirect keeps its depth; in `page` scope the user asked for the page wherever it moved.
      const verdict = this.settings.scope === 'page' ? 'follow' : this.scope.verdict(target, from.depth);
      if (verdict !== 'follow') bump(this.job.stats.notFollowed, verdict);
      else this.add(rows, target, 'page', from.depth, from.hops + 1, from.url);
    }
  }

  /** Whether `target` is one of the URLs of the redirect chain that ends at `entry`. */
  private inChain(entry: FrontierEntry, target: string): boolean {
    let at: FrontierEntry | undefined = entry;
    for (let i = 0; at !== undefined && i <= this.settings.maxRedirects; i++) {
      if (at.url === target) return true;
      if (at.hops === 0 || at.via === null) return false;
      at = this.entries.get(at.via);
    }
    return false;
  }

  private followLinks(entry: FrontierEntry, page: PageLinks, rows: FrontierEntry[]): void {
    const depth = entry.depth + 1;
    for (const link of page.links) {
      if (link.target === null || link.nofollow || !FOLLOW_KINDS.has(link.kind)) continue;
      if (this.entries.has(link.target)) continue;
      const verdict = this.scope.verdict(link.target, depth);
      if (verdict !== 'follow') bump(this.job.stats.notFollowed, verdict);
      else this.add(rows, link.target, 'page', depth, 0, entry.url);
    }
  }

  private async sitemapFetched(entry: FrontierEntry, response: FetchResponse): Promise<void> {
    const stats = this.job.stats;
    this.countResponse(response);
    const rows: FrontierEntry[] = [{ ...entry, state: 'done', outcome: 'fetched', status: response.status }];
    if (response.status < 300 && response.body !== null) {
      stats.sitemaps += 1;
      const found = this.ports.readSitemap(response.body, entry.url);
      stats.sitemapUrls += found.urls.length;
      for (const url of found.sitemaps) {
        if (this.sitemapCount < MAX_SITEMAPS && !this.entries.has(url) && this.sameSiteAs(url, entry.url))
          this.add(rows, url, 'sitemap', 0, 0, entry.url);
      }
      for (const url of found.urls) {
        if (this.entries.has(url)) continue;
        const verdict = this.scope.verdict(url, 1);
        if (verdict !== 'follow') bump(stats.notFollowed, verdict);
        else this.add(rows, url, 'page', 1, 0, entry.url);
      }
    } else bump(stats.errors, 'sitemap-unavailable');
    await this.commit(rows);
  }

  // --- robots.txt ------------------------------------------------------------------------------------

  /**
   * After robots.txt of an origin was (re)loaded: apply its Crawl-delay, queue its sitemaps, and settle the
   * host's queued URLs of that origin (disallowed ones are done; with robots unreachable, they wait for one
   * more try, or are given up).
   */
  private robotsKnown(origin: string, host: string, retryLater: boolean): void {
    const entry = this.robots.get(origin)!;
    const rows: FrontierEntry[] = [];
    const now = this.ports.now();
    if (entry.state === 'unreachable') {
      bump(this.job.stats.errors, `robots-${entry.reason}`);
      if (retryLater) {
        this.queue.hold(host, now + this.settings.robotsRetryMs);
        return;
      }
    } else {
      const delay = crawlDelaySeconds(entry.robots, this.settings.userAgent);
      if (delay !== null) this.queue.setDelay(host, Math.min(delay * 1000, this.settings.maxHostWaitMs));
      if (this.settings.sitemaps && this.settings.scope !== 'page') {
        for (const raw of robotsSitemaps(entry.robots)) {
          const url = safeUrl(raw);
          if (
            url &&
            this.sitemapCount < MAX_SITEMAPS &&
            !this.entries.has(url) &&
            this.sameSiteAs(url, origin)
          )
            this.add(rows, url, 'sitemap', 0, 0, null);
        }
      }
    }
    for (const item of this.queue.drain(host)) {
      if (new URL(item.url).origin !== origin) this.queue.add(item);
      else if (entry.state === 'unreachable') this.settle(item, givenUp(entry.reason), rows);
      else if (!isAllowed(entry.robots, this.settings.userAgent, item.url)) {
        this.job.stats.robotsDisallowed += 1;
        this.settle(item, 'robots-disallowed', rows);
      } else this.queue.add(item);
    }
    if (rows.length > 0) this.writer.addFrontier(this.job, rows);
  }

  private settle(item: QueuedUrl, outcome: string, rows: FrontierEntry[]): void {
    const done: FrontierEntry = { ...this.entries.get(item.url)!, state: 'done', outcome };
    this.entries.set(item.url, done);
    rows.push(done);
  }

  /** A sitemap is read only for the site it describes (sitemaps.org: same host). */
  private sameSiteAs(url: string, other: string): boolean {
    const host = new URL(url).hostname;
    return (
      host === new URL(other).hostname &&
      (this.settings.scope === 'discover' || this.scope.verdict(url, 0) === 'follow')
    );
  }

  // --- frontier and ledger ---------------------------------------------------------------------------

  private add(
    rows: FrontierEntry[],
    url: string,
    kind: FrontierKind,
    depth: number,
    hops: number,
    via: string | null,
  ): void {
    const entry = this.enqueue(url, kind, depth, hops, via);
    if (entry) rows.push(entry);
  }

  /** Adds a URL the crawl has not seen; robots.txt already known for its origin is applied at once. */
  private enqueue(
    url: string,
    kind: FrontierKind,
    depth: number,
    hops: number,
    via: string | null,
  ): FrontierEntry | null {
    if (this.entries.has(url)) return null;
    const entry: FrontierEntry = {
      url,
      kind,
      depth,
      hops,
      seq: this.nextSeq++,
      state: 'queued',
      outcome: null,
      status: null,
      attempts: 0,
      via,
    };
    if (kind === 'sitemap') this.sitemapCount += 1;
    this.job.stats.queued += 1;
    const robots = this.robots.get(new URL(url).origin);
    if (robots?.state === 'ready' && !isAllowed(robots.robots, this.settings.userAgent, url)) {
      this.job.stats.robotsDisallowed += 1;
      entry.state = 'done';
      entry.outcome = 'robots-disallowed';
    } else if (robots?.state === 'unreachable' && robots.failures >= GIVE_UP) {
      entry.state = 'done';
      entry.outcome = givenUp(robots.reason);
    } else this.queue.add(this.queued(entry));
    this.entries.set(url, entry);
    return entry;
  }

  private queued(entry: FrontierEntry): QueuedUrl {
    return {
      url: entry.url,
      kind: entry.kind,
      host: new URL(entry.url).hostname,
      depth: entry.depth,
      seq: entry.seq,
    };
  }

  /**
   * Hands frontier rows (and the page's capture) to the ledger writer: rows first, so a batch that holds a
   * capture always holds the rows that say it was fetched.
   */
  private async commit(rows: FrontierEntry[], page?: Parameters<typeof captureOf>[0]): Promise<void> {
    for (const row of rows) this.entries.set(row.url, row);
    this.job.updatedAt = this.ports.now();
    this.writer.addFrontier(this.job, rows);
    if (page) await this.writer.add({ kind: 'capture', capture: captureOf(page) });
    this.wake?.(); // the loop starts a commit as soon as none is running
    this.progress();
  }
}

/** The outcome of URLs whose robots.txt could not be had: a refused address says so. */
function givenUp(reason: string): string {
  return reason === 'blocked-address' ? 'blocked-address' : 'robots-unavailable';
}

function safeUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
