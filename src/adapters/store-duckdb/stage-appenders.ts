/**
 * Appenders into staging tables that leave nothing behind when the staging fails. An appender keeps the
 * rows it buffered until it is closed, and the bindings close one that is still open when the garbage
 * collector destroys it, flushing those rows into the table of that name, which by then may be the next
 * batch's stage (measured: the pages of a failed batch reappeared in the next; test/adapters/store-duckdb/
 * failed-staging.test.ts). So when `work` throws, every appender it opened drops its rows and is closed.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { StageTable } from './schema.ts';

export type OpenAppender = (table: StageTable) => Promise<DuckDBAppender>;

export async function withStageAppenders<T>(
  conn: DuckDBConnection,
  work: (open: OpenAppender) => Promise<T>,
): Promise<T> {
  const opened: DuckDBAppender[] = [];
  try {
    return await work(async (table) => {
      const appender = await conn.createAppender(table, null, 'temp');
      opened.push(appender);
      return appender;
    });
  } catch (error) {
    for (const appender of opened) discard(appender);
    throw error;
  }
}

/** Drops what the appender buffered and closes it; one already closed refuses both, which is fine. */
function discard(appender: DuckDBAppender): void {
  try {
    appender.clear();
  } catch {
    // already closed
  }
  try {
    appender.closeSync();
  } catch {
    // already closed, or a row left half-written (cleared above, so nothing is flushed)
  }
}
