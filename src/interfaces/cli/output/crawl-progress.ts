/**
 * What a running crawl shows: one live line on a terminal (pages, rate, queue, in flight, hosts waiting on
 * politeness, errors by kind), a plain line per second with `--progress lines`, and the final summary.
 */
import type { CrawlProgress, CrawlResult } from '../../../app/crawl/run-crawl.ts';

const n = (x: number) => x.toLocaleString('en-US');

export function renderCrawlProgress(p: CrawlProgress): string {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.stats.fetched / seconds : 0;
  const errors = Object.entries(p.stats.errors)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => `${kind} ${n(count)}`)
    .join(', ');
  return [
    `${n(p.stats.fetched)} pages`,
    `${rate.toFixed(1)}/s`,
    `queue ${n(p.queued)}`,
    `in flight ${p.inFlight}`,
    `hosts waiting ${p.hostsWaiting}`,
    errors === '' ? '' : `errors: ${errors}`,
  ]
    .filter((part) => part !== '')
    .join('  ');
}

export class CrawlProgressDisplay {
  private last = 0;
  private drawn = false;

  constructor(
    private readonly mode: 'auto' | 'bar' | 'lines' | 'none',
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(p: CrawlProgress): void {
    const live = this.mode === 'bar' || (this.mode === 'auto' && this.stream.isTTY === true);
    const now = performance.now();
    if (this.mode === 'none' || (!live && this.mode !== 'lines')) return;
    if (now - this.last < (live ? 200 : 1000)) return;
    this.last = now;
    const line = renderCrawlProgress(p);
    if (live) {
      this.drawn = true;
      this.stream.write(`\r${line.slice(0, (this.stream.columns ?? 120) - 1)}\x1b[K`);
    } else this.stream.write(`crawl ${line}\n`);
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

export function formatCrawlSummary(result: CrawlResult): string {
  const { job, ledger } = result;
  const s = job.stats;
  const seconds = ((job.finishedAt ?? job.updatedAt) - job.startedAt) / 1000;
  const state = result.interrupted ? 'interrupted (run the same command again to resume)' : 'finished';
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(', ');
  const lines = [
    `crawl ${job.id} ${state}${result.resumed ? ' (resumed)' : ''} in ${seconds.toFixed(1)} s`,
    `  pages ${n(s.fetched)} (HTML ${n(s.htmlPages)}), links ${n(s.links)}, redirects ${n(s.redirects)}, ` +
      `retries ${n(s.retries)}, ${(s.bytes / 1024 / 1024).toFixed(1)} MiB`,
    `  statuses: ${list(s.statuses) || 'none'}`,
    `  robots.txt disallowed ${n(s.robotsDisallowed)}; truncated ${n(s.truncated)}; sitemaps ${n(s.sitemaps)} ` +
      `(${n(s.sitemapUrls)} URLs)`,
    `  ledger: pages new ${n(ledger.newPages)}, links new ${n(ledger.newLinks)}, lost ${n(ledger.lostLinks)}, ` +
      `revived ${n(ledger.revivedLinks)}`,
  ];
  if (Object.keys(s.errors).length > 0) lines.push(`  errors: ${list(s.errors)}`);
  if (Object.keys(s.notFollowed).length > 0) lines.push(`  not followed: ${list(s.notFollowed)}`);
  return `${lines.join('\n')}\n`;
}
