/**
 * Spam mass: the share of a node's PageRank that does not come from trusted seeds.
 *
 * Gyöngyi, Berkhin, Garcia-Molina & Pedersen, "Link Spam Detection Based on Mass Estimation" (VLDB 2006).
 * PageRank with uniform dangling spread is linear in its teleport vector:
 * `p = (1 - alpha) v (I - alpha P')^-1` with `P'` the link matrix whose dangling rows are uniform. Split
 * the uniform teleport `v = 1/N` into the part on the seed set S and the rest; the seeds' part of `p` is
 *
 *     p_S = (|S| / N) * t        where t = TrustRank over S with dangling: 'uniform'
 *
 * and then, per node,
 *
 *     absolute spam mass  M[i] = p[i] - p_S[i]          (>= 0: the rank that reached i from non-seeds)
 *     relative spam mass  m[i] = M[i] / p[i]  in [0, 1]  (1: nothing of it comes from trusted seeds)
 *
 * Both PageRanks here use `dangling: 'uniform'` (otherwise the split is not exact); values are clamped to
 * [0, 1] against rounding. A high relative mass on a node with a high PageRank is the paper's spam signal.
 */
import type { Csr } from '../graph/csr.ts';
import { type RankProgram, runProgram } from './kernel.ts';
import { type PageRankOptions, pagerankProgram } from './pagerank.ts';
import type { RankResult } from './rank-result.ts';
import { seedTeleport } from './trustrank.ts';

export type SpamMassOptions = Omit<PageRankOptions, 'teleport' | 'dangling' | 'start'>;

export interface SpamMassResult {
  /** Relative spam mass per node, in [0, 1]. */
  readonly relative: Float64Array;
  /** Absolute spam mass per node (a share of the total PageRank, which sums to 1). */
  readonly absolute: Float64Array;
  readonly pagerank: RankResult;
  /** TrustRank over the seeds (dangling spread uniformly), not yet scaled by |S|/N. */
  readonly trusted: RankResult;
  readonly iterations: number;
  readonly converged: boolean;
}

export function* spamMassProgram(
  transpose: Csr,
  seeds: Iterable<number>,
  options: SpamMassOptions = {},
): RankProgram<SpamMassResult> {
  const n = transpose.nodeCount;
  const { vector, seedCount } = seedTeleport(n, seeds);
  const pagerank = yield* pagerankProgram(transpose, { ...options, dangling: 'uniform' });
  const trusted = yield* pagerankProgram(transpose, { ...options, teleport: vector, dangling: 'uniform' });
  const share = seedCount / n;
  const absolute = new Float64Array(n);
  const relative = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const p = pagerank.scores[v]!;
    const mass = Math.max(0, p - share * trusted.scores[v]!);
    absolute[v] = mass;
    relative[v] = p > 0 ? Math.min(1, mass / p) : 0;
  }
  return {
    relative,
    absolute,
    pagerank,
    trusted,
    iterations: pagerank.iterations + trusted.iterations,
    converged: pagerank.converged && trusted.converged,
  };
}

/** Spam mass on the calling thread. `transpose` holds the predecessors of each node. */
export function spamMass(
  transpose: Csr,
  seeds: Iterable<number>,
  options: SpamMassOptions = {},
): SpamMassResult {
  return runProgram(spamMassProgram(transpose, seeds, options));
}
