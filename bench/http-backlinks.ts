/**
 * HTTP API benchmark skeleton (issue #7): `linkledger serve` on loopback, autocannon firing
 * `GET /api/v1/backlinks` (first page, 50 rows) at it, then p50 / p99 latency, requests per second and
 * errors. The target of issue #7 is 1,000 qps with zero errors on a 1-million-link DuckDB ledger; this
 * skeleton runs on any ledger and writes no results.
 *
 *   node --import tsx bench/http-backlinks.ts [--db PATH --target DOMAIN] [--seconds 10] [--connections 10]
 *
 * Without --db it imports the Common Crawl WARC excerpt (data/commoncrawl) into a temporary ledger and
 * queries radsport-suche.ch (28 backlinks). The server runs in this process (the same startServer as the
 * bin); autocannon runs as a child process so it does not share the server's event loop.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/adapters/store-duckdb/open-store.ts';
import { parseTokens } from '../src/interfaces/http/tokens.ts';
import { startServer } from '../src/main/serve.ts';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const ROOT = join(import.meta.dirname, '..');
const seconds = Number(arg('seconds', '10'));
const connections = Number(arg('connections', '10'));
const dir = mkdtempSync(join(tmpdir(), 'http-bench-'));
let db = arg('db');
const target = arg('target', 'radsport-suche.ch')!;

try {
  if (db === undefined) {
    db = join(dir, 'ledger.duckdb');
    const warc = join(ROOT, 'data', 'commoncrawl', 'CC-MAIN-2020-34-excerpt.warc.gz');
    const imported = spawnSync(
      process.execPath,
      [join(ROOT, 'bin', 'linkledger.js'), 'import', '--db', db, '-q', warc],
      {
        stdio: 'inherit',
      },
    );
    if (imported.status !== 0) throw new Error('import failed');
  }
  const token = 'bench-read-token-0123456789';
  const ledger = db;
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    tokens: parseTokens(`read:${token}`, 'bench'),
    openStore: () => openStore({ kind: 'duckdb', path: ledger }),
  });
  try {
    const url = `${server.url}/api/v1/backlinks?target=${encodeURIComponent(target)}&limit=50`;
    const check = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const rows = ((await check.json()) as { data: unknown[] }).data.length;
    console.log(`GET ${url} -> ${check.status}, ${rows} rows; ${connections} connections for ${seconds} s`);
    const run = await new Promise<string>((resolve, reject) => {
      // spawnSync would block this process, and with it the server under test.
      import('node:child_process').then(({ spawn }) => {
        const child = spawn(
          process.execPath,
          [
            join(ROOT, 'node_modules', 'autocannon', 'autocannon.js'),
            '--json',
            '-c',
            String(connections),
            '-d',
            String(seconds),
            '-H',
            `authorization=Bearer ${token}`,
            url,
          ],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0 ? resolve(out) : reject(new Error(`autocannon exited ${code}`)),
        );
      }, reject);
    });
    const result = JSON.parse(run) as {
      latency: { p50: number; p99: number };
      requests: { average: number; total: number };
      errors: number;
      non2xx: number;
    };
    console.log(
      `backlinks over HTTP: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
        `${result.requests.average.toFixed(0)} qps (${result.requests.total} requests), ` +
        `errors ${result.errors}, non-2xx ${result.non2xx}`,
    );
  } finally {
    await server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
