/**
 * PageRank by power iteration with power extrapolation, pulling over the **transpose** (each node sums over
 * its predecessors).
 *
 * Brin & Page, "The anatomy of a large-scale hypertextual Web search engine" (1998). The formula, for a
 * graph with N nodes, damping `alpha`, out-degree `outdeg(j)` (self-loops count, parallel edges were
 * collapsed by the builder), teleport vector `v` (sums to 1; uniform `1/N` by default) and dangling
 * distribution `u`:
 *
 *     x_{t+1}[i] = alpha * sum_{j -> i} x_t[j] / outdeg(j)
 *                + alpha * D_t * u[i]                       where D_t = sum of x_t over dangling nodes
 *                + (1 - alpha) * v[i]
 *
 * starting from `x_0 = 1/N` (or `start`, normalised). Dangling nodes (no out-links) spread their rank
 * over `u`:
 *   - `dangling: 'teleport'` (default): `u = v`. This is what NetworkX does: `nx.pagerank(G, alpha,
 *     personalization=p)` uses `p` for dangling nodes unless `dangling=` is given. With the uniform
 *     teleport (plain PageRank) it is the uniform spread.
 *   - `dangling: 'uniform'`: `u = 1/N` whatever `v` is (webgraph-rs' "weakly preferential"); spam mass
 *     needs this, because it keeps PageRank linear in `v`.
 * Either way `x` stays a probability vector (sums to 1 up to rounding).
 *
 * Power extrapolation (Haveliwala, Kamvar, Klein, Manning & Golub, "Computing PageRank using Power
 * Extrapolation", Stanford TR 2003): the iteration matrix's eigenvalues other than 1 are `alpha` times
 * eigenvalues of the stochastic link matrix, and on web graphs many of those lie on the unit circle
 * (closed sets of pages, two-page cycles, ...), so the slowest error components shrink by exactly
 * `alpha` per step and turn with a short period. After every `extrapolateEvery` iterations (default 25;
 * 0 turns it off), with `x_{k-6}` the iterate kept 6 iterations earlier,
 *
 *     x <- (x_k - alpha^6 x_{k-6}) / (1 - alpha^6)      (negative entries set to 0, then normalised)
 *
 * removes every error component whose eigenvalue `lambda` has `lambda^6 = alpha^6` (periods 1, 2, 3 and
 * 6). The iteration then goes on from there, so the fixed point is the same; only fewer iterations are
 * needed (to 1e-10: cnr-2000 116 -> 93, polblogs 106 -> 57, hollins 111 -> 85; every 10 was worse than
 * none on cnr-2000, 219). The residual is always the change made by a plain iteration, so the error
 * bound below holds as before.
 *
 * Stopping: after each iteration the residual `||x_{t+1} - x_t||_1` goes to the stop rule (default:
 * below 1e-10, or 1000 iterations). NetworkX stops when the residual is below `N * tol`, so to compare
 * with it use a tolerance about `N` times smaller. The true error is at most
 * `alpha / (1 - alpha) * residual`.
 *
 * Work: one pass over the transpose per iteration, in blocks of nodes; each block also writes its share
 * of the residual and of the dangling mass, summed in block order, so one thread and many threads give the
 * same bits. Memory: four `Float64Array`s of N: ranks (updated in place), contributions (double-buffered),
 * inverse out-degrees.
 */
import { type Allocator, heapAllocator } from '../graph/allocator.ts';
import { type Csr, columnCounts } from '../graph/csr.ts';
import { blockCount, DEFAULT_BLOCK_SIZE, type RankProgram, runProgram, sumPartials, task } from './kernel.ts';
import type { ProgressCallback, RankResult } from './rank-result.ts';
import { defaultStopRule, type StopRule } from './stopping.ts';

export type DanglingPolicy = 'teleport' | 'uniform';

export interface PageRankOptions {
  /** Damping factor in [0, 1); default 0.85. */
  readonly alpha?: number;
  /** Non-negative teleport weights per node (normalised here); default uniform. */
  readonly teleport?: Float64Array;
  readonly dangling?: DanglingPolicy;
  /** Initial vector (normalised here), e.g. a previous result to warm-start from. */
  readonly start?: Float64Array;
  /** Stop rule; overrides `tolerance` and `maxIterations`. */
  readonly stop?: StopRule;
  /** L1 residual to stop at (default 1e-10). */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  readonly onIteration?: ProgressCallback;
  /** Out-degrees of the original graph if known; otherwise counted from the transpose. */
  readonly outDegrees?: Uint32Array;
  /** Where the working arrays live (`sharedAllocator` to run on worker threads). */
  readonly allocator?: Allocator;
  readonly blockSize?: number;
  /** Iterations between power extrapolations (see above); 0 for plain power iteration. Default 25. */
  readonly extrapolateEvery?: number;
}

