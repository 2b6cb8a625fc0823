/**
 * Use case `graph rank`: read an edge list (and optionally a vertex file), build the graph, rank it with
 * one algorithm, write one line per node. The semantics are NetworkX's for a `DiGraph` built from the
 * list: duplicate edges collapse, self-loops stay (core/graph/build-csr.ts).
 *
 * Phases, each timed for `--stats`: read (parse while gunzipping) -> build (CSR by counting sort) -> rank
 * (on `threads` threads over shared memory) -> write. Worker threads start at the beginning so their
 * start-up overlaps the read. Depends on ports only; the file and thread adapters come from the caller.
 */
import { BadInputError, UsageError } from '../core/errors.ts';
import {
  type Allocator,
  heapAllocator,
  recyclingAllocator,
  sharedAllocator,
} from '../core/graph/allocator.ts';
import { buildCsr } from '../core/graph/build-csr.ts';
import type { Csr } from '../core/graph/csr.ts';
import { labelIndex, labelOf, type NodeLabels } from '../core/graph/node-labels.ts';
import { transposeCsr } from '../core/graph/transpose.ts';
import { harmonicExactProgram } from '../core/rank/harmonic-exact.ts';
import { hitsProgram } from '../core/rank/hits.ts';
import { hyperballProgram } from '../core/rank/hyperball.ts';
import type { RankProgram } from '../core/rank/kernel.ts';
import { type DanglingPolicy, pagerankProgram } from '../core/rank/pagerank.ts';
import type { ProgressCallback } from '../core/rank/rank-result.ts';
import { spamMassProgram } from '../core/rank/spam-mass.ts';
import {
  defaultStopRule,
  firstOf,
  maxIterations as maxIterationsRule,
  residualBelow,
} from '../core/rank/stopping.ts';
import { trustrankProgram } from '../core/rank/trustrank.ts';

export const GRAPH_ALGORITHMS = ['pagerank', 'trustrank', 'hits', 'harmonic', 'spam-mass'] as const;
export type GraphAlgorithm = (typeof GRAPH_ALGORITHMS)[number];
export const HARMONIC_METHODS = ['auto', 'exact', 'hyperball'] as const;
export type HarmonicMethod = (typeof HARMONIC_METHODS)[number];

/**
 * `--harmonic auto` computes exact harmonic centrality when N * (N + M) edge visits stay below this
 * (about 10 s on 2 cores of the 2026 dev machine), HyperBall above it.
 */
export const EXACT_HARMONIC_BUDGET = 2e9;

export interface GraphRankRequest {
  readonly edges: string;
  readonly vertices?: string | undefined;
  readonly algorithm: GraphAlgorithm;
  readonly out: string;
  readonly alpha?: number;
  readonly tolerance?: number;
  readonly maxIterations?: number;
  readonly seeds?: string | undefined;
  readonly threads?: number;
  readonly lenient?: boolean;
  readonly dangling?: DanglingPolicy | undefined;
  readonly harmonic?: HarmonicMethod;
  /** HyperBall registers per counter, as log2. */
  readonly log2m?: number;
  /** HyperBall hash seed. */
  readonly hashSeed?: number;
  /** PageRank family: iterations between power extrapolations, 0 for none (default 25). */
  readonly extrapolateEvery?: number;
  readonly onIteration?: ProgressCallback;
}

/** What the ports must return; adapters may add fields (the vertex table's resolver). */
export interface VertexTableInfo {
  readonly labels: NodeLabels;
  readonly names: readonly string[];
}

export interface EdgeListInfo {
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
  readonly count: number;
  /** -1 when a vertex table assigned the ids. */
  readonly nodeCount: number;
  readonly labels: NodeLabels | null;
  readonly stats: {
    readonly lines: number;
    readonly skippedLines: number;
    readonly firstSkipped: readonly number[];
  };
}

export interface RankTableOut {
  readonly columns: readonly string[];
  readonly values: readonly Float64Array[];
  readonly labels: NodeLabels | readonly string[];
}

export interface ProgramRunner {
  readonly threads: number;
  run<R>(program: RankProgram<R>): Promise<R>;
  close(): Promise<void>;
}

