/** What every iterative ranker returns: scores plus an honest account of how the iteration ended. */

export interface RankResult {
  /** One score per node id. */
  readonly scores: Float64Array;
  readonly iterations: number;
  /** Residual of the last iteration (see stopping.ts for each algorithm's meaning). */
  readonly residual: number;
  /** False when the iteration budget ran out first: the scores are then the last iterate, not an error. */
  readonly converged: boolean;
  /** Why the iteration stopped, for logs and `--stats`. */
  readonly stopReason: string;
}

/** Called after every iteration, for progress bars and logs (the core never logs by itself). */
export type ProgressCallback = (state: { readonly iteration: number; readonly residual: number }) => void;
