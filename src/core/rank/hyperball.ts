/**
 * Approximate harmonic centrality with HyperBall (HyperLogLog balls).
 *
 * Boldi & Vigna, "In-Core Computation of Geometric Centralities with HyperBall: A Hundred Billion Nodes and
 * Beyond" (ICDMW 2013). Each node v keeps a HyperLogLog counter (hyperloglog.ts) of its ball
 * `B_t(v) = { u : d(u, v) <= t }` (distances **to** v, as in harmonic-exact.ts). The balls grow by one hop
 * per iteration, pulling over the transpose:
 *
 *     B_0(v) = {v}          B_t(v) = B_{t-1}(v)  union  (union over u -> v of B_{t-1}(u))
 *
 * and since exactly |B_t(v)| - |B_{t-1}(v)| nodes are at distance t,
 *
 *     H(v) = sum_{t >= 1} (|B_t(v)| - |B_{t-1}(v)|) / t     estimated with the counters' estimates.
 *
 * It stops when no counter changes (then every ball is complete); the residual is the number of counters
 * that changed in the last iteration. Only counters whose predecessors changed are recomputed, and the union
 * of two counters is a register-wise max done four registers at a time on 32-bit words (the unions are
 * the cost: keeping each counter's estimator sum incrementally instead of recounting it measured no faster).
 *
 * **Error.** Each counter has relative standard deviation `rsd = 1.04 / sqrt(m)`. The estimate is a
 * positive combination of ball estimates, `H + |B_0| = sum_t w_t |B_t|` with `w_t > 0`, so its standard
 * deviation is at most `rsd * (H(v) + 1)`; tests check this against exact BFS on a real graph. Errors of
 * different nodes are correlated (one hash function for all), so average several seeds to reduce them.
 *
 * Memory: `2 * N * m` bytes of registers plus ~26 bytes per node. Work: (diameter + 1) passes over the
 * edges whose source changed, times `m / 4` word operations.
 */
import { type Allocator, heapAllocator } from '../graph/allocator.ts';
import type { Csr } from '../graph/csr.ts';
import {
  alphaMM,
  estimate,
  MAX_LOG2M,
  MIN_LOG2M,
  registerOf,
  relativeStandardDeviation,
} from './hyperloglog.ts';
import { blockCount, type RankProgram, runProgram, sumPartials, task } from './kernel.ts';
import type { ProgressCallback, RankResult } from './rank-result.ts';
import { firstOf, maxIterations, residualBelow, type StopRule } from './stopping.ts';

export interface HyperBallOptions {
  /** log2 of the registers per counter, 4..16; default 8 (m = 256, rsd 6.5%). */
  readonly log2m?: number;
  /** Hash seed; the same seed gives the same estimates. Default 0. */
  readonly seed?: number;
  /** Stop rule; by default run until no counter changes (at most 10,000 iterations). */
  readonly stop?: StopRule;
  readonly onIteration?: ProgressCallback;
  readonly allocator?: Allocator;
  readonly blockSize?: number;
}

export interface HyperBallResult extends RankResult {
  /** The relative standard deviation of each counter, 1.04 / sqrt(m). */
  readonly relativeStandardDeviation: number;
}

interface StepArrays {
  readonly [name: string]: Float64Array | Uint32Array | Uint8Array;
  readonly offsets: Uint32Array;
  readonly sources: Uint32Array;
  readonly registers: Uint8Array;
  readonly nextRegisters: Uint8Array;
  readonly words: Uint32Array;
  readonly nextWords: Uint32Array;
  readonly changed: Uint8Array;
  readonly nextChanged: Uint8Array;
  readonly estimates: Float64Array;
  readonly harmonic: Float64Array;
  readonly partials: Float64Array;
}

const HIGH_BITS = 0x80808080 | 0;