/** The extrapolation combines `x_k` with `x_{k-6}` (A^6 extrapolation; the paper found 6 best). */
const EXTRAPOLATION_LAG = 6;
const DEFAULT_EXTRAPOLATE_EVERY = 25;

const PARTIALS = 3; // per block: L1 change, rank of dangling nodes, total rank

interface PullArrays {
  readonly [name: string]: Float64Array | Uint32Array;
  readonly offsets: Uint32Array;
  readonly sources: Uint32Array;
  readonly contribution: Float64Array;
  readonly rank: Float64Array;
  readonly nextContribution: Float64Array;
  readonly inverseOutDegree: Float64Array;
  readonly teleport: Float64Array;
  readonly partials: Float64Array;
}

/**
 * One iteration over one block of nodes. params: [N, blockSize, alpha, constant, teleportFactor]:
 * `next[i] = alpha * sum + constant + teleportFactor * teleport[i]` (teleport empty when uniform).
 */
export function pagerankPullKernel(a: PullArrays, params: readonly number[], block: number): void {
  const n = params[0]!;
  const blockSize = params[1]!;
  const alpha = params[2]!;
  const constant = params[3]!;
  const teleportFactor = params[4]!;
  const { offsets, sources, contribution, rank, nextContribution, inverseOutDegree, teleport } = a;
  const personalised = teleport.length > 0;
  const lo = block * blockSize;
  const hi = Math.min(n, lo + blockSize);
  let change = 0;
  let dangling = 0;
  let total = 0;
  let e = offsets[lo]!;
  for (let i = lo; i < hi; i++) {
    const end = offsets[i + 1]!;
    // Two running sums: the adds of one sum wait on each other, two chains keep the FPU busy (~15%).
    let sum0 = 0;
    let sum1 = 0;
    for (; e + 1 < end; e += 2) {
      sum0 += contribution[sources[e]!]!;
      sum1 += contribution[sources[e + 1]!]!;
    }
    if (e < end) sum0 += contribution[sources[e++]!]!;
    let x = alpha * (sum0 + sum1) + constant;
    if (personalised) x += teleportFactor * teleport[i]!;
    const inverse = inverseOutDegree[i]!;
    nextContribution[i] = x * inverse;
    if (inverse === 0) dangling += x;
    change += Math.abs(x - rank[i]!);
    // In place: only node i reads rank[i] (others read contributions), so no second rank array is needed.
    rank[i] = x;
    total += x;
  }
  const p = block * PARTIALS;
  a.partials[p] = change;
  a.partials[p + 1] = dangling;
  a.partials[p + 2] = total;
}

/** The PageRank computation as a program (see kernel.ts); `pagerank` runs it on this thread. */
export function* pagerankProgram(transpose: Csr, options: PageRankOptions = {}): RankProgram<RankResult> {
  const n = transpose.nodeCount;
  const alpha = options.alpha ?? 0.85;
  if (!(alpha >= 0 && alpha < 1)) throw new RangeError(`alpha must be in [0, 1), got ${alpha}`);
  if (n === 0) {
    return {
      scores: new Float64Array(0),
      iterations: 0,
      residual: 0,
      converged: true,
      stopReason: 'empty graph',
    };
  }
  const allocator = options.allocator ?? heapAllocator;
  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  const blocks = blockCount(n, blockSize);
  const stop = options.stop ?? defaultStopRule(options.tolerance, options.maxIterations);

  const outDegrees = options.outDegrees ?? columnCounts(transpose);
  const inverseOutDegree = allocator.float64(n);
  for (let v = 0; v < n; v++) inverseOutDegree[v] = outDegrees[v] === 0 ? 0 : 1 / outDegrees[v]!;

  const teleport =
    options.teleport === undefined
      ? new Float64Array(0)
      : normalised(options.teleport, n, allocator, 'teleport');
  const danglingToTeleport = options.dangling !== 'uniform' && teleport.length > 0;

  const rank = allocator.float64(n);
  let contribution = allocator.float64(n);
  let nextContribution = allocator.float64(n);
  if (options.start === undefined) rank.fill(1 / n);
  else rank.set(normalised(options.start, n, heapAllocator, 'start'));
  let danglingMass = 0;
  for (let v = 0; v < n; v++) {
    contribution[v] = rank[v]! * inverseOutDegree[v]!;
    if (inverseOutDegree[v] === 0) danglingMass += rank[v]!;
  }
  const partials = allocator.float64(blocks * PARTIALS);
  const every = options.extrapolateEvery ?? DEFAULT_EXTRAPOLATE_EVERY;
  if (!(Number.isInteger(every) && every >= 0))
    throw new RangeError(`extrapolateEvery must be an integer >= 0`);
  const extrapolating = every > EXTRAPOLATION_LAG;
  // x_{k-6}: snapshotted 6 iterations before each extrapolation.
  const lagged = extrapolating ? allocator.float64(n) : new Float64Array(0);

  for (let iteration = 1; ; iteration++) {
    const { constant, teleportFactor } = nonLinkTerms(
      alpha,
      danglingMass,
      n,
      teleport.length > 0,
      danglingToTeleport,
    );
    const arrays: PullArrays = {
      offsets: transpose.offsets,
      sources: transpose.targets,
      contribution,
      rank,
      nextContribution,
      inverseOutDegree,
      teleport,
      partials,
    };
    yield task(
      'pagerank-pull',
      pagerankPullKernel,
      arrays,
      [n, blockSize, alpha, constant, teleportFactor],
      blocks,
    );
    const residual = sumPartials(partials, PARTIALS, 0);
    danglingMass = sumPartials(partials, PARTIALS, 1);
    [contribution, nextContribution] = [nextContribution, contribution];
    const state = { iteration, residual };
    options.onIteration?.(state);
    const verdict = stop(state);
    if (verdict !== null) {
      return {
        scores: rank,
        iterations: iteration,
        residual,
        converged: verdict.converged,
        stopReason: verdict.reason,
      };
    }
    if (extrapolating) {
      const phase = iteration % every;
      if (phase === every - EXTRAPOLATION_LAG) lagged.set(rank);
      else if (phase === 0) danglingMass = extrapolate(rank, lagged, contribution, inverseOutDegree, alpha);
    }
  }
}

