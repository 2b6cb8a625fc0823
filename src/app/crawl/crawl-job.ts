/**
 * Starting or resuming a crawl job. A job's key is what defines the crawl (seeds, scope, patterns, limits);
 * running the same crawl again while its last job is unfinished (killed, interrupted) resumes that job from
 * its stored frontier. A finished crawl run again is a new job: a re-crawl, which is how lost links are found.
 */
import { createHash } from 'node:crypto';
import { type CrawlJob, emptyCrawlStats, type FrontierEntry } from '../../core/crawl/frontier-model.ts';
import type { CrawlSettings } from '../../core/crawl/settings.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';

export function crawlKey(settings: CrawlSettings): string {
  const defining = [
    [...settings.seeds].sort(),
    settings.scope,
    settings.include,
    settings.exclude,
    settings.maxDepth,
    settings.maxPages,
  ];
  return createHash('sha256').update(JSON.stringify(defining)).digest('hex').slice(0, 32);
}

export interface OpenedJob {
  job: CrawlJob;
  /** The stored frontier of a resumed job (empty for a new one). */
  frontier: FrontierEntry[];
  resumed: boolean;
}

export async function openCrawlJob(
  store: LedgerStore,
  settings: CrawlSettings,
  now: number,
  resume: boolean,
): Promise<OpenedJob> {
  const key = crawlKey(settings);
  const jobs = await store.crawlJobs(key);
  const last = jobs.at(-1);
  if (resume && last && last.status !== 'done') {
    const job: CrawlJob = { ...last, settings, status: 'running', updatedAt: now, error: null };
    await store.saveCrawlJob(job);
    return { job, frontier: await store.frontier(job.id), resumed: true };
  }
  const job: CrawlJob = {
    id: `${key.slice(0, 16)}-${jobs.length + 1}`,
    key,
    settings,
    status: 'running',
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
    stats: emptyCrawlStats(),
    error: null,
  };
  await store.saveCrawlJob(job);
  return { job, frontier: [], resumed: false };
}
