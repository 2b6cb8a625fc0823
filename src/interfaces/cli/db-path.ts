/** The ledger path every command uses: `--db`, else `$LINKLEDGER_DB`, else `./linkledger.duckdb`. */
export const DEFAULT_DB_FILE = './linkledger.duckdb';

export function dbPathOf(flag: string | undefined): string {
  return flag ?? process.env.LINKLEDGER_DB ?? DEFAULT_DB_FILE;
}
