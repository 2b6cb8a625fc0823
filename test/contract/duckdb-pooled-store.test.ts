/**
 * The same contracts against the DuckDB store as `linkledger serve` opens it: reads on a pool of extra
 * connections (reader-pool.ts), writes on the store's own. Every read must see what the writer committed
 * before it, across optimize's file swap too (the ledger contract optimizes and reads again).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../src/adapters/store-duckdb/duckdb-store.ts';
import { describeAuthorityStoreContract } from './authority-store.contract.ts';
import { describeChangeStoreContract } from './change-store.contract.ts';
import { describeLedgerStoreContract } from './ledger-store.contract.ts';
import { describePageStoreContract } from './page-store.contract.ts';
import { describeReportContract } from './reports.contract.ts';
import { describeReviewStoreContract } from './review-store.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-pooled-'));
let n = 0;
const open = () =>
  DuckDbLedgerStore.open({
    path: join(dir, `ledger-${++n}.duckdb`),
    config: { threads: '2' },
    readConnections: 3,
  });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeLedgerStoreContract('duckdb (pooled reads)', open);
describeReportContract('duckdb (pooled reads)', open);
describeAuthorityStoreContract('duckdb (pooled reads)', open);
describeChangeStoreContract('duckdb (pooled reads)', open);
describePageStoreContract('duckdb (pooled reads)', open);
describeReviewStoreContract('duckdb (pooled reads)', open);

describe('duckdb reader pool', () => {
  it('answers many reads at once, through an optimize that swaps the file, and refuses reads after close', async () => {
    const store = await open();
    const reads = Array.from({ length: 40 }, () => store.counts());
    const optimized = store.optimize();
    const more = Array.from({ length: 40 }, () => store.sources());
    const counts = await Promise.all(reads);
    await optimized;
    expect(await Promise.all(more)).toEqual(Array.from({ length: 40 }, () => []));
    expect(counts.every((c) => c.links === 0)).toBe(true);
    await store.close();
    await expect(store.counts()).rejects.toThrow(/closed/);
  });
});
