/** Runs the ledger store and report contracts against the DuckDB store, each store a fresh file in a temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { DuckDbLedgerStore } from '../../src/adapters/store-duckdb/duckdb-store.ts';
import { describeAuthorityStoreContract } from './authority-store.contract.ts';
import { describeChangeStoreContract } from './change-store.contract.ts';
import { describeLedgerStoreContract } from './ledger-store.contract.ts';
import { describePageStoreContract } from './page-store.contract.ts';
import { describeReportContract } from './reports.contract.ts';
import { describeReviewStoreContract } from './review-store.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-contract-'));
let n = 0;
const open = () =>
  DuckDbLedgerStore.open({ path: join(dir, `ledger-${++n}.duckdb`), config: { threads: '2' } });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeLedgerStoreContract('duckdb', open);
describeReportContract('duckdb', open);
describeAuthorityStoreContract('duckdb', open);
describeChangeStoreContract('duckdb', open);
describePageStoreContract('duckdb', open);
describeReviewStoreContract('duckdb', open);
