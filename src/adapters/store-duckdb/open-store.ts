/**
 * Opens a ledger store by kind: the one place that knows the concrete store adapters (the CLI and the
 * HTTP server call this; the composition root in src/main can take it over). The DuckDB default file is
 * `./linkledger.duckdb`, or `LINKLEDGER_DB` when the caller passes it in.
 */
import type { LedgerStore } from '../../core/ledger/store.ts';
import { MemoryLedgerStore } from '../store-memory/memory-store.ts';
import { DuckDbLedgerStore } from './duckdb-store.ts';

export const DEFAULT_DB_PATH = './linkledger.duckdb';

export type StoreSpec =
  | { kind: 'memory' }
  | {
      kind: 'duckdb';
      path?: string;
      config?: Record<string, string>;
      readConnections?: number;
      /** Told before an older ledger file is upgraded (it can take a while): see DuckDbStoreOptions. */
      onMigrate?: (message: string) => void;
    };

export async function openStore(spec: StoreSpec): Promise<LedgerStore> {
  if (spec.kind === 'memory') return new MemoryLedgerStore();
  return DuckDbLedgerStore.open({
    path: spec.path ?? DEFAULT_DB_PATH,
    ...(spec.config === undefined ? {} : { config: spec.config }),
    ...(spec.readConnections === undefined ? {} : { readConnections: spec.readConnections }),
    ...(spec.onMigrate === undefined ? {} : { onMigrate: spec.onMigrate }),
  });
}
