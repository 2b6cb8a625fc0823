/**
 * Counts the writes that go through a store, for the server's response cache (a cached answer is used
 * only while the count is unchanged). A DuckDB file has one writing process and the server holds it, so
 * every change of the ledger passes here: imports, crawls and rank runs of jobs, whitelist and disavow
 * requests.
 */
import type { LedgerStore } from '../core/ledger/store.ts';

/** Every method of the store port that changes the ledger. */
export const WRITE_METHODS = [
  'commit',
  'saveImportRun',
  'saveCrawlJob',
  'saveAuthority',
  'addReview',
  'removeReview',
  'saveDisavowVersion',
  'optimize',
] as const satisfies readonly (keyof LedgerStore)[];

export function countingWrites(store: LedgerStore): { store: LedgerStore; writes: () => number } {
  let writes = 0;
  const writing = new Set<PropertyKey>(WRITE_METHODS);
  const counted = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (!writing.has(key)) return value.bind(target);
      return async (...args: unknown[]) => {
        writes += 1; // before: a read that starts during the write must not be cached as current
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          writes += 1; // and after: nor one that read the old state while the write ran
        }
      };
    },
  });
  return { store: counted, writes: () => writes };
}
