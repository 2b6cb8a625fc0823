/**
 * `linkledger verify TARGET`: re-fetch every known page linking to TARGET, politely, and show which
 * backlinks are still there, which were lost (and why), which came back and which are new.
 */
import { type Command, Option } from 'commander';
import { VERIFY_CHANGES, verifyBacklinks } from '../../../../app/crawl/verify.ts';
import { SCOPES, type Scope } from '../../../../core/ledger/query.ts';
import { dbPathOf } from '../../db-path.ts';
import { CrawlProgressDisplay } from '../../output/crawl-progress.ts';
import { verifyCsv, verifySummary, verifyTable } from '../../output/verify-format.ts';
import type { CrawlCommandDeps } from './crawl.ts';
import { addNetworkFlags, type NetworkFlags, networkSettings } from './crawl-flags.ts';

interface VerifyFlags extends NetworkFlags {
  scope: Scope;
  includeInternal?: boolean;
  all?: boolean;
  format: 'table' | 'json' | 'csv';
}

export function registerVerify(program: Command, deps: CrawlCommandDeps): void {
  const command = program
    .command('verify')
    .description(
      're-fetch the pages linking to TARGET and record each backlink as live or lost, with the reason',
    )
    .argument('<target>', 'a registrable domain, host, URL or URL prefix (see --scope)')
    .addOption(new Option('--scope <scope>', 'how TARGET is matched').choices(SCOPES).default('domain'))
    .option('--include-internal', "also verify links from the target's own domain")
    .option('--all', 'list every link, not only the ones that changed')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'),
    );
  addNetworkFlags(command).action(async (target: string, flags: VerifyFlags) => {
    const settings = networkSettings([], flags, deps.defaultUserAgent);
    const adapters = await deps.crawlAdapters(settings);
    const store = await deps.openStore(dbPathOf(flags.db));
    const display = new CrawlProgressDisplay(flags.quiet ? 'none' : flags.progress);
    try {
      const result = await verifyBacklinks(
        { store, ...adapters, now: Date.now },
        { target, scope: flags.scope, includeInternal: flags.includeInternal === true },
        settings,
        { onProgress: (p) => display.update(p) },
      );
      display.clear();
      if (result.pages === 0) {
        process.stderr.write(
          `linkledger: no known backlinks to ${target} to verify (--scope ${flags.scope})\n`,
        );
        return;
      }
      const shown = flags.all
        ? result.links
        : result.links.filter((l) => l.change !== 'live' && l.change !== 'still-lost');
      const order = (c: string) => VERIFY_CHANGES.indexOf(c as never);
      shown.sort((a, b) => order(a.change) - order(b.change) || (a.sourceUrl < b.sourceUrl ? -1 : 1));
      if (flags.format === 'json') {
        const { crawl, ...rest } = result;
        process.stdout.write(`${JSON.stringify({ ...rest, crawlJob: crawl?.job.id ?? null })}\n`);
      } else if (flags.format === 'csv') {
        for (const line of verifyCsv(shown)) process.stdout.write(`${line}\n`);
      } else {
        if (shown.length > 0)
          process.stdout.write(`${verifyTable(shown, process.stdout.columns ?? 120).join('\n')}\n`);
      }
      if (!flags.quiet) process.stderr.write(`${verifySummary(result)}\n`);
    } finally {
      await adapters.fetcher.close();
      await store.close();
    }
  });
}
