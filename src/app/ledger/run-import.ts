/**
 * The import use case: drive an import source into the ledger as a recorded, resumable run.
 *
 * Runs are keyed by the input's identity, source and format. If the last run with that key did not finish,
 * this run resumes it: reading restarts at its checkpoint with its statistics, and since every batch is
 * committed together with the checkpoint that covers it, the result equals one clean run. A finished run is
 * not skipped: importing the same data again is allowed and changes nothing but what the data says anew
 * (`lastSeen` of sources without dates, which report "seen now").
 */
import { createHash } from 'node:crypto';
import { emptyStats, type ImportRun, type ImportStats } from '../../core/ledger/import-run.ts';
import { type ImportSource, START } from '../../core/ledger/import-source.ts';
import type { EpochMs } from '../../core/ledger/model.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { ingest } from './ledger-writer.ts';

export interface RunOptions {
  now: () => EpochMs;
  /** Resume an unfinished run of the same input (default true). */
  resume?: boolean;
  batchLinks?: number;
  /**
   * After a successful run, let the store re-cluster for fast reports when at least this share of its links
   * is new since the last time (default 0.2); `false` to skip.
   */
  optimize?: { minUnsortedShare: number } | false;
  onProgress?: (progress: { stats: ImportStats; offset: number; totalBytes: number | null }) => void;
  /** Stops after the batch in flight; the run is left unfinished (resumable) and ImportCancelled thrown. */
  signal?: AbortSignal;
}

export function runKey(source: ImportSource): string {
  const id = source.identity;
  return createHash('sha256')
    .update(JSON.stringify([id.input, id.size, id.mtimeMs, id.headHash, source.source, source.format]))
    .digest('hex')
    .slice(0, 32);
}

export async function runImport(
  store: LedgerStore,
  source: ImportSource,
  options: RunOptions,
): Promise<ImportRun> {
  const key = runKey(source);
  const previous = (await store.importRuns(key)).at(-1);
  const now = options.now();
  let run: ImportRun;
  if (previous && previous.status !== 'done' && options.resume !== false) {
    run = { ...previous, status: 'running', updatedAt: now, error: null };
  } else {
    const attempt = (await store.importRuns(key)).length + 1;
    run = {
      id: `${key.slice(0, 16)}-${attempt}`,
      key,
      source: source.source,
      format: source.format,
      input: source.identity.input,
      status: 'running',
      startedAt: now,
      updatedAt: now,
      finishedAt: null,
      checkpoint: { ...START },
      stats: emptyStats(),
      error: null,
    };
  }
  await store.saveImportRun(run);
  try {
    await ingest(store, source.read(run.checkpoint), run.stats, {
      run,
      now: options.now,
      ...(options.batchLinks === undefined ? {} : { batchLinks: options.batchLinks }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onBatch: (stats, checkpoint) =>
        options.onProgress?.({ stats, offset: checkpoint?.offset ?? 0, totalBytes: source.totalBytes }),
    });
  } catch (error) {
    run.status = 'failed';
    run.error = error instanceof Error ? error.message : String(error);
    run.updatedAt = options.now();
    await store.saveImportRun(run).catch(() => undefined);
    throw error;
  }
  run.status = 'done';
  run.finishedAt = options.now();
  run.updatedAt = run.finishedAt;
  await store.saveImportRun(run);
  if (options.optimize !== false) await store.optimize(options.optimize ?? { minUnsortedShare: 0.2 });
  return run;
}
