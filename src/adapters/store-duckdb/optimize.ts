/**
 * `optimize()`: cluster the links by target (domain, host, URL) so the target filters of reports skip most
 * row groups, and compact the file. DuckDB reuses freed blocks but never shrinks a file, so rewriting
 * tables in place would leave the file twice its size; instead the whole ledger is copied, in clustered
 * order, into a new file that then replaces the old one (an atomic rename: a crash mid-way leaves the old
 * file intact). In-memory databases are rewritten in place.
 *
 * `ledger_meta.clustered_links` remembers how many links were clustered, so callers can skip the rewrite
 * while the unclustered tail is small (`minUnsortedShare`).
 */
import { rmSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { LINK_ROWS_COLUMNS, LINK_SOURCES_COLUMNS, LINKS_VIEW, TABLES_DDL } from './schema.ts';

// What reports filter on, most selective last: domain, then host and URL (host and url scopes prune too).
// Within a host the URL's rest (target-url.ts) clusters it: url filters prune on target_rest.
const LINK_ORDER = 'target_domain, target_host, target_rest, page_id';

export async function unclusteredShare(conn: DuckDBConnection): Promise<number> {
  const [row] = (
    await conn.runAndReadAll(`SELECT (SELECT count(*) FROM link_rows)::DOUBLE AS links,
      (SELECT coalesce(max(CAST(value AS DOUBLE)), 0) FROM ledger_meta WHERE key = 'clustered_links') AS clustered`)
  ).getRowObjectsJS() as { links: number; clustered: number }[];
  return row!.links === 0 ? 0 : Math.max(0, row!.links - row!.clustered) / row!.links;
}

/** `schema`: a qualified schema (`main`, `ledger_copy.main`). */
async function markClustered(conn: DuckDBConnection, schema: string): Promise<void> {
  await conn.run(`DELETE FROM ${schema}.ledger_meta WHERE key = 'clustered_links'`);
  await conn.run(
    `INSERT INTO ${schema}.ledger_meta SELECT 'clustered_links', CAST(count(*) AS VARCHAR) FROM ${schema}.link_rows`,
  );
}

export async function clusterInPlace(conn: DuckDBConnection): Promise<void> {
  await conn.run('BEGIN TRANSACTION');
  try {
    await conn.run(`CREATE TABLE link_rows_sorted (${LINK_ROWS_COLUMNS})`);
    await conn.run(`INSERT INTO link_rows_sorted SELECT * FROM link_rows ORDER BY ${LINK_ORDER}`);
    await conn.run('DROP VIEW links');
    await conn.run('DROP TABLE link_rows');
    await conn.run('ALTER TABLE link_rows_sorted RENAME TO link_rows');
    await conn.run(LINKS_VIEW);
    await conn.run(`CREATE TABLE link_sources_sorted (${LINK_SOURCES_COLUMNS})`);
    await conn.run('INSERT INTO link_sources_sorted SELECT * FROM link_sources ORDER BY link_id, source');
    await conn.run('DROP TABLE link_sources');
    await conn.run('ALTER TABLE link_sources_sorted RENAME TO link_sources');
    await markClustered(conn, 'main');
    await conn.run('COMMIT');
  } catch (error) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Copies the ledger, clustered, into `target` (a new file). The caller swaps the files afterwards. */
export async function copyClustered(conn: DuckDBConnection, target: string): Promise<void> {
  rmSync(target, { force: true });
  rmSync(`${target}.wal`, { force: true });
  await conn.run('CHECKPOINT');
  // The database of a file is named after the file, not `main` (`main` is its schema).
  const [row] = (await conn.runAndReadAll('SELECT current_database() AS db')).getRowObjectsJS() as {
    db: string;
  }[];
  const db = `"${row!.db.replace(/"/g, '""')}"`;
  const from = (table: string) => `${db}.main.${table}`;
  await conn.run(`ATTACH '${target.replace(/'/g, "''")}' AS ledger_copy`);
  try {
    await conn.run('USE ledger_copy');
    await conn.run(TABLES_DDL);
    await conn.run(LINKS_VIEW);
    await conn.run(`USE ${db}`);
    await conn.run(`INSERT INTO ledger_copy.ledger_meta SELECT * FROM ${from('ledger_meta')}`);
    await conn.run(`INSERT INTO ledger_copy.import_runs SELECT * FROM ${from('import_runs')}`);
    await conn.run(`INSERT INTO ledger_copy.authority SELECT * FROM ${from('authority')}`);
    await conn.run(`INSERT INTO ledger_copy.crawl_jobs SELECT * FROM ${from('crawl_jobs')}`);
    await conn.run(`INSERT INTO ledger_copy.crawl_frontier SELECT * FROM ${from('crawl_frontier')}`);
    await conn.run(`INSERT INTO ledger_copy.reviews SELECT * FROM ${from('reviews')}`);
    await conn.run(`INSERT INTO ledger_copy.disavow_versions SELECT * FROM ${from('disavow_versions')}`);
    await conn.run(`INSERT INTO ledger_copy.pages SELECT * FROM ${from('pages')} ORDER BY id`);
    await conn.run(
      `INSERT INTO ledger_copy.captures SELECT * FROM ${from('captures')} ORDER BY page_id, captured_at`,
    );
    await conn.run(
      `INSERT INTO ledger_copy.link_rows SELECT * FROM ${from('link_rows')} ORDER BY ${LINK_ORDER}`,
    );
    await conn.run(
      `INSERT INTO ledger_copy.link_sources SELECT * FROM ${from('link_sources')} ORDER BY link_id, source`,
    );
    await markClustered(conn, 'ledger_copy.main');
  } finally {
    await conn.run(`USE ${db}`).catch(() => undefined);
    await conn.run('DETACH ledger_copy').catch(() => undefined);
  }
}