/** params: [N, blockSize, m, t, alpha_m * m^2]. One hop of ball growth for the block's nodes. */
export function hyperballStepKernel(a: StepArrays, params: readonly number[], block: number): void {
  const n = params[0]!;
  const blockSize = params[1]!;
  const m = params[2]!;
  const distance = params[3]!;
  const alphaMm = params[4]!;
  const {
    offsets,
    sources,
    registers,
    nextRegisters,
    words,
    nextWords,
    changed,
    nextChanged,
    estimates,
    harmonic,
  } = a;
  const wordsPerCounter = m >>> 2;
  const lo = block * blockSize;
  const hi = Math.min(n, lo + blockSize);
  nextRegisters.set(registers.subarray(lo * m, hi * m), lo * m);
  let changedCount = 0;
  for (let v = lo; v < hi; v++) {
    let grew = false;
    const base = v * wordsPerCounter;
    const end = offsets[v + 1]!;
    for (let e = offsets[v]!; e < end; e++) {
      const u = sources[e]!;
      if (changed[u] === 0) continue; // its ball was merged already, when it last changed
      const from = u * wordsPerCounter;
      for (let w = 0; w < wordsPerCounter; w++) {
        const x = nextWords[base + w]!;
        const y = words[from + w]!;
        // Per byte (all registers < 128): the high bit of (x | 0x80) - y is set iff x >= y.
        const keepX = ((((x | HIGH_BITS) - y) & HIGH_BITS) >>> 7) * 255;
        const max = (x & keepX) | (y & ~keepX);
        if (max !== (x | 0)) {
          nextWords[base + w] = max;
          grew = true;
        }
      }
    }
    if (grew) {
      nextChanged[v] = 1;
      const value = estimate(nextRegisters, v * m, m, alphaMm);
      harmonic[v] = harmonic[v]! + (value - estimates[v]!) / distance;
      estimates[v] = value;
      changedCount++;
    } else {
      nextChanged[v] = 0;
    }
  }
  a.partials[block] = changedCount;
}

export function* hyperballProgram(
  transpose: Csr,
  options: HyperBallOptions = {},
): RankProgram<HyperBallResult> {
  const n = transpose.nodeCount;
  const log2m = options.log2m ?? 8;
  if (!(Number.isInteger(log2m) && log2m >= MIN_LOG2M && log2m <= MAX_LOG2M)) {
    throw new RangeError(`log2m must be an integer in ${MIN_LOG2M}..${MAX_LOG2M}, got ${log2m}`);
  }
  const m = 1 << log2m;
  const rsd = relativeStandardDeviation(log2m);
  const allocator = options.allocator ?? heapAllocator;
  const blockSize = options.blockSize ?? 1024;
  const blocks = blockCount(n, blockSize);
  const stop = options.stop ?? firstOf(residualBelow(1), maxIterations(10_000));
  const seed = options.seed ?? 0;
  const alphaMm = alphaMM(m);

  let registers = allocator.uint8(n * m);
  let nextRegisters = allocator.uint8(n * m);
  const estimates = allocator.float64(n);
  for (let v = 0; v < n; v++) {
    const { index, value } = registerOf(v, seed, log2m);
    registers[v * m + index] = value;
    estimates[v] = estimate(registers, v * m, m, alphaMm);
  }
  let changed = allocator.uint8(n).fill(1);
  let nextChanged = allocator.uint8(n);
  const harmonic = allocator.float64(n);
  const partials = allocator.float64(blocks);
  const wordsOf = (bytes: Uint8Array) => new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);

  for (let distance = 1; ; distance++) {
    const arrays: StepArrays = {
      offsets: transpose.offsets,
      sources: transpose.targets,
      registers,
      nextRegisters,
      words: wordsOf(registers),
      nextWords: wordsOf(nextRegisters),
      changed,
      nextChanged,
      estimates,
      harmonic,
      partials,
    };
    yield task('hyperball-step', hyperballStepKernel, arrays, [n, blockSize, m, distance, alphaMm], blocks);
    const residual = sumPartials(partials, 1, 0);
    [registers, nextRegisters] = [nextRegisters, registers];
    [changed, nextChanged] = [nextChanged, changed];
    const state = { iteration: distance, residual };
    options.onIteration?.(state);
    const verdict = n === 0 ? { converged: true, reason: 'empty graph' } : stop(state);
    if (verdict !== null) {
      return {
        scores: harmonic,
        iterations: distance,
        residual,
        converged: verdict.converged,
        stopReason: verdict.reason,
        relativeStandardDeviation: rsd,
      };
    }
  }
}

/** HyperBall harmonic centrality on the calling thread. `transpose` holds the predecessors of each node. */
export function hyperball(transpose: Csr, options: HyperBallOptions = {}): HyperBallResult {
  return runProgram(hyperballProgram(transpose, options));
}
