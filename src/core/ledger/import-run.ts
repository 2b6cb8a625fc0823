/**
 * Import runs: one import of one file (or stream) into the ledger, with its statistics and a checkpoint.
 *
 * A run is keyed by the identity of its input (path, size, mtime, a hash of the first bytes) and source, so
 * a re-run of an interrupted import finds its run and resumes after the checkpoint: every batch is
 * committed in the same transaction as the checkpoint that covers it (see app/ledger/run-import.ts).
 */
import type { EpochMs, SourceTag } from './model.ts';

export interface Checkpoint {
  /** Bytes of the input consumed by committed batches (in the decoded stream for transcoded inputs). */
  offset: number;
  /** 1-based line (or record number) the next record starts at. */
  line: number;
}

export const BAD_ROW_SAMPLES = 100;

export interface BadRow {
  line: number;
  reason: string;
}

export interface ImportStats {
  /** Records read: CSV rows, captures, web-graph edges. */
  records: number;
  captures: number;
  observations: number;
  sightings: number;
  newPages: number;
  newLinks: number;
  updatedLinks: number;
  lostLinks: number;
  revivedLinks: number;
  /** Records or links left out, by reason (`non-web-target`, `unavailable-capture`, `mention`...). */
  skipped: Record<string, number>;
  badRows: number;
  /** The first BAD_ROW_SAMPLES bad rows with their line numbers. */
  badRowSamples: BadRow[];
}

export type RunStatus = 'running' | 'done' | 'failed';

export interface ImportRun {
  id: string;
  /** Identity of the input + source: runs with the same key are attempts at the same import. */
  key: string;
  source: SourceTag;
  format: string;
  input: string;
  status: RunStatus;
  startedAt: EpochMs;
  updatedAt: EpochMs;
  finishedAt: EpochMs | null;
  checkpoint: Checkpoint;
  stats: ImportStats;
  error: string | null;
}

export function emptyStats(): ImportStats {
  return {
    records: 0,
    captures: 0,
    observations: 0,
    sightings: 0,
    newPages: 0,
    newLinks: 0,
    updatedLinks: 0,
    lostLinks: 0,
    revivedLinks: 0,
    skipped: {},
    badRows: 0,
    badRowSamples: [],
  };
}

export function countSkip(stats: ImportStats, reason: string, n = 1): void {
  if (n > 0) stats.skipped[reason] = (stats.skipped[reason] ?? 0) + n;
}

export function countBadRow(stats: ImportStats, row: BadRow): void {
  stats.badRows += 1;
  if (stats.badRowSamples.length < BAD_ROW_SAMPLES) stats.badRowSamples.push(row);
}
