/**
 * Configures the allocator DuckDB brings (its own jemalloc) before the library is loaded. jemalloc reads
 * `DUCKDB_JE_MALLOC_CONF` once, when libduckdb is loaded, so every file of this adapter that loads
 * '@duckdb/node-api' imports this module first (ES modules are evaluated in the order they are imported).
 *
 * One arena: DuckDB asks jemalloc for several arenas (2 on the 2-core reference machine, from its CPU
 * count) and jemalloc binds each thread to one of them.
 * Node runs each DuckDB call on whichever libuv pool thread is free, so consecutive import batches are
 * applied on threads of different arenas: the ~100 MB a batch frees at its commit stays in one arena's
 * cache while the next batch, in the other arena, faults in fresh pages (each fault costs 5-10 µs on the
 * reference VM). With one arena the next batch reuses them. Only on machines of up to 8 cores: one arena
 * serializes large allocations between DuckDB's worker threads, harmless with a few threads but not
 * measured with many.
 *
 * A 10 s decay instead of DuckDB's 1 s: jemalloc hands freed pages back to the system (madvise) once
 * they have been unused that long, and it does that work on threads that allocate or free, here the one
 * applying the next batch. Batches come about a second apart, so with 1 s it kept advising the kernel
 * about pages the next batch reused a moment later (495 against 90 `MADV_FREE` calls per 2 M import).
 *
 * Measured: bench/results/ledger.md, session 12. Options the user sets in DUCKDB_JE_MALLOC_CONF always
 * win, and any other option there is kept. DuckDB uses jemalloc on Linux only; elsewhere the variable is
 * set and nothing reads it.
 */
import { availableParallelism } from 'node:os';

export const ALLOCATOR_ENV = 'DUCKDB_JE_MALLOC_CONF';
export const ONE_ARENA_MAX_CORES = 8;
export const DECAY_MS = 10_000;

/** The jemalloc options to load DuckDB with, given the user's (if any) and the machine's core count. */
export function allocatorConf(current: string | undefined, cores: number): string {
  // jemalloc's format: `key:value` pairs joined by commas, no spaces. Stray commas at either end would
  // make jemalloc stop reading at the empty pair, so they are dropped.
  const given = (current ?? '').trim().replace(/^,+|,+$/g, '');
  const has = (key: string) => new RegExp(`(^|,)${key}:`).test(given);
  const add: string[] = [];
  if (cores <= ONE_ARENA_MAX_CORES && !has('narenas')) add.push('narenas:1');
  if (!has('dirty_decay_ms')) add.push(`dirty_decay_ms:${DECAY_MS}`);
  if (!has('muzzy_decay_ms')) add.push(`muzzy_decay_ms:${DECAY_MS}`);
  return [given, ...add].filter((part) => part !== '').join(',');
}

process.env[ALLOCATOR_ENV] = allocatorConf(process.env[ALLOCATOR_ENV], availableParallelism());
