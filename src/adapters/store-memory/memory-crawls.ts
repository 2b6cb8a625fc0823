/** Crawl jobs and frontiers of the in-memory store (copies in, copies out, like the rest of the store). */
import type { CrawlBatch, CrawlJob, FrontierEntry } from '../../core/crawl/frontier-model.ts';

export class MemoryCrawls {
  private readonly jobs = new Map<string, CrawlJob>();
  private readonly frontiers = new Map<string, Map<string, FrontierEntry>>();

  saveJob(job: CrawlJob): void {
    this.jobs.set(job.id, structuredClone(job));
  }

  jobsOf(key?: string): CrawlJob[] {
    return [...this.jobs.values()]
      .filter((j) => key === undefined || j.key === key)
      .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((j) => structuredClone(j));
  }

  apply(batch: CrawlBatch): void {
    this.saveJob(batch.job);
    let frontier = this.frontiers.get(batch.job.id);
    if (!frontier) {
      frontier = new Map();
      this.frontiers.set(batch.job.id, frontier);
    }
    for (const entry of batch.frontier) frontier.set(entry.url, { ...entry });
  }

  frontier(jobId: string): FrontierEntry[] {
    return [...(this.frontiers.get(jobId)?.values() ?? [])]
      .sort((a, b) => a.depth - b.depth || a.seq - b.seq)
      .map((e) => ({ ...e }));
  }
}
