/**
 * Ledger files written before `link_rows` existed hold a `links` table that repeats the source page's URL
 * and domain on every row and spells kinds, placements and lost reasons out. At connect such a table is
 * moved into `link_rows` (codes instead of text, no source columns) in one transaction, in its row order,
 * and `links` becomes the view (schema.ts LINKS_VIEW) that reads exactly as the table did. The `link_rows`
 * it moves into is made anew: the one TABLES_DDL found or created is empty, and may be of an older layout
 * (a build of schema 1 that was stopped before it moved the table had created it).
 *
 * Ledger files written before target URLs were stored without their `scheme://host` (target-url.ts) hold
 * `link_rows.target_url`: at connect it is rewritten into `target_scheme` and `target_rest`, in row order
 * in one transaction.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { KIND_LIST, LINK_ROWS_COLUMNS, LOST_REASON_LIST, PLACEMENT_LIST, SCHEMA_VERSION } from './schema.ts';
import { splitTargetSql } from './target-url.ts';

/**
 * Runs a migration's statements in one transaction (rolled back on any error), which also leaves the file
 * of this build's schema and unclustered, so the next import's optimize() compacts it (a rewrite leaves
 * the old copy's blocks free in the file) and orders it as optimize.ts does now.
 */
async function migrateInOneTransaction(conn: DuckDBConnection, statements: string): Promise<void> {
  try {
    await conn.run(`BEGIN TRANSACTION;
      ${statements};
      DELETE FROM ledger_meta WHERE key = 'clustered_links';
      INSERT OR REPLACE INTO ledger_meta VALUES ('schema_version', '${SCHEMA_VERSION}');
      COMMIT`);
  } catch (error) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

const code = (list: string, column: string) =>
  `CASE WHEN ${column} IS NULL THEN NULL ELSE list_position(${list}, ${column}) - 1 END`;
const unknown = (list: string, column: string) =>
  `(${column} IS NOT NULL AND list_position(${list}, ${column}) IS NULL)`;

/** Tells what a migration is about to do (DuckDbStoreOptions.onMigrate). */
export type MigrationNotice = (message: string) => void;

/** `n` links, for the notices. */
async function linkCount(conn: DuckDBConnection, table: string): Promise<string> {
  const [row] = (await conn.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM ${table}`)).getRowObjectsJS();
  return (row!.n as number).toLocaleString('en-US');
}

/** Moves an old `links` table into `link_rows`; true when there was one. */
export async function migrateLinksTable(conn: DuckDBConnection, say: MigrationNotice): Promise<boolean> {
  const found = (
    await conn.runAndReadAll(`SELECT table_type FROM information_schema.tables
      WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = 'links'`)
  ).getRowObjectsJS();
  if (found[0]?.table_type !== 'BASE TABLE') return false;
  say(
    `upgrading the ledger file to schema ${SCHEMA_VERSION}: moving ${await linkCount(conn, 'links')} links into link_rows`,
  );
  const split = splitTargetSql('target_url', 'target_host');
  await migrateInOneTransaction(
    conn,
    `SELECT CASE WHEN count(*) > 0 THEN error('links: a kind, placement or lost reason this build does not know')
        END FROM links WHERE ${unknown(KIND_LIST, 'kind')} OR ${unknown(PLACEMENT_LIST, 'placement')}
        OR ${unknown(LOST_REASON_LIST, 'lost_reason')} OR ${unknown(LOST_REASON_LIST, 'reported_lost_reason')};
      SELECT CASE WHEN count(*) > 0 THEN error('links: both a links table and link rows') END FROM link_rows;
      DROP TABLE link_rows;
      CREATE TABLE link_rows (${LINK_ROWS_COLUMNS});
      INSERT INTO link_rows SELECT id, page_id, ${split.scheme}, ${split.rest}, target_host, target_domain,
        ${code(KIND_LIST, 'kind')},
        followed, anchor, rel, nofollow, sponsored, ugc, image, ${code(PLACEMENT_LIST, 'placement')}, first_seen,
        last_seen, last_live, lost_at, ${code(LOST_REASON_LIST, 'lost_reason')}, reported_lost_at,
        ${code(LOST_REASON_LIST, 'reported_lost_reason')}, attrs_at
        FROM links ORDER BY rowid;
      DROP TABLE links`,
  );
  return true;
}

/** Rewrites a `link_rows` that still stores whole target URLs; true when there was one. */
export async function migrateTargetUrls(conn: DuckDBConnection, say: MigrationNotice): Promise<boolean> {
  const found = (
    await conn.runAndReadAll(`SELECT 1 FROM information_schema.columns
      WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = 'link_rows'
        AND column_name = 'target_url'`)
  ).getRowObjectsJS();
  if (found.length === 0) return false;
  say(
    `upgrading the ledger file to schema ${SCHEMA_VERSION}: rewriting ${await linkCount(conn, 'link_rows')} links ` +
      'with their target URLs stored in parts (the next import compacts the file)',
  );
  const split = splitTargetSql('target_url', 'target_host');
  await migrateInOneTransaction(
    conn,
    `CREATE TABLE link_rows_split (${LINK_ROWS_COLUMNS});
      INSERT INTO link_rows_split SELECT id, page_id, ${split.scheme}, ${split.rest}, target_host, target_domain,
        kind, followed, anchor, rel, nofollow, sponsored, ugc, image, placement, first_seen, last_seen, last_live,
        lost_at, lost_reason, reported_lost_at, reported_lost_reason, attrs_at
        FROM link_rows ORDER BY rowid;
      DROP VIEW IF EXISTS links;
      DROP TABLE link_rows;
      ALTER TABLE link_rows_split RENAME TO link_rows`,
  );
  return true;
}