export interface GraphRankPorts<V extends VertexTableInfo = VertexTableInfo> {
  readVertices(path: string): Promise<V>;
  readEdges(
    path: string,
    options: { readonly lenient: boolean; readonly vertices: V | null; readonly allocator: Allocator },
  ): Promise<EdgeListInfo>;
  readSeeds(path: string): Promise<string[]>;
  writeTable(path: string, table: RankTableOut): Promise<void>;
  startThreads(threads: number): Promise<ProgramRunner>;
  /** Milliseconds, for phase timings. */
  now(): number;
}

export interface PhaseTiming {
  readonly phase: 'read' | 'threads' | 'build' | 'rank' | 'write';
  readonly seconds: number;
}

export interface GraphRankReport {
  readonly algorithm: GraphAlgorithm;
  /** 'exact' or 'hyperball' for harmonic centrality. */
  readonly method: string;
  readonly nodes: number;
  readonly edges: number;
  readonly edgeLines: number;
  readonly duplicateEdges: number;
  readonly selfLoops: number;
  readonly skippedLines: number;
  readonly seeds: number;
  readonly threads: number;
  readonly iterations: number;
  readonly residual: number;
  readonly converged: boolean;
  readonly stopReason: string;
  /** HyperBall only: relative standard deviation of each counter. */
  readonly relativeStandardDeviation?: number;
  readonly phases: readonly PhaseTiming[];
  /** Things the user should know (seeds not found, no convergence, approximate results). */
  readonly warnings: readonly string[];
}

