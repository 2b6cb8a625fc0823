/**
 * The store applies batches on one DuckDB thread (row-groups.test.ts says why) and keeps that setting while
 * batches follow each other: each change of `threads` restarts DuckDB's workers and purges its allocator,
 * and switching back after every batch cost ~10% of an import's CPU. These pin that the thread count the
 * store was opened with comes back as soon as no batch is queued, after a failed batch too, and that it
 * is not switched between batches queued back to back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../../src/adapters/store-duckdb/duckdb-store.ts';
import { planPage } from '../../../src/core/ledger/plan-page.ts';
import type { LedgerBatch } from '../../../src/core/ledger/store.ts';
import { capture, day, link } from '../../contract/ledger-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-commit-threads-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ctx = { domainOf: (host: string) => host };

function batch(i: number): LedgerBatch {
  const page = capture(`https://site${i}.example.org/a`, day(1), [link(`https://t.com/${i}`)]);
  return { plans: [planPage(page.page.url, null, [page], [], ctx)], run: null };
}

async function withStore(work: (store: DuckDbLedgerStore, threads: () => Promise<number>) => Promise<void>) {
  const store = await DuckDbLedgerStore.open({
    path: join(dir, `ledger-${++n}.duckdb`),
    config: { threads: '3' },
  });
  // The setting is instance-wide: read it on the store's own connection (new after optimize), beside the
  // lanes' work.
  const threads = async () =>
    (
      await (store as unknown as { conn: DuckDBConnection }).conn.runAndReadAll(
        `SELECT current_setting('threads')::INTEGER AS t`,
      )
    ).getRowObjectsJS()[0]!.t as number;
  try {
    await work(store, threads);
  } finally {
    await store.close();
  }
}

describe('DuckDB store: threads while committing', () => {
  it('keeps one thread between batches queued back to back and restores the opened count after the last', async () => {
    await withStore(async (store, threads) => {
      expect(await threads()).toBe(3);
      const seen: number[] = [];
      const first = store.commit(batch(1)).then(async () => seen.push(await threads()));
      const second = store.commit(batch(2));
      await first;
      await second;
      // Batch 2 was queued when batch 1 finished: no switch back in between.
      expect(seen).toEqual([1]);
      expect(await threads()).toBe(3);
      // A batch on its own switches to one thread and back again.
      await store.commit(batch(3));
      expect(await threads()).toBe(3);
      expect((await store.counts()).pages).toBe(3);
    });
  });

  it('gives optimize every thread when a commit waits behind it, and that commit applies on the new file', async () => {
    await withStore(async (store, threads) => {
      // Record the thread count when optimize starts copying (it attaches the copy first).
      const conn = (store as unknown as { conn: DuckDBConnection }).conn;
      const run = conn.run.bind(conn);
      let copyingWith: number | null = null;
      conn.run = async (sql: string, ...rest: unknown[]) => {
        if (sql.startsWith('ATTACH')) copyingWith = await threads();
        return (run as (sql: string, ...rest: unknown[]) => ReturnType<typeof run>)(sql, ...rest);
      };
      const first = store.commit(batch(1));
      const optimized = store.optimize();
      const behind = store.commit(batch(2));
      await first;
      await optimized;
      await behind;
      expect(copyingWith).toBe(3);
      expect(await threads()).toBe(3);
      expect((await store.counts()).pages).toBe(2);
      await store.commit(batch(3));
      expect(await threads()).toBe(3);
    });
  });

  it('restores the opened count when the last queued batch fails, or fails while staging', async () => {
    await withStore(async (store, threads) => {
      await store.commit(batch(1));
      const ok = store.commit(batch(2));
      // Page 1 is in the ledger already: the store's stale-plan guard refuses this "new" page.
      const refused = store.commit(batch(1));
      await ok;
      await expect(refused).rejects.toThrow(/stale plan/);
      expect(await threads()).toBe(3);

      // A batch that cannot even be staged (its plan has no page) behind one that applies.
      const applied = store.commit(batch(4));
      const broken = store.commit({ plans: [{} as never], run: null });
      await applied;
      await expect(broken).rejects.toThrow();
      expect(await threads()).toBe(3);
      expect((await store.counts()).pages).toBe(3);
    });
  });
});
