/**
 * Ledger ingest benchmark: pages -> DuckDB through the real path (LedgerWriter, planner, columnar staging,
 * transactional commits). Reports links/s, bytes per link on disk and peak RSS.
 *
 *   node --import tsx bench/ledger-ingest.ts [links=2000000] [batchLinks=500000]
 *
 * Baseline: DuckDB's Appender used row by row (one native call per value) into a table shaped like `links`,
 * on the same generated links, in the same process and minute (the machine is shared: compare ratios).
 */
// First: DuckDB's allocator options are read when the library loads (allocator-config.ts).
import '../src/adapters/store-duckdb/allocator-config.ts';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, DuckDBTimestampValue } from '@duckdb/node-api';
import { DuckDbLedgerStore } from '../src/adapters/store-duckdb/duckdb-store.ts';
import type { CapturedPageLinks } from '../src/app/ledger/ingest-pages.ts';
import { ingestPages } from '../src/app/ledger/ingest-pages.ts';
import { benchPages } from './ledger-data.ts';

const links = Number(process.argv[2] ?? 2_000_000);
const batchLinks = Number(process.argv[3] ?? 500_000);
const dir = mkdtempSync(join(tmpdir(), 'ledger-ingest-'));
const path = join(dir, 'bench.duckdb');
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

/** The plain approach's table: a link per row with everything spelled out (what the `links` view reads). */
const PLAIN_LINKS_COLUMNS = `id BIGINT, page_id INTEGER, source_url VARCHAR, source_domain VARCHAR, target_url VARCHAR,
  target_host VARCHAR, target_domain VARCHAR, kind VARCHAR, followed BOOLEAN, anchor VARCHAR, rel VARCHAR,
  nofollow BOOLEAN, sponsored BOOLEAN, ugc BOOLEAN, image BOOLEAN, placement VARCHAR, first_seen TIMESTAMP,
  last_seen TIMESTAMP, last_live TIMESTAMP, lost_at TIMESTAMP, lost_reason VARCHAR, reported_lost_at TIMESTAMP,
  reported_lost_reason VARCHAR, attrs_at TIMESTAMP`;

/**
 * Baseline: the plain approach, one Appender call per value, row by row, into a table of whole links
 * (no ledger rules, no dedup, no link sources): what the ledger's columnar staging is compared with.
 */
async function rowAppenderBaseline(pages: Iterable<CapturedPageLinks>, rows: number): Promise<number> {
  const instance = await DuckDBInstance.create(join(dir, 'baseline.duckdb'));
  const conn = await instance.connect();
  await conn.run(`CREATE TABLE links (${PLAIN_LINKS_COLUMNS})`);
  const ts = new DuckDBTimestampValue(1_717_200_000_000_000n);
  const start = performance.now();
  await conn.run('BEGIN');
  const a = await conn.createAppender('links');
  let n = 0;
  outer: for (const p of pages) {
    for (const l of p.links) {
      if (n >= rows) break outer;
      a.appendBigInt(BigInt(n));
      a.appendInteger(0);
      a.appendVarchar(p.page.url);
      a.appendVarchar('source.example');
      a.appendVarchar(l.target!);
      a.appendVarchar('target.example');
      a.appendVarchar('target.example');
      a.appendVarchar(l.kind);
      a.appendBoolean(!l.nofollow);
      a.appendVarchar(l.anchor);
      a.appendVarchar(l.rel.join(' '));
      a.appendBoolean(l.nofollow);
      a.appendBoolean(l.sponsored);
      a.appendBoolean(l.ugc);
      a.appendBoolean(l.kind === 'img');
      a.appendVarchar(l.placement);
      for (let i = 0; i < 3; i++) a.appendTimestamp(ts);
      for (let i = 0; i < 4; i++) a.appendNull();
      a.appendTimestamp(ts);
      a.endRow();
      n += 1;
    }
  }
  a.closeSync();
  await conn.run('COMMIT');
  const seconds = (performance.now() - start) / 1000;
  conn.closeSync();
  instance.closeSync();
  return Math.round(n / seconds);
}

try {
  const baselineRowsPerSecond = await rowAppenderBaseline(await benchPages({ links: 300_000 }), 300_000);
  const store = await DuckDbLedgerStore.open({ path });
  const pages = await benchPages({ links });
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const stats = await ingestPages(store, pages, { batchLinks });
  const written = performance.now();
  // Closing checkpoints the file: part of the import's cost (a parallel insert once made it 2 s of 9).
  await store.close();
  const closed = performance.now();
  const seconds = (closed - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const bytes = statSync(path).size;
  const result = {
    links: stats.newLinks,
    pages: stats.newPages,
    seconds: Number(seconds.toFixed(2)),
    closeSeconds: Number(((closed - written) / 1000).toFixed(2)),
    linksPerSecond: Math.round(stats.newLinks / seconds),
    cpuSeconds: Number(cpuSeconds.toFixed(2)),
    linksPerCpuSecond: Math.round(stats.newLinks / cpuSeconds),
    baselineRowAppenderRowsPerSecond: baselineRowsPerSecond,
    ratioToBaseline: Number((stats.newLinks / seconds / baselineRowsPerSecond).toFixed(2)),
    bytesPerLink: Number((bytes / stats.newLinks).toFixed(1)),
    fileMB: Number((bytes / 1e6).toFixed(1)),
    peakRssMB: Math.round(peakRss / 1e6),
    batchLinks,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
