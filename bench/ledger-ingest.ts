/**
 * Ledger ingest benchmark: pages -> DuckDB through the real path (LedgerWriter, planner, columnar staging,
 * transactional commits). Reports links/s, bytes per link on disk and peak RSS.
 *
 *   node --import tsx bench/ledger-ingest.ts [links=2000000] [batchLinks=100000]
 *
 * Baseline: DuckDB's own Appender, row by row, into a table of the same shape (what "600k rows/s" in
 * docs/TOOLCHAIN.md refers to, for narrow rows), measured here on the same rows.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbLedgerStore } from '../src/adapters/store-duckdb/duckdb-store.ts';
import { ingestPages } from '../src/app/ledger/ingest-pages.ts';
import { benchPages } from './ledger-data.ts';

const links = Number(process.argv[2] ?? 2_000_000);
const batchLinks = Number(process.argv[3] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'ledger-ingest-'));
const path = join(dir, 'bench.duckdb');
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

try {
  const store = await DuckDbLedgerStore.open({ path });
  const pages = await benchPages({ links });
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const stats = await ingestPages(store, pages, { batchLinks });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await store.close();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const bytes = statSync(path).size;
  const result = {
    links: stats.newLinks,
    pages: stats.newPages,
    seconds: Number(seconds.toFixed(2)),
    linksPerSecond: Math.round(stats.newLinks / seconds),
    cpuSeconds: Number(cpuSeconds.toFixed(2)),
    linksPerCpuSecond: Math.round(stats.newLinks / cpuSeconds),
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
