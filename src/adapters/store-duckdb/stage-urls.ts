/**
 * Fills the connection's `stage_urls` with a set of URLs (or other keys), emptied first, for queries that
 * select by them (`... IN (SELECT url FROM stage_urls)`): one append each instead of a long IN list.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { resetStage } from './schema.ts';
import { withStageAppenders } from './stage-appenders.ts';

export async function stageUrls(conn: DuckDBConnection, urls: Iterable<string>): Promise<void> {
  await conn.run(resetStage('stage_urls'));
  await withStageAppenders(conn, async (open) => {
    const appender = await open('stage_urls');
    for (const url of new Set(urls)) {
      appender.appendVarchar(url);
      appender.endRow();
    }
    appender.closeSync();
  });
}
