/**
 * Ledger query benchmark: 10 million links with a power-law spread over domains, then the first page of
 * `backlinks` and `refdomains` (50 rows) for the 100 most linked target domains, timed one by one.
 *
 *   node --import tsx bench/ledger-query.ts [links=10000000] [--keep PATH]
 *
 * Baseline: the same queries on the links table as written by the import (insertion order, no clustering),
 * against the table after `optimize()` (clustered by target domain, host, URL). Reports p50/p95/max per
 * report and state, bytes per link on disk, the import rate and its peak memory.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbLedgerStore } from '../src/adapters/store-duckdb/duckdb-store.ts';
import { ingestPages } from '../src/app/ledger/ingest-pages.ts';
import { reportBacklinks, reportRefDomains } from '../src/app/ledger/reports.ts';
import { domainName, generatedPages } from './ledger-data.ts';

const links = Number(process.argv[2] ?? 10_000_000);
const keep = process.argv.includes('--keep') ? process.argv[process.argv.indexOf('--keep') + 1] : undefined;
const dir = mkdtempSync(join(tmpdir(), 'ledger-query-'));
const path = keep ?? join(dir, 'bench.duckdb');
const HEAVY = 100;

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeQueries(store: DuckDbLedgerStore) {
  const out: Record<string, { p50: number; p95: number; max: number }> = {};
  const targets = Array.from({ length: HEAVY }, (_, i) => domainName(i));
  for (const [name, run] of [
    ['backlinks', (t: string) => reportBacklinks(store, { target: t, limit: 50 })],
    ['refdomains', (t: string) => reportRefDomains(store, { target: t, limit: 50 })],
  ] as const) {
    await run(targets[0]!); // warm the connection and caches once
    const times: number[] = [];
    for (const t of targets) {
      const start = performance.now();
      const rows = await run(t);
      times.push(performance.now() - start);
      if (rows.length === 0) throw new Error(`no ${name} rows for ${t}`);
    }
    out[name] = {
      p50: Math.round(percentile(times, 50)),
      p95: Math.round(percentile(times, 95)),
      max: Math.round(Math.max(...times)),
    };
  }
  return out;
}

/** DuckDB may use this much memory (the machine is shared; the figure is reported). */
const MEMORY_LIMIT = '3GB';

function fileBytes(p: string): number {
  let total = 0;
  for (const f of [p, `${p}.wal`]) {
    try {
      total += statSync(f).size;
    } catch {
      // no WAL
    }
  }
  return total;
}

try {
  const store = await DuckDbLedgerStore.open({ path, config: { memory_limit: MEMORY_LIMIT } });
  const start = performance.now();
  const stats = await ingestPages(store, generatedPages({ links, domains: 1_000_000, seed: 7 }), {
    batchLinks: 250_000,
  });
  const importSeconds = (performance.now() - start) / 1000;
  const importPeakRssMB = Math.round(Math.max(peakRss, process.memoryUsage().rss) / 1e6);
  const importBytes = fileBytes(path);
  const heaviest = await reportRefDomains(store, { target: domainName(0), limit: 1 });
  const unclustered = await timeQueries(store);
  const optimizeStart = performance.now();
  await store.optimize();
  const optimizeSeconds = (performance.now() - optimizeStart) / 1000;
  const clustered = await timeQueries(store);
  const counts = await store.counts();
  await store.close();
  clearInterval(sampler);
  const bytes = fileBytes(path);
  process.stdout.write(
    `${JSON.stringify({
      links: counts.links,
      pages: counts.pages,
      importSeconds: Number(importSeconds.toFixed(1)),
      importLinksPerSecond: Math.round(stats.newLinks / importSeconds),
      importPeakRssMB,
      optimizeSeconds: Number(optimizeSeconds.toFixed(1)),
      memoryLimit: MEMORY_LIMIT,
      importFileMB: Math.round(importBytes / 1e6),
      bytesPerLinkAsImported: Number((importBytes / counts.links).toFixed(1)),
      fileMBAfterOptimize: Math.round(bytes / 1e6),
      heaviestTarget: { domain: domainName(0), topRefdomainLinks: heaviest[0]?.links ?? 0 },
      unclustered,
      clustered,
      peakRssMB: Math.round(peakRss / 1e6),
    })}\n`,
  );
} finally {
  clearInterval(sampler);
  if (keep === undefined) rmSync(dir, { recursive: true, force: true });
}
