/**
 * The DuckDB ledger schema, in one place: persistent tables, the per-connection staging tables a commit
 * fills, and the code lists that map small integers in staging to the strings stored.
 *
 * No indexes on the big tables: DuckDB's ART indexes slow bulk appends several-fold and are not used for
 * the low-selectivity filters reports run. Uniqueness of (page, target, kind, followed) is kept by the
 * writer, which loads every touched page's links before planning (docs/ledger.md, "Storage"). Reports rely
 * on DuckDB's per-row-group min/max (zonemaps) and `optimize()`, which rewrites `link_rows` clustered by
 * target domain, host and URL. Times are TIMESTAMP (UTC); in staging they travel as DOUBLE epoch ms.
 *
 * `authority` holds the scores of the last rank run (authority-queries.ts), one row per (level, key); the
 * run itself (options and iteration stats) is JSON in `ledger_meta` under `authority_run`. Added after
 * schema 1 shipped: `CREATE ... IF NOT EXISTS` adds it to older files when they are opened.
 *
 * `reviews` (a target's whitelist) and `disavow_versions` (its disavow files, numbered) are the review
 * workflow's (review-queries.ts); added the same way.
 */
import { LOST_REASONS } from '../../core/ledger/model.ts';
import { FRESH_CODE, FRESH_FLAG } from '../../core/ledger/plan-fresh.ts';
import { LINK_KINDS, PLACEMENTS } from '../../core/link/link.ts';
import { targetUrlSql } from './target-url.ts';

/**
 * The schema this build writes, stored in `ledger_meta.schema_version`. 2: target URLs stored in parts
 * (target-url.ts). Files of schema 1 are migrated when opened (migrate-links.ts, MIGRATE_DDL); a file of a
 * later schema is refused before anything is changed.
 */
export const SCHEMA_VERSION = '2';
export const READABLE_SCHEMAS: readonly string[] = ['1', SCHEMA_VERSION];

/**
 * Every kind a ledger link can have. Stored as positions in this list (link_rows.kind): a kind added to
 * LINK_KINDS one day must go after 'webgraph' here, never before it (a test pins the order).
 */
export const LEDGER_KINDS = [...LINK_KINDS, 'webgraph'] as const;

/**
 * Column definitions of `link_rows`, the stored links (shared by the table and its rewrite in optimize()).
 * Reports read the `links` view (LINKS_VIEW), which adds the source page's URL and domain from `pages` and
 * spells the codes out. Keeping those out of every row halved the cost of writing a link (the source URL
 * repeated per link and four text columns of a handful of values; bench/results/ledger.md, session 6).
 * The target URL is stored without its `scheme://host` start (target-url.ts), and the view rebuilds it.
 * `kind`, `placement` and the lost reasons are indexes into LEDGER_KINDS, PLACEMENTS and LOST_REASONS:
 * those lists may only grow at their end (a test pins them).
 */
export const LINK_ROWS_COLUMNS = `
  id BIGINT NOT NULL,
  page_id INTEGER NOT NULL,
  target_scheme UTINYINT NOT NULL,
  target_rest VARCHAR NOT NULL,
  target_host VARCHAR NOT NULL,
  target_domain VARCHAR NOT NULL,
  kind UTINYINT NOT NULL,
  followed BOOLEAN NOT NULL,
  anchor VARCHAR NOT NULL,
  rel VARCHAR NOT NULL,
  nofollow BOOLEAN NOT NULL,
  sponsored BOOLEAN NOT NULL,
  ugc BOOLEAN NOT NULL,
  image BOOLEAN NOT NULL,
  placement UTINYINT NOT NULL,
  first_seen TIMESTAMP NOT NULL,
  last_seen TIMESTAMP NOT NULL,
  last_live TIMESTAMP,
  lost_at TIMESTAMP,
  lost_reason UTINYINT,
  reported_lost_at TIMESTAMP,
  reported_lost_reason UTINYINT,
  attrs_at TIMESTAMP NOT NULL
`;

export const LINK_SOURCES_COLUMNS = `
  link_id BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  first_seen TIMESTAMP NOT NULL,
  last_seen TIMESTAMP NOT NULL
`;

