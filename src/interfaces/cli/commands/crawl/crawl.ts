/**
 * `linkledger crawl URL...`: fetch pages politely from the seeds and put their links into the ledger.
 * Ctrl-C stops taking new URLs, commits what is in flight and leaves the crawl resumable (run the same
 * command again); so does a kill, minus the pages that were in flight.
 */
import { type Command, Option } from 'commander';
import { type CrawlAdapters, runCrawl } from '../../../../app/crawl/run-crawl.ts';
import { CRAWL_SCOPES, type CrawlScope, type CrawlSettings } from '../../../../core/crawl/settings.ts';
import type { LedgerStore } from '../../../../core/ledger/store.ts';
import { normalizeUrl } from '../../../../core/url/normalize.ts';
import { dbPathOf } from '../../db-path.ts';
import { CrawlProgressDisplay, formatCrawlSummary } from '../../output/crawl-progress.ts';
import { addNetworkFlags, count, type NetworkFlags, networkSettings, seedUrls } from './crawl-flags.ts';

export interface CrawlCommandDeps {
  openStore: (path: string) => Promise<LedgerStore>;
  crawlAdapters: (settings: CrawlSettings) => Promise<CrawlAdapters>;
  defaultUserAgent: string;
}

interface CrawlFlags extends NetworkFlags {
  scope: CrawlScope;
  maxPages?: string;
  maxDepth?: string;
  include: string[];
  exclude: string[];
  sitemaps: boolean;
  resume: boolean;
  format: 'text' | 'json';
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerCrawl(program: Command, deps: CrawlCommandDeps): void {
  const command = program
    .command('crawl')
    .description('fetch pages politely from the seed URLs and record their links in the ledger')
    .argument('<url...>', 'seed URLs')
    .addOption(
      new Option('--scope <scope>', 'what to follow: the seeds only, their sites, their domains, or anywhere')
        .choices(CRAWL_SCOPES)
        .default('site'),
    )
    .option('--max-pages <n>', 'stop after this many page fetches (default 10000; 0 = no limit)')
    .option('--max-depth <n>', 'link hops from a seed (default: no limit)')
    .option('--include <regex>', 'follow only URLs matching one of these (repeatable)', collect, [])
    .option('--exclude <regex>', 'never follow URLs matching one of these (repeatable)', collect, [])
    .option('--no-sitemaps', "do not read the sites' robots.txt Sitemap files")
    .option('--no-resume', 'start a new crawl instead of resuming an interrupted one')
    .addOption(new Option('--format <format>', 'summary format').choices(['text', 'json']).default('text'));
  addNetworkFlags(command).action(async (urls: string[], flags: CrawlFlags) => {
    const settings = networkSettings(seedUrls(urls, normalizeUrl), flags, deps.defaultUserAgent);
    settings.scope = flags.scope;
    const maxPages = count(flags.maxPages, '--max-pages', 0);
    if (maxPages !== undefined) settings.maxPages = maxPages === 0 ? null : maxPages;
    settings.maxDepth = count(flags.maxDepth, '--max-depth', 0) ?? null;
    settings.include = flags.include;
    settings.exclude = flags.exclude;
    settings.sitemaps = flags.sitemaps;
    const adapters = await deps.crawlAdapters(settings);
    const store = await deps.openStore(dbPathOf(flags.db));
    const display = new CrawlProgressDisplay(flags.quiet ? 'none' : flags.progress);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const result = await runCrawl({ store, ...adapters, now: Date.now }, settings, {
        resume: flags.resume,
        signal: stop.signal,
        onProgress: (p) => display.update(p),
      });
      display.clear();
      if (flags.format === 'json')
        process.stdout.write(
          `${JSON.stringify({ ...result.job, interrupted: result.interrupted, resumed: result.resumed, ledger: result.ledger })}\n`,
        );
      else if (!flags.quiet) process.stderr.write(formatCrawlSummary(result));
      if (result.interrupted) process.exitCode = 130;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await adapters.fetcher.close();
      await store.close();
    }
  });
}
