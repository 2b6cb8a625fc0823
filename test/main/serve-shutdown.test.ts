/**
 * Shutting the server down while a client downloads an export and has stopped reading it: the server
 * gives requests in flight a grace period, then cuts their connections, stops the download and closes the
 * ledger. The real server on 127.0.0.1, a real DuckDB file, a raw HTTP client that pauses.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../src/adapters/store-duckdb/duckdb-store.ts';
import { runImport } from '../../src/app/ledger/run-import.ts';
import { startServer } from '../../src/main/serve.ts';
import { day, memorySource, observation } from '../contract/ledger-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Enough links that their CSV outgrows the socket's buffers (a few MB). */
const LINKS = 40_000;

describe('serve shutdown', () => {
  it('cuts a download whose client stopped reading after the grace period, and closes the ledger', async () => {
    const path = join(dir, 'ledger.duckdb');
    const seed = await DuckDbLedgerStore.open({ path });
    const inputs = Array.from({ length: LINKS }, (_, i) =>
      observation(
        `https://source-${i}.example.org/a/rather/long/path/to/the/page-${i}.html`,
        'https://t.example/',
        day(1),
      ),
    );
    await runImport(seed, memorySource(inputs), { now: () => day(2), optimize: false });
    await seed.close();

    const server = await startServer({
      host: '127.0.0.1',
      port: 0,
      tokens: null,
      openStore: () => DuckDbLedgerStore.open({ path, readConnections: 2 }),
      jobs: { importDirs: [dir], allowPrivateNetwork: false },
      shutdownGraceMs: 300,
    });
    let received = 0;
    const ended = new Promise<string>((resolve) => {
      const req = request(`${server.url}/api/v1/backlinks/export?target=t.example&scope=domain`, (res) => {
        res.once('data', (chunk: Buffer) => {
          received += chunk.length;
          res.pause(); // the client stops reading
          resolve('paused');
        });
      });
      req.on('error', () => undefined); // the cut
      req.end();
    });
    expect(await ended).toBe('paused');
    await new Promise((r) => setTimeout(r, 200)); // the server fills the socket and waits

    const started = Date.now();
    const closed = await Promise.race([
      server.close().then(() => 'closed'),
      new Promise<string>((r) => setTimeout(() => r('still open after 10 s'), 10_000)),
    ]);
    expect(closed).toBe('closed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250); // it did wait for the download first
    expect(received).toBeGreaterThan(0);

    // The ledger was closed: another process may open it.
    const again = await DuckDbLedgerStore.open({ path });
    expect((await again.counts()).links).toBe(LINKS);
    await again.close();
  }, 60_000);
});
