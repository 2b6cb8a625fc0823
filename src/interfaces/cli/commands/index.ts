/** Every CLI command, registered in one place. Each command lives in its own file. */
import type { Command } from 'commander';
import type { GraphRankPorts } from '../../../app/graph-rank.ts';
import type { PageReader } from '../../../core/extract/page-reader.ts';
import type { ImportSource, ImportSourceOptions } from '../../../core/ledger/import-source.ts';
import type { LedgerStore } from '../../../core/ledger/store.ts';
import { type CrawlCommandDeps, registerCrawl } from './crawl/crawl.ts';
import { registerVerify } from './crawl/verify.ts';
import { registerDisavowDiff } from './disavow/diff.ts';
import { registerDisavow } from './disavow/disavow.ts';
import { registerDisavowValidate } from './disavow/validate.ts';
import { registerExtract } from './extract.ts';
import { registerGraphRank } from './graph-rank.ts';
import { registerImport } from './import.ts';
import { registerExplain } from './quality/explain.ts';
import { registerToxic } from './quality/toxic.ts';
import { registerWhitelist } from './quality/whitelist.ts';
import { registerRank } from './rank.ts';
import { registerAnchors } from './reports/anchors.ts';
import { registerBacklinks } from './reports/backlinks.ts';
import { registerGap } from './reports/gap.ts';
import { registerHistory } from './reports/history.ts';
import { registerPages } from './reports/pages.ts';
import { registerProfile } from './reports/profile.ts';
import { registerRefDomains } from './reports/refdomains.ts';
import { registerRobotsCheck } from './robots-check.ts';
import { registerWhatIf } from './whatif.ts';

/** The adapters the commands need, chosen by the composition root (src/main). */
export interface CliDeps {
  pageReader: () => PageReader;
  /** File and thread adapters of `graph rank`. */
  graphRankPorts: () => GraphRankPorts;
  /** Default for `--threads` (the machine's cores). */
  defaultThreads: number;
  /** Opens (creating when needed) the ledger at a path. */
  openStore: (path: string) => Promise<LedgerStore>;
  /** Import sources for the given inputs (format detected from the bytes). */
  importSources: (inputs: readonly string[], options: ImportSourceOptions) => Promise<ImportSource[]>;
  /** Fetcher, page and sitemap readers of a crawl (`crawl`, `verify`). */
  crawlAdapters: CrawlCommandDeps['crawlAdapters'];
  /** `linkledger/<version> (+URL)`. */
  defaultUserAgent: string;
}

export function registerCommands(program: Command, deps: CliDeps): void {
  registerExtract(program, deps.pageReader);
  registerGraphRank(program, deps.graphRankPorts(), deps.defaultThreads);
  registerImport(program, deps);
  registerBacklinks(program, deps.openStore);
  registerRefDomains(program, deps.openStore);
  registerAnchors(program, deps.openStore);
  registerPages(program, deps.openStore);
  registerProfile(program, deps.openStore);
  registerHistory(program, deps.openStore);
  registerGap(program, deps.openStore);
  registerRank(program, deps.openStore);
  registerWhatIf(program, deps.openStore);
  registerRobotsCheck(program);
  registerDisavow(program, deps.openStore);
  registerDisavowValidate(program);
  registerDisavowDiff(program);
  registerCrawl(program, deps);
  registerVerify(program, deps);
  registerExplain(program, deps.openStore);
  registerToxic(program, deps.openStore);
  registerWhitelist(program, deps.openStore);
}
