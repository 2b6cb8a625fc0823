/**
 * Composition root of the `linkledger` command line: builds the commands, runs them, and is the only place
 * that touches process.exit and turns errors into exit codes.
 */
import { Command, CommanderError } from 'commander';
import { defaultUserAgent } from '../core/crawl/settings.ts';
import { EXIT_CODES, LinkledgerError } from '../core/errors.ts';
import { registerCommands } from '../interfaces/cli/commands/index.ts';
import { defaultThreadCount, graphRankPorts } from './graph-rank-ports.ts';
import { registerServe } from './serve-command.ts';
import { VERSION } from './version.ts';

/**
 * The program for a command line. Only the command being run is loaded (see commands/index.ts); `argv`
 * undefined builds the whole program.
 */
/** An older ledger file is upgraded when opened: say so, since it can take a while on a large one. */
const sayMigration = (message: string) => process.stderr.write(`linkledger: ${message}\n`);

export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('linkledger')
    .description('Open, self-hosted backlink intelligence.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  const serve = async (p: Command) =>
    registerServe(p, async (path, readConnections) =>
      (await import('../adapters/store-duckdb/open-store.ts')).openStore({
        kind: 'duckdb',
        path,
        readConnections,
        onMigrate: sayMigration,
      }),
    );
  await registerCommands(
    program,
    {
      pageReader: async () => new (await import('../adapters/sources/file-page-reader.ts')).FilePageReader(),
      graphRankPorts,
      defaultThreads: defaultThreadCount(),
      // DuckDB and undici take ~0.4 s each to load: only the commands that use them pay for it.
      openStore: async (path) =>
        (await import('../adapters/store-duckdb/open-store.ts')).openStore({
          kind: 'duckdb',
          path,
          onMigrate: sayMigration,
        }),
      importSources: async (inputs, options) =>
        (await import('../adapters/sources/import-sources.ts')).openImportSources(inputs, options),
      crawlAdapters: async (settings) => (await import('./crawl-adapters.ts')).crawlAdapters(settings),
      defaultUserAgent: defaultUserAgent(VERSION),
    },
    argv,
    new Map([['serve', serve]]),
  );
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_CODES.USAGE;
    if (error instanceof LinkledgerError) {
      process.stderr.write(`linkledger: ${error.message}\n`);
      return EXIT_CODES[error.code];
    }
    process.stderr.write(
      `linkledger: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT_CODES.INTERNAL;
  }
}

const isEntryPoint =
  process.argv[1] !== undefined && /(?:cli\.[jt]s|linkledger(?:\.js)?)$/.test(process.argv[1]);
if (isEntryPoint) {
  process.exitCode = await main(process.argv.slice(2));
}
