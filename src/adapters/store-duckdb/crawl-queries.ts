/**
 * Crawl jobs and frontiers in DuckDB. Jobs are JSON bodies keyed by id (like import runs); frontier rows are
 * upserted by (job, url) from a staging table inside the ledger batch's transaction (see duckdb-store.ts
 * commit), so a page's capture and its frontier row are committed together.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  CrawlJob,
  FrontierEntry,
  FrontierKind,
  FrontierState,
} from '../../core/crawl/frontier-model.ts';
import { ChunkWriter } from './chunk-writer.ts';
import { ts } from './schema.ts';
import { withStageAppenders } from './stage-appenders.ts';

type Row = Record<string, unknown>;

export async function saveCrawlJob(conn: DuckDBConnection, job: CrawlJob): Promise<void> {
  await conn.run(`INSERT OR REPLACE INTO crawl_jobs VALUES ($1, $2, ${ts('$3')}, $4)`, [
    job.id,
    job.key,
    job.startedAt,
    JSON.stringify(job),
  ]);
}

export async function crawlJobs(conn: DuckDBConnection, key?: string): Promise<CrawlJob[]> {
  const sql = `SELECT body FROM crawl_jobs ${key === undefined ? '' : 'WHERE key = $1'} ORDER BY started_at, id`;
  const rows = (await conn.runAndReadAll(sql, key === undefined ? [] : [key])).getRowObjectsJS() as Row[];
  return rows.map((r) => JSON.parse(r.body as string) as CrawlJob);
}

/** Stages frontier rows (the last row of a URL wins); call before the transaction that applies them. */
export async function stageFrontier(
  conn: DuckDBConnection,
  jobId: string,
  entries: readonly FrontierEntry[],
): Promise<void> {
  const last = new Map<string, FrontierEntry>();
  for (const e of entries) last.set(e.url, e);
  await withStageAppenders(conn, async (open) => {
    const w = new ChunkWriter(await open('stage_frontier'), [
      'varchar',
      'varchar',
      'varchar',
      'int',
      'int',
      'double',
      'varchar',
      'varchar',
      'smallint',
      'int',
      'varchar',
    ]);
    for (const e of last.values())
      w.add([jobId, e.url, e.kind, e.depth, e.hops, e.seq, e.state, e.outcome, e.status, e.attempts, e.via]);
    w.close();
  });
}

/** Applies the staged frontier rows; call inside the batch's transaction. */
export async function applyFrontier(conn: DuckDBConnection): Promise<void> {
  await conn.run('INSERT OR REPLACE INTO crawl_frontier SELECT * FROM stage_frontier');
}

export async function frontierOf(conn: DuckDBConnection, jobId: string): Promise<FrontierEntry[]> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT url, kind, depth, hops, seq::DOUBLE AS seq, state, outcome, status, attempts, via
       FROM crawl_frontier WHERE job = $1 ORDER BY depth, seq`,
      [jobId],
    )
  ).getRowObjectsJS() as Row[];
  return rows.map((r) => ({
    url: r.url as string,
    kind: r.kind as FrontierKind,
    depth: r.depth as number,
    hops: r.hops as number,
    seq: r.seq as number,
    state: r.state as FrontierState,
    outcome: (r.outcome as string | null) ?? null,
    status: (r.status as number | null) ?? null,
    attempts: r.attempts as number,
    via: (r.via as string | null) ?? null,
  }));
}
