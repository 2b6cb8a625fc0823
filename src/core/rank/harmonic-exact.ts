/**
 * Exact harmonic centrality by one breadth-first search per node.
 *
 * Boldi & Vigna, "Axioms for Centrality" (Internet Mathematics, 2014). Distances are taken **to** the node,
 * as Common Crawl ranks hosts and as `nx.harmonic_centrality(G)` computes it:
 *
 *     H(v) = sum over u != v of 1 / d(u, v)        (unreachable u add 0)
 *
 * d(u, v) is the length of a shortest path from u to v, so the search from v walks the **transpose**
 * (predecessors). Cost: one BFS per node, O(N * (N + M)); fine up to a few million N*M, beyond that use
 * HyperBall (hyperball.ts). Each node's value is its own search, so blocks are independent and the result
 * is the same on any number of threads.
 */
import { type Allocator, heapAllocator } from '../graph/allocator.ts';
import type { Csr } from '../graph/csr.ts';
import { blockCount, type RankProgram, runProgram, task } from './kernel.ts';
import type { RankResult } from './rank-result.ts';

export interface HarmonicExactOptions {
  readonly allocator?: Allocator;
  /** Nodes (searches) per block; default 64. */
  readonly blockSize?: number;
  /** Called after each block of searches with the number of blocks done (from the main thread only). */
  readonly onIteration?: (state: { readonly iteration: number; readonly residual: number }) => void;
}

interface BfsArrays {
  readonly [name: string]: Float64Array | Uint32Array;
  readonly offsets: Uint32Array;
  readonly sources: Uint32Array;
  readonly harmonic: Float64Array;
}

/**
 * Scratch space for the searches, kept per thread (each worker has its own copy of this module). A
 * generation stamp marks visited nodes, so nothing is cleared between searches.
 */
let scratch: { stamp: Uint32Array; queue: Uint32Array; generation: number } | null = null;

function scratchFor(n: number): { stamp: Uint32Array; queue: Uint32Array; generation: number } {
  if (scratch === null || scratch.stamp.length !== n || scratch.generation > 0xfffffff0) {
    scratch = { stamp: new Uint32Array(n), queue: new Uint32Array(n), generation: 0 };
  }
  return scratch;
}

/** params: [N, blockSize]. harmonic[v] for every v of the block. */
export function harmonicBfsKernel(a: BfsArrays, params: readonly number[], block: number): void {
  const n = params[0]!;
  const blockSize = params[1]!;
  const { offsets, sources, harmonic } = a;
  const s = scratchFor(n);
  const { stamp, queue } = s;
  const lo = block * blockSize;
  const hi = Math.min(n, lo + blockSize);
  for (let v = lo; v < hi; v++) {
    const generation = ++s.generation;
    stamp[v] = generation;
    queue[0] = v;
    let head = 0;
    let tail = 1;
    let distance = 0;
    let sum = 0;
    while (head < tail) {
      const levelEnd = tail;
      distance++;
      for (; head < levelEnd; head++) {
        const w = queue[head]!;
        const end = offsets[w + 1]!;
        for (let e = offsets[w]!; e < end; e++) {
          const u = sources[e]!;
          if (stamp[u] !== generation) {
            stamp[u] = generation;
            queue[tail++] = u;
          }
        }
      }
      sum += (tail - levelEnd) / distance;
    }
    harmonic[v] = sum;
  }
}

export function* harmonicExactProgram(
  transpose: Csr,
  options: HarmonicExactOptions = {},
): RankProgram<RankResult> {
  const n = transpose.nodeCount;
  const allocator = options.allocator ?? heapAllocator;
  const blockSize = options.blockSize ?? 64;
  const harmonic = allocator.float64(n);
  const arrays: BfsArrays = { offsets: transpose.offsets, sources: transpose.targets, harmonic };
  yield task('harmonic-bfs', harmonicBfsKernel, arrays, [n, blockSize], blockCount(n, blockSize));
  options.onIteration?.({ iteration: 1, residual: 0 });
  return { scores: harmonic, iterations: 1, residual: 0, converged: true, stopReason: 'exact' };
}

/** Exact harmonic centrality on the calling thread. `transpose` holds the predecessors of each node. */
export function harmonicExact(transpose: Csr, options: HarmonicExactOptions = {}): RankResult {
  return runProgram(harmonicExactProgram(transpose, options));
}
