/**
 * Configures the allocator DuckDB brings (its own jemalloc) before the library is loaded. jemalloc reads
 * `DUCKDB_JE_MALLOC_CONF` once, when libduckdb is loaded, so every file of this adapter that loads
 * '@duckdb/node-api' imports this module first (ES modules are evaluated in the order they are imported).
 *
 * Why one arena: DuckDB asks jemalloc for cores / 2 arenas and jemalloc binds each thread to one of them.
 * Node runs each DuckDB call on whichever libuv pool thread is free, so consecutive import batches are
 * applied on threads of different arenas: the ~100 MB a batch frees at its commit stays in one arena's
 * cache while the next batch, in the other arena, faults in fresh pages (each fault costs 5-10 µs on the
 * reference VM). With one arena the next batch reuses them: 20% fewer page faults per import, 80 MB less
 * peak memory and a faster ingest (bench/results/ledger.md, session 12).
 *
 * Only on machines of up to 8 cores: one arena serializes large allocations between DuckDB's worker
 * threads, harmless with a few threads but not measured with many. A `narenas` the user sets in
 * DUCKDB_JE_MALLOC_CONF always wins, and any other option there is kept.
 */
import { availableParallelism } from 'node:os';

export const ALLOCATOR_ENV = 'DUCKDB_JE_MALLOC_CONF';
export const ONE_ARENA_MAX_CORES = 8;

/** The jemalloc options to load DuckDB with, given the user's (if any) and the machine's core count. */
export function allocatorConf(current: string | undefined, cores: number): string | undefined {
  if (cores > ONE_ARENA_MAX_CORES) return current;
  if (current !== undefined && /(^|,)\s*narenas:/.test(current)) return current;
  return current === undefined || current.trim() === '' ? 'narenas:1' : `${current},narenas:1`;
}

const conf = allocatorConf(process.env[ALLOCATOR_ENV], availableParallelism());
if (conf !== undefined) process.env[ALLOCATOR_ENV] = conf;
