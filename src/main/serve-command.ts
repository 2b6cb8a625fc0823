/**
 * The `serve` command: flags, the token book (`--token-file FILE`, else `$LINKLEDGER_TOKENS`), the ledger
 * check (a server never creates a ledger), then the server until SIGINT or SIGTERM, when it closes the
 * store and returns (exit 0). It prints the address on stdout, one line: `linkledger API on http://...`.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import type { LedgerStore } from '../core/ledger/store.ts';
import { dbPathOf } from '../interfaces/cli/db-path.ts';
import { parseTokens, type TokenBook } from '../interfaces/http/tokens.ts';

interface ServeFlags {
  host: string;
  port: string;
  db?: string;
  tokenFile?: string;
  importDir: string[];
  allowPrivateNetwork?: boolean;
  resolve: string[];
  cache: boolean;
  readConnections: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function tokenBook(flags: ServeFlags): TokenBook | null {
  if (flags.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.tokenFile, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --token-file ${flags.tokenFile}: ${(error as Error).message}`);
    }
    return parseTokens(text, flags.tokenFile);
  }
  const env = process.env.LINKLEDGER_TOKENS;
  return env === undefined || env.trim() === '' ? null : parseTokens(env, 'LINKLEDGER_TOKENS');
}

/** Read connections by default: a few more than cores, so a query waiting on I/O does not idle a core. */
export const SERVE_READ_CONNECTIONS = 4;

export function registerServe(
  program: Command,
  openStore: (path: string, readConnections: number) => Promise<LedgerStore>,
): void {
  program
    .command('serve')
    .description('serve the HTTP API (JSON and CSV, OpenAPI at /openapi.json) over the ledger until Ctrl-C')
    .option('--host <host>', 'address to listen on (without tokens: loopback only)', '127.0.0.1')
    .option('--port <n>', 'port, 0 for any free one', '8080')
    .option('--db <path>', 'ledger file (default ./linkledger.duckdb, or $LINKLEDGER_DB)')
    .option(
      '--token-file <file>',
      'API tokens, one ROLE:TOKEN per line, ROLE read or admin (default $LINKLEDGER_TOKENS)',
    )
    .option(
      '--import-dir <dir>',
      'a folder import jobs may read from (repeatable; default: the current folder)',
      collect,
      [],
    )
    .option(
      '--read-connections <n>',
      'DuckDB connections that run report queries side by side (0: every query in turn on one connection)',
      String(SERVE_READ_CONNECTIONS),
    )
    .option(
      '--no-cache',
      'query the ledger for every request (default: repeated reads come from memory until the ledger changes)',
    )
    .option(
      '--allow-private-network',
      'let crawl jobs reach loopback and private addresses (tests, intranets)',
    )
    .option(
      '--resolve <host:port:addr>',
      'crawl jobs use this address for host:port, like curl (repeatable; with --allow-private-network for loopback)',
      collect,
      [],
    )
    .action(async (flags: ServeFlags) => {
      const port = /^\d{1,5}$/.test(flags.port) ? Number(flags.port) : Number.NaN;
      if (!(port >= 0 && port <= 65535))
        throw new UsageError(`--port must be from 0 to 65535 (got ${flags.port})`);
      const readConnections = /^\d{1,2}$/.test(flags.readConnections)
        ? Number(flags.readConnections)
        : Number.NaN;
      if (!(readConnections >= 0 && readConnections <= 64))
        throw new UsageError(`--read-connections must be from 0 to 64 (got ${flags.readConnections})`);
      const tokens = tokenBook(flags);
      const db = dbPathOf(flags.db);
      if (db !== ':memory:' && !statSync(db, { throwIfNoEntry: false })?.isFile())
        throw new UsageError(
          `no ledger at ${db}: import data first with \`linkledger import FILE...\`, or point --db (or LINKLEDGER_DB) at an existing ledger`,
        );
      // hono, zod and the API load only when serving.
      const { startServer } = await import('./serve.ts');
      const importDirs = flags.importDir.length > 0 ? flags.importDir : [process.cwd()];
      for (const dir of importDirs)
        if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
          throw new UsageError(`--import-dir ${dir} is not a folder`);
      const server = await startServer({
        host: flags.host,
        port,
        tokens,
        openStore: () => openStore(db, readConnections),
        jobs: {
          importDirs,
          allowPrivateNetwork: flags.allowPrivateNetwork === true,
          resolve: flags.resolve,
          // Beside the ledger, under the same name whatever the process: an upload kept for resuming
          // can still be imported after a restart (a per-process temp folder would be out of reach).
          ...(db === ':memory:' ? {} : { uploadDir: `${db}.uploads` }),
        },
        cache: flags.cache,
      });
      process.stdout.write(
        `linkledger API on ${server.url} (dashboard ${server.url}/, ledger ${db}, OpenAPI at ${server.url}/openapi.json)\n`,
      );
      if (tokens === null)
        process.stderr.write(
          'linkledger: no API tokens configured: anyone on this machine can read and change the ledger; listening on loopback only\n',
        );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
      process.stderr.write('linkledger: server stopped, ledger closed\n');
    });
}
