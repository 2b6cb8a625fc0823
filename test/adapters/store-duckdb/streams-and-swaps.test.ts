/**
 * A streamed download (the backlinks export, on a DuckDB connection of its own) and optimize's file swap:
 * optimize must neither swap the file under a download nor wait for one (its client may have stopped
 * reading, and with no pooled readers the download needs the writer's turn that optimize holds), close
 * must wait for a download asked for just before it, and a swap that cannot reopen the file must leave a
 * store that refuses calls, not one where they wait forever.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../../src/adapters/store-duckdb/duckdb-store.ts';
import { exportBacklinks } from '../../../src/app/ledger/reports.ts';
import { runImport } from '../../../src/app/ledger/run-import.ts';
import { day, memorySource, observation } from '../../contract/ledger-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-streams-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LINKS = 3_000;

/** A ledger of LINKS links to t.example from as many pages (several export batches). */
async function ledger(readConnections: number) {
  const path = join(dir, `ledger-${++n}.duckdb`);
  const store = await DuckDbLedgerStore.open({ path, readConnections });
  const inputs = Array.from({ length: LINKS }, (_, i) =>
    observation(`https://s${i}.example.org/p`, 'https://t.example/', day(1)),
  );
  await runImport(store, memorySource(inputs), { now: () => day(2), optimize: false });
  return { store, path };
}

const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([promise, new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), ms))]);

describe('a download streaming while optimize runs', () => {
  for (const readConnections of [0, 2]) {
    it(`optimize leaves the file for later instead of waiting for it (${readConnections} pooled readers)`, async () => {
      const { store, path } = await ledger(readConnections);
      try {
        let batches = 0;
        let optimized: Promise<string> | null = null;
        const exported = exportBacklinks(store, { target: 't.example', scope: 'domain' }, async () => {
          batches += 1;
          // What an import job does when it ends, while a client downloads an export.
          if (batches === 1) optimized = store.optimize().then(() => 'optimize returned');
        });
        expect(await within(10_000, exported)).toBe(LINKS);
        expect(batches).toBeGreaterThan(1);
        expect(await optimized).toBe('optimize returned');
        expect(existsSync(`${path}.optimize-tmp`)).toBe(false);
        // Afterwards it optimizes as ever: the file is swapped (reads go on across the swap).
        await store.optimize();
        expect((await store.counts()).links).toBe(LINKS);
      } finally {
        await store.close();
      }
    });
  }

  it('a client that stops reading holds up neither optimize nor the writes behind it', async () => {
    const { store } = await ledger(2);
    let resume!: () => void;
    const stalled = new Promise<void>((r) => {
      resume = r;
    });
    let batches = 0;
    const exported = exportBacklinks(store, { target: 't.example', scope: 'domain' }, async () => {
      batches += 1;
      if (batches === 1) await stalled; // the client stopped reading
    });
    try {
      while (batches === 0) await new Promise((r) => setTimeout(r, 5));
      expect(
        await within(
          5_000,
          store.optimize().then(() => 'optimize returned'),
        ),
      ).toBe('optimize returned');
      expect(
        await within(
          5_000,
          store.importRuns().then((runs) => runs.length),
        ),
      ).toBe(1);
    } finally {
      resume();
      expect(await exported).toBe(LINKS);
      await store.close();
    }
  });
});

describe('close', () => {
  it('returns only once a download asked for just before it has ended (cut: the store is closed)', async () => {
    const { store } = await ledger(2);
    const events: string[] = [];
    const exported = exportBacklinks(store, { target: 't.example', scope: 'domain' }, () => undefined).then(
      (rows) => events.push(`download read ${rows} rows`),
      (error: Error) => events.push(`download ended: ${error.message}`),
    );
    await store.close();
    events.push('closed');
    await exported;
    expect(events).toEqual(['download ended: the store is closed', 'closed']);
  });
});

describe('optimize failing to reopen the swapped file', () => {
  it('leaves a store that refuses every call with a clear error instead of one where calls wait', async () => {
    const { store } = await ledger(2);
    // Fault injection: the reopen after the swap fails (what a full disk or no memory would do).
    const opener = DuckDbLedgerStore as unknown as { connect: (options: unknown) => Promise<unknown> };
    const connect = opener.connect;
    opener.connect = () => Promise.reject(new Error('no space left on device'));
    try {
      await expect(store.optimize()).rejects.toThrow('no space left on device');
    } finally {
      opener.connect = connect;
    }
    expect(
      await within(
        3_000,
        store.counts().catch((e: Error) => e.message),
      ),
    ).toMatch(/store is closed/);
    expect(
      await within(
        3_000,
        store.importRuns().catch((e: Error) => e.message),
      ),
    ).toMatch(/store is closed/);
    const streamed = exportBacklinks(store, { target: 't.example', scope: 'domain' }, () => undefined);
    expect(
      await within(
        3_000,
        streamed.catch((e: Error) => e.message),
      ),
    ).toMatch(/store is closed/);
    await store.close();
  });
});