/** A crawl's frontier (core/crawl/frontier-model.ts): one row per URL the crawl has seen. */
export const FRONTIER_COLUMNS = `
  job VARCHAR NOT NULL,
  url VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  depth INTEGER NOT NULL,
  hops INTEGER NOT NULL,
  seq BIGINT NOT NULL,
  state VARCHAR NOT NULL,
  outcome VARCHAR,
  status SMALLINT,
  attempts INTEGER NOT NULL,
  via VARCHAR
`;

export const TABLES_DDL = `
CREATE TABLE IF NOT EXISTS ledger_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
  id INTEGER NOT NULL,
  url VARCHAR NOT NULL,
  host VARCHAR NOT NULL,
  domain VARCHAR NOT NULL,
  captured BOOLEAN NOT NULL,
  status SMALLINT,
  fetched_at TIMESTAMP,
  state VARCHAR,
  canonical VARCHAR,
  title VARCHAR,
  lang VARCHAR,
  content_hash VARCHAR,
  text_digest VARCHAR,
  analytics_ids VARCHAR,
  remote_address VARCHAR
);
CREATE TABLE IF NOT EXISTS captures (
  page_id INTEGER NOT NULL,
  captured_at TIMESTAMP NOT NULL,
  source VARCHAR NOT NULL,
  state VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS link_rows (${LINK_ROWS_COLUMNS});
CREATE TABLE IF NOT EXISTS link_sources (${LINK_SOURCES_COLUMNS});
CREATE TABLE IF NOT EXISTS authority (
  level VARCHAR NOT NULL,
  key VARCHAR NOT NULL,
  rank DOUBLE NOT NULL,
  score DOUBLE NOT NULL,
  ranked_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS import_runs (
  id VARCHAR PRIMARY KEY,
  key VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL,
  body VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS crawl_jobs (
  id VARCHAR PRIMARY KEY,
  key VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL,
  body VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS crawl_frontier (${FRONTIER_COLUMNS}, PRIMARY KEY (job, url));
CREATE TABLE IF NOT EXISTS reviews (
  target VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  value VARCHAR NOT NULL,
  note VARCHAR NOT NULL,
  reviewed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (target, kind, value)
);
CREATE TABLE IF NOT EXISTS disavow_versions (
  target VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL,
  content VARCHAR NOT NULL,
  entries INTEGER NOT NULL,
  PRIMARY KEY (target, version)
);
`;

/**
 * Columns added after schema 1 shipped, for ledger files created without them (run after TABLES_DDL at
 * every connect; a no-op on current files). Always added at the end of their table: inserts into `pages`
 * are positional.
 */
export const MIGRATE_DDL = `
ALTER TABLE pages ADD COLUMN IF NOT EXISTS analytics_ids VARCHAR;
ALTER TABLE pages ADD COLUMN IF NOT EXISTS remote_address VARCHAR;
`;

/** Staging tables: TEMP (per connection, never persisted), by name with their columns. */
const STAGE_COLUMNS = {
  stage_pages: `idx INTEGER, page_id INTEGER, is_new BOOLEAN, changed BOOLEAN, url VARCHAR, host VARCHAR,
    domain VARCHAR, captured BOOLEAN, status SMALLINT, fetched_at DOUBLE, state VARCHAR, canonical VARCHAR,
    title VARCHAR, lang VARCHAR, content_hash VARCHAR, text_digest VARCHAR,
    fresh_t DOUBLE, fresh_counted BOOLEAN, fresh_lost_reason UTINYINT, fresh_source VARCHAR,
    analytics_ids VARCHAR, remote_address VARCHAR, fresh_first DOUBLE, fresh_n INTEGER`,
  stage_captures: 'page_idx INTEGER, captured_at DOUBLE, source VARCHAR, state VARCHAR',
  stage_hosts: 'idx INTEGER, host VARCHAR, domain VARCHAR',
  stage_sources: 'idx INTEGER, source VARCHAR',
  stage_links: `id DOUBLE, page_idx INTEGER, is_new BOOLEAN, changed BOOLEAN, target_scheme UTINYINT,
    target_rest VARCHAR, host_idx INTEGER, kind UTINYINT, flags UTINYINT, anchor VARCHAR, rel VARCHAR, placement UTINYINT,
    first_seen DOUBLE, last_seen DOUBLE, last_live DOUBLE, lost_at DOUBLE, lost_reason UTINYINT,
    reported_lost_at DOUBLE, reported_lost_reason UTINYINT, attrs_at DOUBLE`,
  stage_fresh: 'id DOUBLE, page_idx INTEGER, target_idx INTEGER, code INTEGER, anchor VARCHAR, rel VARCHAR',
  stage_targets: 'idx INTEGER, scheme INTEGER, rest VARCHAR, host_idx INTEGER',
  stage_seen: 'link_id DOUBLE, is_new BOOLEAN, source_idx INTEGER, first DOUBLE, last DOUBLE',
  stage_urls: 'url VARCHAR',
  stage_ids: 'page_id INTEGER',
  stage_frontier: FRONTIER_COLUMNS,
  stage_authority: 'level VARCHAR, key VARCHAR, rank DOUBLE, score DOUBLE',
} as const;