export async function graphRank<V extends VertexTableInfo>(
  request: GraphRankRequest,
  ports: GraphRankPorts<V>,
): Promise<GraphRankReport> {
  const algorithm = request.algorithm;
  const alpha = request.alpha ?? 0.85;
  const tolerance = request.tolerance ?? 1e-10;
  const maxIterations = request.maxIterations ?? 1000;
  const threads = request.threads ?? 1;
  validate(request, alpha, tolerance, maxIterations, threads);
  const warnings: string[] = [];
  const needsSeeds = algorithm === 'trustrank' || algorithm === 'spam-mass';
  if (!needsSeeds && request.seeds !== undefined) warnings.push(`--seeds is ignored by ${algorithm}`);

  const phases: PhaseTiming[] = [];
  let mark = ports.now();
  const endPhase = (phase: PhaseTiming['phase']) => {
    const now = ports.now();
    phases.push({ phase, seconds: (now - mark) / 1000 });
    mark = now;
  };

  const runnerStarting = ports.startThreads(threads);
  // A failed start must not go unhandled while the read is running; it is rethrown below.
  runnerStarting.catch(() => undefined);
  let runner: ProgramRunner | null = null;
  try {
    // Read.
    const vertices = request.vertices === undefined ? null : await ports.readVertices(request.vertices);
    // Graph arrays live in shared memory when worker threads will read them; the edge list too, so that
    // its memory can be reused for the rank arrays once the CSR is built (see recyclingAllocator).
    const allocator = threads > 1 ? sharedAllocator : heapAllocator;
    const edges = await ports.readEdges(request.edges, {
      lenient: request.lenient ?? false,
      vertices,
      allocator,
    });
    const seedLabels = needsSeeds ? await ports.readSeeds(request.seeds!) : [];
    const labels: NodeLabels | null = vertices?.labels ?? edges.labels;
    const nodeCount = vertices === null ? edges.nodeCount : vertices.names.length;
    if (labels === null || nodeCount <= 0) {
      throw new BadInputError(
        `the graph is empty: no edges in ${request.edges}${request.vertices === undefined ? '' : ` and no vertices in ${request.vertices}`}`,
      );
    }
    if (edges.count === 0) warnings.push(`${request.edges} has no edges: every node is isolated`);
    if (edges.stats.skippedLines > 0) {
      warnings.push(
        `skipped ${edges.stats.skippedLines} malformed line(s) of ${request.edges} (first: line ${edges.stats.firstSkipped.join(', ')})`,
      );
    }
    endPhase('read');
    // Worker threads started with the read; any time still spent waiting for them shows as its own phase.
    runner = await runnerStarting;
    endPhase('threads');

    // Build.
    let transpose: Csr;
    let graph: Csr | null = null;
    let duplicateEdges: number;
    let selfLoops: number;
    if (algorithm === 'hits') {
      const built = buildCsr(nodeCount, edges, { allocator });
      graph = built.graph;
      transpose = transposeCsr(graph, allocator);
      duplicateEdges = built.duplicateEdges;
      selfLoops = built.selfLoops;
    } else {
      const built = buildCsr(nodeCount, edges, { orientation: 'transpose', allocator });
      transpose = built.graph;
      duplicateEdges = built.duplicateEdges;
      selfLoops = built.selfLoops;
    }
    const seeds = needsSeeds
      ? resolveSeeds(seedLabels, labels, vertices?.names ?? null, request.seeds!, warnings)
      : [];
    endPhase('build');
    // The edge list is dead from here on: the rank arrays take its memory first (already paged in).
    const rankAllocator = recyclingAllocator(allocator, [
      edges.src.subarray(0, edges.count),
      edges.dst.subarray(0, edges.count),
    ]);

    // Rank.
    const stop = defaultStopRule(tolerance, maxIterations);
    const common = {
      alpha,
      stop,
      allocator: rankAllocator,
      ...(request.onIteration ? { onIteration: request.onIteration } : {}),
    };
    const pagerankOptions = {
      ...(request.dangling === undefined ? {} : { dangling: request.dangling }),
      ...(request.extrapolateEvery === undefined ? {} : { extrapolateEvery: request.extrapolateEvery }),
    };
    let table: RankTableOut;
    let outcome: { iterations: number; residual: number; converged: boolean; stopReason: string };
    let method =
      algorithm === 'hits' || request.extrapolateEvery === 0
        ? 'power iteration'
        : 'power iteration with power extrapolation';
    let relativeStandardDeviation: number | undefined;
    const outLabels = vertices?.names ?? labels;
    switch (algorithm) {
      case 'pagerank': {
        const result = await runner.run(pagerankProgram(transpose, { ...common, ...pagerankOptions }));
        table = { columns: ['score'], values: [result.scores], labels: outLabels };
        outcome = result;
        break;
      }
      case 'trustrank': {
        const result = await runner.run(
          trustrankProgram(transpose, seeds, { ...common, ...pagerankOptions }),
        );
        table = { columns: ['score'], values: [result.scores], labels: outLabels };
        outcome = result;
        break;
      }
      case 'spam-mass': {
        const extrapolation =
          request.extrapolateEvery === undefined ? {} : { extrapolateEvery: request.extrapolateEvery };
        const result = await runner.run(spamMassProgram(transpose, seeds, { ...common, ...extrapolation }));
        table = { columns: ['score'], values: [result.relative], labels: outLabels };
        outcome = {
          iterations: result.iterations,
          residual: Math.max(result.pagerank.residual, result.trusted.residual),
          converged: result.converged,
          stopReason: `pagerank: ${result.pagerank.stopReason}; trusted: ${result.trusted.stopReason}`,
        };
        break;
      }
      case 'hits': {
        const result = await runner.run(
          hitsProgram(graph!, transpose, { stop, allocator: rankAllocator, ...optionalProgress(request) }),
        );
        table = { columns: ['authority', 'hub'], values: [result.authority, result.hub], labels: outLabels };
        outcome = result;
        break;
      }
      case 'harmonic': {
        const exact =
          request.harmonic === 'exact' ||
          ((request.harmonic ?? 'auto') === 'auto' &&
            nodeCount * (nodeCount + transpose.edgeCount) <= EXACT_HARMONIC_BUDGET);
        if (exact) {
          method = 'exact (one BFS per node)';
          const result = await runner.run(harmonicExactProgram(transpose, { allocator: rankAllocator }));
          table = { columns: ['score'], values: [result.scores], labels: outLabels };
          outcome = result;
        } else {
          const every = request.extrapolateEvery ?? 25;
          if (!(Number.isInteger(every) && every >= 0))
            throw new UsageError(`--extrapolate-every must be an integer >= 0, got ${every}`);
          const log2m = request.log2m ?? 8;
          const result = await runner.run(
            hyperballProgram(transpose, {
              log2m,
              seed: request.hashSeed ?? 0,
              // Balls are complete when no counter changes; --max-iter caps the hops.
              stop: firstOf(residualBelow(1), maxIterationsRule(maxIterations)),
              allocator: rankAllocator,
              ...optionalProgress(request),
            }),
          );
          relativeStandardDeviation = result.relativeStandardDeviation;
          method = `HyperBall (m = ${2 ** log2m} registers)`;
          warnings.push(
            `harmonic centrality estimated with HyperBall: relative standard deviation ${(100 * result.relativeStandardDeviation).toFixed(1)}% per node (--harmonic exact for exact values)`,
          );
          table = { columns: ['score'], values: [result.scores], labels: outLabels };
          outcome = result;
        }
        break;
      }
    }
    if (!outcome.converged) {
      warnings.push(
        `did not converge: ${outcome.stopReason}; residual ${outcome.residual} after ${outcome.iterations} iterations (raise --max-iter or --tol)`,
      );
    }
    endPhase('rank');

    await ports.writeTable(request.out, table);
    endPhase('write');
    return {
      algorithm,
      method,
      nodes: nodeCount,
      edges: transpose.edgeCount,
      edgeLines: edges.count,
      duplicateEdges,
      selfLoops,
      skippedLines: edges.stats.skippedLines,
      seeds: new Set(seeds).size,
      threads: runner.threads,
      ...outcome,
      ...(relativeStandardDeviation === undefined ? {} : { relativeStandardDeviation }),
      phases,
      warnings,
    };
  } finally {
    runner ??= await runnerStarting.catch(() => null);
    await runner?.close();
  }
}

