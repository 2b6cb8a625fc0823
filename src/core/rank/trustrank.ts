/**
 * TrustRank: PageRank whose teleport goes only to a set of trusted seed nodes.
 *
 * Gyöngyi, Garcia-Molina & Pedersen, "Combating Web Spam with TrustRank" (VLDB 2004). With seed set S:
 *
 *     v[i] = 1/|S| if i in S, else 0
 *     x_{t+1}[i] = alpha * sum_{j -> i} x_t[j] / outdeg(j) + alpha * D_t * u[i] + (1 - alpha) * v[i]
 *
 * (see pagerank.ts for D_t and u). Trust flows out of the seeds along links and decays by `alpha` per hop;
 * Majestic's Trust Flow is built on the same idea. By default dangling nodes return their rank to the seeds
 * (`u = v`), which is exactly `nx.pagerank(G, alpha, personalization={s: 1 for s in S})`;
 * `dangling: 'uniform'` spreads it over all nodes instead.
 */
import type { Csr } from '../graph/csr.ts';
import { type RankProgram, runProgram } from './kernel.ts';
import { type PageRankOptions, pagerankProgram } from './pagerank.ts';
import type { RankResult } from './rank-result.ts';

export type TrustRankOptions = Omit<PageRankOptions, 'teleport'>;

/** The teleport vector of a seed set: `1/|S|` on each distinct seed. */
export function seedTeleport(
  nodeCount: number,
  seeds: Iterable<number>,
): { vector: Float64Array; seedCount: number } {
  const vector = new Float64Array(nodeCount);
  let seedCount = 0;
  for (const s of seeds) {
    if (!(s >= 0 && s < nodeCount && Number.isInteger(s))) throw new RangeError(`seed ${s} is not a node id`);
    if (vector[s] === 0) seedCount++;
    vector[s] = 1;
  }
  if (seedCount === 0) throw new RangeError('TrustRank needs at least one seed');
  for (let v = 0; v < nodeCount; v++) vector[v] = vector[v]! / seedCount;
  return { vector, seedCount };
}

export function trustrankProgram(
  transpose: Csr,
  seeds: Iterable<number>,
  options: TrustRankOptions = {},
): RankProgram<RankResult> {
  const { vector } = seedTeleport(transpose.nodeCount, seeds);
  return pagerankProgram(transpose, { ...options, teleport: vector });
}

/** TrustRank on the calling thread. `transpose` holds the predecessors of each node. */
export function trustrank(
  transpose: Csr,
  seeds: Iterable<number>,
  options: TrustRankOptions = {},
): RankResult {
  return runProgram(trustrankProgram(transpose, seeds, options));
}