/**
 * `rank <- (rank - alpha^6 lagged) / (1 - alpha^6)`, negatives to 0, normalised to sum 1; recomputes the
 * contributions the next iteration reads and returns the new dangling mass. In node order, on the calling
 * thread: the same bits whatever the number of threads.
 */
function extrapolate(
  rank: Float64Array,
  lagged: Float64Array,
  contribution: Float64Array,
  inverseOutDegree: Float64Array,
  alpha: number,
): number {
  const n = rank.length;
  const damping = alpha ** EXTRAPOLATION_LAG;
  const scale = 1 / (1 - damping);
  let sum = 0;
  for (let v = 0; v < n; v++) {
    const x = Math.max(0, (rank[v]! - damping * lagged[v]!) * scale);
    rank[v] = x;
    sum += x;
  }
  let dangling = 0;
  for (let v = 0; v < n; v++) {
    const x = rank[v]! / sum;
    rank[v] = x;
    contribution[v] = x * inverseOutDegree[v]!;
    if (inverseOutDegree[v] === 0) dangling += x;
  }
  return dangling;
}

/**
 * The part of `x_{t+1}[i]` that does not come from links: `constant + teleportFactor * v[i]`. With the
 * uniform teleport both the dangling and the teleport share are the same for every node, so they fold into
 * one constant and the kernel never reads a teleport vector.
 */
function nonLinkTerms(
  alpha: number,
  danglingMass: number,
  n: number,
  personalised: boolean,
  danglingToTeleport: boolean,
): { constant: number; teleportFactor: number } {
  if (!personalised) return { constant: (alpha * danglingMass + (1 - alpha)) / n, teleportFactor: 0 };
  if (danglingToTeleport) return { constant: 0, teleportFactor: alpha * danglingMass + (1 - alpha) };
  return { constant: (alpha * danglingMass) / n, teleportFactor: 1 - alpha };
}

/** PageRank on the calling thread. `transpose` holds the predecessors of each node. */
export function pagerank(transpose: Csr, options: PageRankOptions = {}): RankResult {
  return runProgram(pagerankProgram(transpose, options));
}

function normalised(weights: Float64Array, n: number, allocator: Allocator, what: string): Float64Array {
  if (weights.length !== n)
    throw new RangeError(`${what} vector has ${weights.length} entries for ${n} nodes`);
  let sum = 0;
  for (let v = 0; v < n; v++) {
    const w = weights[v]!;
    if (!(w >= 0) || w === Number.POSITIVE_INFINITY)
      throw new RangeError(`${what} weight of node ${v} is ${w}`);
    sum += w;
  }
  if (sum === 0) throw new RangeError(`${what} vector has no positive weight`);
  const out = allocator.float64(n);
  for (let v = 0; v < n; v++) out[v] = weights[v]! / sum;
  return out;
}
