/**
 * The work a server can run in the background (job-board.ts): import files, crawl from seeds, rank the
 * ledger. Each is the same application function the CLI command runs, with progress reported to the job
 * and cancellation through its signal (imports stop after the batch in flight and stay resumable; a crawl
 * commits what is in flight and stays resumable; a rank run is short and finishes).
 */

import type { CrawlScope, CrawlSettings } from '../../core/crawl/settings.ts';
import type { ImportSource } from '../../core/ledger/import-source.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import type { CrawlAdapters } from '../crawl/run-crawl.ts';
import { runCrawl } from '../crawl/run-crawl.ts';
import { rankLedger } from '../ledger/rank-ledger.ts';
import { runImport } from '../ledger/run-import.ts';
import type { JobContext, JobWork } from './job-board.ts';

export interface ImportJobParams {
  /** Files or folders on the server (checked by `resolvePaths`). */
  paths: string[];
  /** Source tag instead of the detected one (`gsc`, `ahrefs`...). */
  source?: string;
  /** The files were uploaded for this job: removed once imported (kept when it fails, to resume). */
  uploaded?: { name: string; bytes: number };
}

export interface CrawlJobParams {
  seeds: string[];
  scope?: CrawlScope;
  maxPages?: number;
  maxDepth?: number;
}

export interface RankJobParams {
  dofollowOnly?: boolean;
}

export interface JobWorks {
  import: (params: ImportJobParams) => JobWork;
  crawl: (params: CrawlJobParams) => JobWork;
  rank: (params: RankJobParams) => JobWork;
}

export interface JobPorts {
  store: LedgerStore;
  now: () => number;
  /**
   * The paths an import job may read, resolved; throws a UsageError for one the server may not read
   * (called when the job is submitted, so a bad path is refused at once).
   */
  resolvePaths: (paths: readonly string[]) => string[];
  /** Removes uploaded files that were imported. */
  removeUploads: (paths: readonly string[]) => void;
  /** Opens the inputs as import sources (format detection). */
  openSources: (
    paths: readonly string[],
    options: { now: number; source?: string },
  ) => Promise<ImportSource[]>;
  /** The fetcher and readers of a crawl with these settings. */
  crawlAdapters: (settings: CrawlSettings) => Promise<CrawlAdapters>;
  /** Crawl settings the server imposes (user agent, private networks allowed or not). */
  crawlDefaults: (seeds: readonly string[]) => CrawlSettings;
}

export function jobWorks(ports: JobPorts): JobWorks {
  return {
    import: (params) => {
      const paths = ports.resolvePaths(params.paths);
      return {
        kind: 'import',
        params: { ...params },
        unit: 'bytes',
        run: (ctx) => importFiles(ports, { ...params, paths }, ctx),
      };
    },
    crawl: (params) => ({
      kind: 'crawl',
      params: { ...params },
      unit: 'pages',
      run: (ctx) => crawl(ports, params, ctx),
    }),
    rank: (params) => ({
      kind: 'rank',
      params: { ...params },
      unit: 'runs',
      run: async (ctx) => {
        ctx.report({
          done: 0,
          total: 1,
          message: 'reading the link graph and ranking pages, hosts, domains',
        });
        const ranked = await rankLedger(ports.store, {
          now: ports.now(),
          dofollowOnly: params.dofollowOnly ?? false,
        });
        ctx.report({ done: 1, message: 'ranked' });
        return {
          run: { ...ranked.run, rankedAt: new Date(ranked.run.rankedAt).toISOString() },
          top: ranked.top,
        };
      },
    }),
  };
}

async function importFiles(ports: JobPorts, params: ImportJobParams, ctx: JobContext) {
  const sources = await ports.openSources(params.paths, {
    now: ports.now(),
    ...(params.source === undefined ? {} : { source: params.source }),
  });
  const sizes = sources.map((s) => s.totalBytes);
  const total = sizes.every((b) => b !== null) ? sizes.reduce((a, b) => a! + b!, 0) : null;
  let before = 0;
  const runs = [];
  for (const [i, source] of sources.entries()) {
    const name = source.identity.input;
    const label = `${i + 1}/${sources.length} ${name} (${source.format})`;
    ctx.report({ done: before, total, message: `importing ${label}` });
    const run = await runImport(ports.store, source, {
      now: ports.now,
      signal: ctx.signal,
      onProgress: ({ stats, offset }) =>
        ctx.report({
          done: before + offset,
          message: `importing ${label}: ${stats.records.toLocaleString('en-US')} records, ${stats.newLinks.toLocaleString('en-US')} new links`,
        }),
    });
    before += source.totalBytes ?? 0;
    runs.push({
      input: name,
      format: run.format,
      source: run.source,
      status: run.status,
      stats: run.stats,
      // What the CLI prints after its summary, e.g. the source tag to give a Common Crawl segment.
      ...(source.hint === undefined ? {} : { hint: source.hint }),
    });
    ctx.report({ done: before, message: `imported ${label}` });
  }
  if (params.uploaded) ports.removeUploads(params.paths);
  return { runs };
}

async function crawl(ports: JobPorts, params: CrawlJobParams, ctx: JobContext) {
  const settings = ports.crawlDefaults(params.seeds);
  if (params.scope !== undefined) settings.scope = params.scope;
  if (params.maxPages !== undefined) settings.maxPages = params.maxPages;
  if (params.maxDepth !== undefined) settings.maxDepth = params.maxDepth;
  const adapters = await ports.crawlAdapters(settings);
  const total = settings.maxPages;
  try {
    const result = await runCrawl({ store: ports.store, ...adapters, now: ports.now }, settings, {
      signal: ctx.signal,
      onProgress: (p) =>
        ctx.report({
          done: p.stats.fetched,
          total,
          message: `${p.stats.fetched} fetched, ${p.queued} queued, ${p.inFlight} in flight, ${p.stats.links} links`,
        }),
    });
    return {
      job: result.job,
      resumed: result.resumed,
      interrupted: result.interrupted,
      ledger: result.ledger,
    };
  } finally {
    await adapters.fetcher.close();
  }
}
