/**
 * HTTP API benchmark (issue #7): `linkledger serve` (the bin, its own process) on loopback over a DuckDB
 * ledger of 1 million links, autocannon firing `GET /api/v1/backlinks` at it, then requests per second,
 * p50 / p99 latency and errors. Target: 1,000 qps with zero errors.
 *
 *   node --import tsx bench/http-backlinks.ts [--db PATH] [--seconds 20] [--connections 16]
 *                                            [--modes uncached,cached] [--out FILE]
 *
 * The ledger: without --db, bench/out/http-1m.duckdb, made once (and kept) from the same generator as the
 * ledger-query benchmark (bench/ledger-data.ts: power-law spread of ~1M links over domains), clustered
 * by `optimize()` as every import leaves it.
 *
 * The load: 400 distinct requests, cycled by every connection: the 100 most linked target domains, each
 * as its first page (50 rows, newest first), its second page, dofollow only, and sorted by source URL.
 * Each response is checked (200, JSON with rows) before the run.
 *
 * Modes (`--modes`, all by default), each a fresh server:
 *   - `serial`: `--no-cache --read-connections 0`, the server as it was before this benchmark (one DuckDB
 *     connection, every query in turn): the baseline;
 *   - `pooled`: `--no-cache`, every request queries DuckDB on the pool of 4 read connections;
 *   - `cached`: the server as shipped (the response cache answers a repeated request until the ledger
 *     changes or 60 s pass; the check pass before the run filled it).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DuckDbLedgerStore } from '../src/adapters/store-duckdb/duckdb-store.ts';
import { ingestPages } from '../src/app/ledger/ingest-pages.ts';
import { domainName, generatedPages } from './ledger-data.ts';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const seconds = Number(arg('seconds', '20'));
const connections = Number(arg('connections', '16'));
const modes = arg('modes', 'serial,pooled,cached')!.split(',');
const TOKEN = 'bench-read-token-0123456789';
const TARGETS = 100;

async function ensureLedger(path: string): Promise<number> {
  if (!existsSync(path)) {
    mkdirSync(OUT, { recursive: true });
    console.log(`building ${path}: ~1M generated links over a power-law of domains`);
    const store = await DuckDbLedgerStore.open({ path });
    await ingestPages(store, generatedPages({ links: 1_000_000, domains: 1_000_000, seed: 7 }), {
      batchLinks: 250_000,
    });
    await store.optimize();
    await store.close();
  }
  const store = await DuckDbLedgerStore.open({ path });
  const links = (await store.counts()).links;
  await store.close();
  return links;
}

function requestPaths(): string[] {
  const paths: string[] = [];
  for (let i = 0; i < TARGETS; i++) {
    const t = encodeURIComponent(domainName(i));
    paths.push(`/api/v1/backlinks?target=${t}&limit=50`);
    paths.push(`/api/v1/backlinks?target=${t}&limit=50&offset=50`);
    paths.push(`/api/v1/backlinks?target=${t}&limit=50&dofollow=true`);
    paths.push(`/api/v1/backlinks?target=${t}&limit=50&sort=source-url&order=asc`);
  }
  return paths;
}

async function startServe(db: string, extra: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const tokens = join(OUT, 'http-bench-tokens.txt');
  writeFileSync(tokens, `read:${TOKEN}\n`);
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'linkledger.js'),
      'serve',
      '--db',
      db,
      '--port',
      '0',
      '--token-file',
      tokens,
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /linkledger API on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        process.kill(child.pid!, 'SIGTERM');
      }),
  };
}

interface ModeResult {
  mode: string;
  qps: number;
  requests: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

async function runMode(db: string, mode: string, paths: string[]): Promise<ModeResult> {
  const flags: Record<string, string[]> = {
    serial: ['--no-cache', '--read-connections', '0'],
    pooled: ['--no-cache'],
    cached: [],
  };
  if (!(mode in flags)) throw new Error(`unknown mode ${mode}: serial, pooled or cached`);
  const server = await startServe(db, flags[mode]!);
  try {
    const headers = { authorization: `Bearer ${TOKEN}` };
    for (const path of paths) {
      const res = await fetch(server.url + path, { headers });
      const body = (await res.json()) as { data?: unknown[] };
      if (res.status !== 200 || !Array.isArray(body.data) || body.data.length === 0)
        throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
    const result = await autocannon({
      url: server.url,
      connections,
      duration: seconds,
      headers,
      requests: paths.map((path) => ({ method: 'GET' as const, path })),
    });
    return {
      mode,
      qps: Math.round(result.requests.average),
      requests: result.requests.total,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    };
  } finally {
    await server.stop();
  }
}

const db = arg('db') ?? join(OUT, 'http-1m.duckdb');
const links = await ensureLedger(db);
const paths = requestPaths();
console.log(
  `${links.toLocaleString('en-US')} links; ${paths.length} distinct backlinks requests; ${connections} connections, ${seconds} s per mode`,
);
const results: ModeResult[] = [];
for (const mode of modes) {
  const r = await runMode(db, mode, paths);
  results.push(r);
  console.log(
    `${mode.padEnd(9)} ${String(r.qps).padStart(6)} qps  p50 ${r.p50} ms  p90 ${r.p90} ms  p99 ${r.p99} ms  max ${r.max} ms  ` +
      `requests ${r.requests}  errors ${r.errors}  non-2xx ${r.non2xx}`,
  );
}
const out = arg('out');
if (out) writeFileSync(out, `${JSON.stringify({ links, connections, seconds, results }, null, 2)}\n`);
if (arg('db') === undefined && process.argv.includes('--drop')) rmSync(db, { force: true });
