/**
 * Child process for the kill-and-resume test: imports a CSV into a DuckDB ledger in small batches and prints
 * `batch` after each commit, so the test can kill it (SIGKILL) in the middle of the import.
 * Usage: node --import tsx import-child.ts DB CSV NOW
 */
import { csvImportSource } from '../../../../src/adapters/imports/csv-import.ts';
import { DuckDbLedgerStore } from '../../../../src/adapters/store-duckdb/duckdb-store.ts';
import { runImport } from '../../../../src/app/ledger/run-import.ts';

const [db, csv, nowText] = process.argv.slice(2);
const now = Number(nowText);
const store = await DuckDbLedgerStore.open({ path: db!, config: { threads: '1' } });
const source = await csvImportSource(csv!, { now });
await runImport(store, source, {
  now: () => now,
  batchLinks: 1500,
  onProgress: () => process.stdout.write('batch\n'),
});
await store.close();
process.stdout.write('done\n');