function optionalProgress(request: GraphRankRequest): { onIteration?: ProgressCallback } {
  return request.onIteration ? { onIteration: request.onIteration } : {};
}

function validate(
  request: GraphRankRequest,
  alpha: number,
  tolerance: number,
  maxIterations: number,
  threads: number,
): void {
  if (!(alpha >= 0 && alpha < 1)) throw new UsageError(`--alpha must be in [0, 1), got ${alpha}`);
  if (!(tolerance > 0)) throw new UsageError(`--tol must be positive, got ${tolerance}`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    throw new UsageError(`--max-iter must be a positive integer, got ${maxIterations}`);
  }
  if (!(Number.isInteger(threads) && threads >= 1))
    throw new UsageError(`--threads must be a positive integer, got ${threads}`);
  if (
    (request.algorithm === 'trustrank' || request.algorithm === 'spam-mass') &&
    request.seeds === undefined
  ) {
    throw new UsageError(`--algo ${request.algorithm} needs --seeds FILE (one trusted node label per line)`);
  }
  const every = request.extrapolateEvery ?? 25;
  if (!(Number.isInteger(every) && every >= 0))
    throw new UsageError(`--extrapolate-every must be an integer >= 0, got ${every}`);
  const log2m = request.log2m ?? 8;
  if (!(Number.isInteger(log2m) && log2m >= 4 && log2m <= 16))
    throw new UsageError(`--log2m must be in 4..16, got ${log2m}`);
}

/**
 * Seed labels to node ids. With a vertex file a seed may name a vertex (second column, e.g. a reversed
 * host) or give its label (first column). Seeds not in the graph are named in a warning.
 */
function resolveSeeds(
  seedLabels: readonly string[],
  labels: NodeLabels,
  names: readonly string[] | null,
  file: string,
  warnings: string[],
): number[] {
  const byLabel = labelIndex(labels);
  const byName = names === null ? null : labelIndex({ kind: 'string', values: names });
  const ids: number[] = [];
  const missing: string[] = [];
  for (const seed of seedLabels) {
    const id = byName?.(seed) ?? byLabel(seed);
    if (id === undefined) missing.push(seed);
    else ids.push(id);
  }
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((s) => JSON.stringify(s));
    const more = missing.length > 10 ? ` and ${missing.length - 10} more` : '';
    warnings.push(`${missing.length} seed(s) of ${file} are not in the graph: ${shown.join(', ')}${more}`);
  }
  if (ids.length === 0) {
    throw new UsageError(
      seedLabels.length === 0
        ? `${file} lists no seeds (one node label per line)`
        : `none of the ${seedLabels.length} seeds of ${file} is in the graph (first: ${JSON.stringify(seedLabels[0])}, a node is e.g. ${JSON.stringify(labelOf(labels, 0))})`,
    );
  }
  return ids;
}