export type StageTable = keyof typeof STAGE_COLUMNS;

const createStage = (table: StageTable, ifNotExists: boolean) =>
  `CREATE TEMP TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}${table} (${STAGE_COLUMNS[table]})`;

/** Creates every staging table on a connection (run when it opens). */
export const STAGE_DDL = (Object.keys(STAGE_COLUMNS) as StageTable[])
  .map((table) => createStage(table, true))
  .join(';\n');

/**
 * SQL that empties staging tables before they are filled again: each is dropped and created anew. A
 * DELETE leaves the deleted rows in memory (DuckDB reclaims them only when it checkpoints, which a TEMP
 * table never does), so an 8 M-link import ended with 934 MB of dead stage rows (240 MB at 2 M links).
 */
export function resetStage(...tables: StageTable[]): string {
  return tables.map((t) => `DROP TABLE IF EXISTS temp.${t};\n${createStage(t, false)}`).join(';\n');
}

/** The staging tables a batch fills: reset before it is staged, and dropped once it is committed. */
export const BATCH_STAGE_TABLES: readonly StageTable[] = [
  'stage_pages',
  'stage_captures',
  'stage_hosts',
  'stage_sources',
  'stage_links',
  'stage_fresh',
  'stage_targets',
  'stage_seen',
  'stage_frontier',
];

/** Bits of stage_links.flags: those of a fresh link's code (stage_fresh.code is the planner's FRESH_CODE). */
export const FLAG = FRESH_FLAG;
export { FRESH_CODE };

/** A SQL list literal of code names, indexed by code + 1 (DuckDB lists are 1-based). */
export function codeList(names: readonly string[]): string {
  return `[${names.map((n) => `'${n.replace(/'/g, "''")}'`).join(', ')}]`;
}

export const KIND_LIST = codeList(LEDGER_KINDS);
export const PLACEMENT_LIST = codeList(PLACEMENTS);
export const LOST_REASON_LIST = codeList(LOST_REASONS);

/**
 * `links`: every stored link with its source page's URL and domain and its codes spelled out, the shape
 * every report query reads. Created after TABLES_DDL and the migration of older files (migrate-links.ts).
 */
export const LINKS_VIEW = `CREATE OR REPLACE VIEW links AS SELECT r.id, r.page_id, p.url AS source_url,
  p.domain AS source_domain, ${targetUrlSql('r')} AS target_url, r.target_scheme, r.target_rest, r.target_host,
  r.target_domain, ${KIND_LIST}[r.kind + 1] AS kind, r.followed, r.anchor, r.rel, r.nofollow, r.sponsored, r.ugc, r.image,
  ${PLACEMENT_LIST}[r.placement + 1] AS placement, r.first_seen, r.last_seen, r.last_live, r.lost_at,
  ${LOST_REASON_LIST}[r.lost_reason + 1] AS lost_reason, r.reported_lost_at,
  ${LOST_REASON_LIST}[r.reported_lost_reason + 1] AS reported_lost_reason, r.attrs_at
  FROM link_rows r JOIN pages p ON p.id = r.page_id`;

/** Epoch-ms DOUBLE to TIMESTAMP (NULL stays NULL). */
export const ts = (column: string) => `epoch_ms(CAST(${column} AS BIGINT))`;
/** TIMESTAMP to epoch-ms DOUBLE for reading back into JS numbers. */
export const ms = (column: string) => `CAST(epoch_ms(${column}) AS DOUBLE)`;
