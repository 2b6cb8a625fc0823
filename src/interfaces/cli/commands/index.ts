/**
 * Every CLI command, registered in one place. Each command lives in its own file and is loaded only when
 * it runs: all of them together take ~0.3 s to load (the extractor, language detection, the public suffix
 * list), which a `graph rank` or `robots check` should not pay for. Help and unknown commands load all.
 */
import type { Command } from 'commander';
import type { GraphRankPorts } from '../../../app/graph-rank.ts';
import type { PageReader } from '../../../core/extract/page-reader.ts';
import type { ImportSource, ImportSourceOptions } from '../../../core/ledger/import-source.ts';
import type { LedgerStore } from '../../../core/ledger/store.ts';
import type { CrawlCommandDeps } from './crawl/crawl.ts';

/** The adapters the commands need, chosen by the composition root (src/main). */
export interface CliDeps {
  pageReader: () => Promise<PageReader>;
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

/** Registers one top-level command (and its subcommands) on the program. */
export type Registrar = (program: Command, deps: CliDeps) => Promise<void> | void;

/** Top-level command name -> loader, in the order `--help` lists them. */
const COMMANDS: ReadonlyMap<string, Registrar> = new Map<string, Registrar>([
  ['extract', async (p, d) => (await import('./extract.ts')).registerExtract(p, d.pageReader)],
  [
    'graph',
    async (p, d) =>
      (await import('./graph-rank.ts')).registerGraphRank(p, d.graphRankPorts(), d.defaultThreads),
  ],
  ['import', async (p, d) => (await import('./import.ts')).registerImport(p, d)],
  ['backlinks', async (p, d) => (await import('./reports/backlinks.ts')).registerBacklinks(p, d.openStore)],
  [
    'refdomains',
    async (p, d) => (await import('./reports/refdomains.ts')).registerRefDomains(p, d.openStore),
  ],
  ['anchors', async (p, d) => (await import('./reports/anchors.ts')).registerAnchors(p, d.openStore)],
  ['pages', async (p, d) => (await import('./reports/pages.ts')).registerPages(p, d.openStore)],
  ['profile', async (p, d) => (await import('./reports/profile.ts')).registerProfile(p, d.openStore)],
  ['history', async (p, d) => (await import('./reports/history.ts')).registerHistory(p, d.openStore)],
  ['gap', async (p, d) => (await import('./reports/gap.ts')).registerGap(p, d.openStore)],
  ['rank', async (p, d) => (await import('./rank.ts')).registerRank(p, d.openStore)],
  ['whatif', async (p, d) => (await import('./whatif.ts')).registerWhatIf(p, d.openStore)],
  ['robots', async (p) => (await import('./robots-check.ts')).registerRobotsCheck(p)],
  [
    'disavow',
    async (p, d) => {
      (await import('./disavow/disavow.ts')).registerDisavow(p, d.openStore);
      (await import('./disavow/validate.ts')).registerDisavowValidate(p);
      (await import('./disavow/diff.ts')).registerDisavowDiff(p);
    },
  ],
  ['crawl', async (p, d) => (await import('./crawl/crawl.ts')).registerCrawl(p, d)],
  ['verify', async (p, d) => (await import('./crawl/verify.ts')).registerVerify(p, d)],
  ['explain', async (p, d) => (await import('./quality/explain.ts')).registerExplain(p, d.openStore)],
  ['toxic', async (p, d) => (await import('./quality/toxic.ts')).registerToxic(p, d.openStore)],
  ['whitelist', async (p, d) => (await import('./quality/whitelist.ts')).registerWhitelist(p, d.openStore)],
]);

/** Names of the top-level commands registered here (`serve` is added by the composition root). */
export const COMMAND_NAMES: readonly string[] = [...COMMANDS.keys()];

/**
 * Registers what a command line needs: only its command when the first operand names one, nothing for a
 * bare `--version`, and every command otherwise (no command, `help`, a typo that commander should answer
 * with the list). `extra`: commands the composition root adds (`serve`), listed after these. Without
 * `argv`, every command.
 */
export async function registerCommands(
  program: Command,
  deps: CliDeps,
  argv?: readonly string[],
  extra: ReadonlyMap<string, Registrar> = new Map(),
): Promise<void> {
  const table = new Map([...COMMANDS, ...extra]);
  const name = argv?.find((arg) => !arg.startsWith('-'));
  if (name === undefined && argv?.some((arg) => arg === '-V' || arg === '--version')) return;
  const one = name === undefined ? undefined : table.get(name);
  if (one !== undefined) return one(program, deps);
  for (const register of table.values()) await register(program, deps);
}
