/**
 * Opens a DuckDB file directly (not through the ledger store), for tests that look at or reshape what
 * the store wrote: runs `work` on a connection and closes everything, also when `work` throws.
 */
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export async function withDuckDbFile<T>(
  path: string,
  work: (conn: DuckDBConnection) => Promise<T>,
  config?: Record<string, string>,
): Promise<T> {
  const instance = await DuckDBInstance.create(path, config);
  const conn = await instance.connect();
  try {
    return await work(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
