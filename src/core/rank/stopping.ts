/**
 * Composable stopping rules for iterative rankers.
 *
 * After each iteration a ranker hands the rule an `IterationState` (iteration count and residual, the
 * L1 norm of the change of the score vector). A rule answers `null` (go on) or a verdict saying whether
 * the result counts as converged. Rules compose with `firstOf`; the default is "residual below the
 * tolerance, or give up after the iteration budget". Giving up is not an error: the result says
 * `converged: false` and carries its residual, and the caller decides.
 *
 * For PageRank the residual also bounds the true error: with damping `alpha`,
 * `||x_t - x*||_1 <= alpha / (1 - alpha) * ||x_t - x_{t-1}||_1` (see `errorBoundBelow`).
 */

export interface IterationState {
  /** Iterations done so far (1 after the first). */
  readonly iteration: number;
  /** L1 norm of the change made by the last iteration (for HyperBall: counters that changed). */
  readonly residual: number;
}

export interface StopVerdict {
  readonly converged: boolean;
  readonly reason: string;
}

export type StopRule = (state: IterationState) => StopVerdict | null;

/** Converged once the residual drops below `tolerance`. */
export function residualBelow(tolerance: number): StopRule {
  return (state) =>
    state.residual < tolerance
      ? { converged: true, reason: `residual ${state.residual} < ${tolerance}` }
      : null;
}

/**
 * Converged once the PageRank error bound `alpha / (1 - alpha) * residual` drops below `tolerance`
 * (Gleich's bound, as webgraph-rs uses it).
 */
export function errorBoundBelow(tolerance: number, alpha: number): StopRule {
  const factor = alpha / (1 - alpha);
  return (state) =>
    factor * state.residual < tolerance
      ? { converged: true, reason: `error bound ${factor * state.residual} < ${tolerance}` }
      : null;
}

/** Gives up (not converged) after `limit` iterations. */
export function maxIterations(limit: number): StopRule {
  return (state) =>
    state.iteration >= limit ? { converged: false, reason: `iteration budget of ${limit} used up` } : null;
}

/** The verdict of the first rule that fires; convergence rules should come before budgets. */
export function firstOf(...rules: readonly StopRule[]): StopRule {
  return (state) => {
    for (const rule of rules) {
      const verdict = rule(state);
      if (verdict !== null) return verdict;
    }
    return null;
  };
}

export const DEFAULT_TOLERANCE = 1e-10;
export const DEFAULT_MAX_ITERATIONS = 1000;

/** The rule an algorithm uses when given none: residual below `tolerance`, else the iteration budget. */
export function defaultStopRule(
  tolerance: number = DEFAULT_TOLERANCE,
  iterations: number = DEFAULT_MAX_ITERATIONS,
): StopRule {
  return firstOf(residualBelow(tolerance), maxIterations(iterations));
}
