/**
 * Staged rows must not pile up in memory over a long import. The stage is TEMP tables, and a DELETE leaves
 * deleted rows in memory until a checkpoint, which TEMP tables never get: an 8 M-link import ended with
 * 934 MB of dead stage rows. The store drops and creates the stage tables instead, and empties them with
 * each commit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../../src/adapters/store-duckdb/duckdb-store.ts';
import { capture, day, feed, link } from '../../contract/ledger-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-stage-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `count` pages of 250 distinct links with longish URLs and anchors (strings DuckDB stores out of line). */
function pages(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const links = Array.from({ length: 250 }, (_, j) =>
      link(`https://target${j % 50}.example/section/${n}/article-${j}.html`, { anchor: `anchor text ${j}` }),
    );
    return capture(`https://source${n}.example.org/page`, day(1), links);
  });
}

describe('DuckDB store: staging memory', () => {
  it('holds no staged rows once batches are committed, however many there were', async () => {
    const store = await DuckDbLedgerStore.open({ path: join(dir, 'ledger.duckdb') });
    const conn = (store as unknown as { conn: DuckDBConnection }).conn;
    // After a checkpoint the ledger's own rows are on disk: what stays in memory as tables is the stage.
    const stageBytes = async () => {
      await conn.run('CHECKPOINT');
      return Number(
        (
          await conn.runAndReadAll(
            `SELECT memory_usage_bytes AS b FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`,
          )
        ).getRowObjectsJS()[0]!.b,
      );
    };
    try {
      // 8 batches of 40,000 links: about 30 MB of stage rows in all.
      await feed(store, pages(0, 320), 40_000);
      expect((await store.counts()).links).toBe(80_000);
      const afterTwo = await stageBytes();
      await feed(store, pages(320, 960), 40_000);
      expect((await store.counts()).links).toBe(320_000);
      const afterEight = await stageBytes();
      expect(afterEight).toBeLessThan(4 * 1024 * 1024);
      expect(afterEight).toBeLessThanOrEqual(afterTwo + 1024 * 1024);
    } finally {
      await store.close();
    }
  }, 60_000);
});
