/**
 * Turns a ledger file this build wrote back into schema 1 as sessions 6 to 9 wrote it: `link_rows` with the
 * whole target URL in `target_url`, and `schema_version` 1. For tests of the upgrade at open.
 */
import { targetUrlSql } from '../../src/adapters/store-duckdb/target-url.ts';
import { withDuckDbFile } from './duckdb-file.ts';

/** SELECT of schema 1's `link_rows` columns from a table of this build's layout. */
export const WHOLE_URL_LINK_ROWS = (from: string) =>
  `SELECT id, page_id, ${targetUrlSql('r')} AS target_url, target_host, target_domain, kind, followed, anchor,
     rel, nofollow, sponsored, ugc, image, placement, first_seen, last_seen, last_live, lost_at, lost_reason,
     reported_lost_at, reported_lost_reason, attrs_at FROM ${from} r`;

export function toSchema1(path: string): Promise<void> {
  return withDuckDbFile(path, async (conn) => {
    await conn.run(`CREATE TABLE link_rows_old AS ${WHOLE_URL_LINK_ROWS('link_rows')} ORDER BY rowid;
      DROP VIEW links; DROP TABLE link_rows; ALTER TABLE link_rows_old RENAME TO link_rows;
      UPDATE ledger_meta SET value = '1' WHERE key = 'schema_version'; CHECKPOINT`);
  });
}
