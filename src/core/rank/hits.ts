/**
 * HITS hubs and authorities by power iteration.
 *
 * Kleinberg, "Authoritative Sources in a Hyperlinked Environment" (JACM 1999). With A the adjacency matrix
 * (A[j][i] = 1 when j links to i), authorities `a` and hubs `h` are the principal right and left singular
 * vectors of A:
 *
 *     a_{t+1} = normalise(A^T h_t)        a[i] = sum_{j -> i} h[j]   (pull over the transpose)
 *     h_{t+1} = normalise(A a_{t+1})      h[j] = sum_{j -> i} a[i]   (pull over the graph)
 *
 * starting from the uniform hub vector, each normalised to sum 1 (as `nx.hits(G)` returns them; NetworkX
 * computes the singular vectors with ARPACK and then sets `h = A a`, which is what the last step here
 * gives too). The residual is the L1 change of the normalised authority vector. Convergence is geometric
 * with ratio `(sigma_2 / sigma_1)^2`; when the top singular value is not unique the limit depends on the
 * start (and NetworkX's on ARPACK's), so compare such graphs per component. A graph without edges has no
 * singular direction: both vectors are returned uniform.
 */
import { type Allocator, heapAllocator } from '../graph/allocator.ts';
import type { Csr } from '../graph/csr.ts';
import { blockCount, DEFAULT_BLOCK_SIZE, type RankProgram, runProgram, sumPartials, task } from './kernel.ts';
import type { ProgressCallback } from './rank-result.ts';
import { defaultStopRule, type StopRule } from './stopping.ts';

export interface HitsOptions {
  readonly stop?: StopRule;
  readonly tolerance?: number;
  readonly maxIterations?: number;
  readonly onIteration?: ProgressCallback;
  readonly allocator?: Allocator;
  readonly blockSize?: number;
}

export interface HitsResult {
  /** Sums to 1. */
  readonly authority: Float64Array;
  /** Sums to 1. */
  readonly hub: Float64Array;
  readonly iterations: number;
  readonly residual: number;
  readonly converged: boolean;
  readonly stopReason: string;
}

interface AuthorityArrays {
  readonly [name: string]: Float64Array | Uint32Array;
  readonly offsets: Uint32Array;
  readonly sources: Uint32Array;
  readonly hub: Float64Array;
  readonly authority: Float64Array;
  readonly partials: Float64Array;
}

/** params: [N, blockSize, hubScale]. authority[i] = hubScale * sum of hub over predecessors. */
export function hitsAuthorityKernel(a: AuthorityArrays, params: readonly number[], block: number): void {
  const n = params[0]!;
  const blockSize = params[1]!;
  const hubScale = params[2]!;
  const { offsets, sources, hub, authority } = a;
  const lo = block * blockSize;
  const hi = Math.min(n, lo + blockSize);
  let total = 0;
  let e = offsets[lo]!;
  for (let i = lo; i < hi; i++) {
    const end = offsets[i + 1]!;
    let sum = 0;
    for (; e < end; e++) sum += hub[sources[e]!]!;
    const x = hubScale * sum;
    authority[i] = x;
    total += x;
  }
  a.partials[block] = total;
}

interface HubArrays {
  readonly [name: string]: Float64Array | Uint32Array;
  readonly offsets: Uint32Array;
  readonly targets: Uint32Array;
  readonly authority: Float64Array;
  readonly normalisedAuthority: Float64Array;
  readonly hub: Float64Array;
  readonly partials: Float64Array;
}

/**
 * params: [N, blockSize, 1/sum(authority)]. Normalises the block's authorities (recording their L1 change)
 * and computes hub[j] = sum of normalised authority over successors.
 */
export function hitsHubKernel(a: HubArrays, params: readonly number[], block: number): void {
  const n = params[0]!;
  const blockSize = params[1]!;
  const scale = params[2]!;
  const { offsets, targets, authority, normalisedAuthority, hub } = a;
  const lo = block * blockSize;
  const hi = Math.min(n, lo + blockSize);
  let total = 0;
  let change = 0;
  let e = offsets[lo]!;
  for (let j = lo; j < hi; j++) {
    const end = offsets[j + 1]!;
    let sum = 0;
    for (; e < end; e++) sum += authority[targets[e]!]!;
    const h = sum * scale;
    hub[j] = h;
    total += h;
    const normal = authority[j]! * scale;
    change += Math.abs(normal - normalisedAuthority[j]!);
    normalisedAuthority[j] = normal;
  }
  a.partials[2 * block] = total;
  a.partials[2 * block + 1] = change;
}

/** HITS as a program (see kernel.ts). Needs the graph and its transpose. */
export function* hitsProgram(graph: Csr, transpose: Csr, options: HitsOptions = {}): RankProgram<HitsResult> {
  const n = graph.nodeCount;
  if (transpose.nodeCount !== n) throw new RangeError('graph and transpose differ in size');
  if (n === 0 || graph.edgeCount === 0) {
    const uniform = new Float64Array(n).fill(n === 0 ? 0 : 1 / n);
    return {
      authority: uniform,
      hub: uniform.slice(),
      iterations: 0,
      residual: 0,
      converged: true,
      stopReason: 'no edges',
    };
  }
  const allocator = options.allocator ?? heapAllocator;
  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  const blocks = blockCount(n, blockSize);
  const stop = options.stop ?? defaultStopRule(options.tolerance, options.maxIterations);
  const hub = allocator.float64(n).fill(1 / n);
  const authority = allocator.float64(n);
  const normalisedAuthority = allocator.float64(n);
  const authorityPartials = allocator.float64(blocks);
  const hubPartials = allocator.float64(blocks * 2);
  let hubScale = 1;
  for (let iteration = 1; ; iteration++) {
    const pull: AuthorityArrays = {
      offsets: transpose.offsets,
      sources: transpose.targets,
      hub,
      authority,
      partials: authorityPartials,
    };
    yield task('hits-authority', hitsAuthorityKernel, pull, [n, blockSize, hubScale], blocks);
    const authorityTotal = sumPartials(authorityPartials, 1, 0);
    const push: HubArrays = {
      offsets: graph.offsets,
      targets: graph.targets,
      authority,
      normalisedAuthority,
      hub,
      partials: hubPartials,
    };
    yield task('hits-hub', hitsHubKernel, push, [n, blockSize, 1 / authorityTotal], blocks);
    const hubTotal = sumPartials(hubPartials, 2, 0);
    const residual = sumPartials(hubPartials, 2, 1);
    hubScale = 1 / hubTotal;
    const state = { iteration, residual };
    options.onIteration?.(state);
    const verdict = stop(state);
    if (verdict !== null) {
      const hubOut = new Float64Array(n);
      for (let v = 0; v < n; v++) hubOut[v] = hub[v]! * hubScale;
      return {
        authority: normalisedAuthority,
        hub: hubOut,
        iterations: iteration,
        residual,
        converged: verdict.converged,
        stopReason: verdict.reason,
      };
    }
  }
}

/** HITS on the calling thread. */
export function hits(graph: Csr, transpose: Csr, options: HitsOptions = {}): HitsResult {
  return runProgram(hitsProgram(graph, transpose, options));
}
