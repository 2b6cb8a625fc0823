/**
 * Test graphs for the rankers: the shared real graphs (read as NetworkX read them for its reference
 * output), random graphs from a seeded generator, and naive dense oracles that share no code with the
 * core (a direct linear solve for PageRank, Floyd-Warshall for harmonic centrality).
 */
import { readFileSync } from 'node:fs';
import { readEdgeFile } from '../../../src/adapters/graph-files/edge-file.ts';
import { EdgeParser } from '../../../src/adapters/graph-files/edge-parser.ts';
import { readVertexFile } from '../../../src/adapters/graph-files/vertex-file.ts';
import { type Allocator, heapAllocator } from '../../../src/core/graph/allocator.ts';
import { buildCsr, type EdgeArrays } from '../../../src/core/graph/build-csr.ts';
import type { Csr } from '../../../src/core/graph/csr.ts';
import { labelOf, type NodeLabels } from '../../../src/core/graph/node-labels.ts';
import { transposeCsr } from '../../../src/core/graph/transpose.ts';
import { sharedData } from '../../support/paths.ts';

export interface TestGraph {
  readonly graph: Csr;
  readonly transpose: Csr;
  /** Node id of each label as NetworkX names the node. */
  readonly idOf: ReadonlyMap<string, number>;
}

export type SharedGraphName = 'cc-webgraph-example' | 'hollins' | 'polblogs' | 'cnr-2000';

export async function sharedGraph(
  name: SharedGraphName,
  allocator: Allocator = heapAllocator,
): Promise<TestGraph> {
  let edges: EdgeArrays;
  let labels: NodeLabels;
  if (name === 'hollins') {
    // "start end" header, then space-separated 1-based ids.
    const text = readFileSync(sharedData('hollins-webgraph', 'hollins.dat'));
    const parser = new EdgeParser();
    parser.push(text.subarray(text.indexOf(10) + 1));
    const parsed = parser.finish();
    edges = parsed;
    labels = parsed.labels!;
  } else if (name === 'cnr-2000') {
    const parsed = await readEdgeFile(sharedData('law-cnr-2000', 'cnr-2000.arcs.tsv.gz'));
    edges = parsed;
    labels = parsed.labels!;
  } else {
    const [vertexFile, edgeFile] =
      name === 'polblogs'
        ? [sharedData('polblogs', 'polblogs.vertices.tsv'), sharedData('polblogs', 'polblogs.edges.tsv')]
        : [sharedData('cc-webgraph-example', 'vertices.txt'), sharedData('cc-webgraph-example', 'edges.txt')];
    const vertices = await readVertexFile(vertexFile);
    edges = await readEdgeFile(edgeFile, { resolver: vertices.resolver });
    labels = vertices.labels;
  }
  const n = labels.values.length;
  const graph = buildCsr(n, edges, { allocator }).graph;
  const transpose = transposeCsr(graph, allocator);
  const idOf = new Map<string, number>();
  for (let id = 0; id < n; id++) idOf.set(labelOf(labels, id), id);
  return { graph, transpose, idOf };
}

let cachedReference: Record<string, Record<string, unknown>> | null = null;

/** ../shared/data/networkx-reference/networkx-reference.json */
export function networkxReference(): Record<string, Record<string, unknown>> {
  cachedReference ??= JSON.parse(
    readFileSync(sharedData('networkx-reference', 'networkx-reference.json'), 'utf8'),
  );
  return cachedReference!;
}

/** L1 distance between our scores and reference `[label, value]` pairs. */
export function l1Distance(
  scores: Float64Array,
  reference: Iterable<[string | number, number]>,
  idOf: ReadonlyMap<string, number>,
): number {
  let sum = 0;
  let count = 0;
  for (const [label, value] of reference) {
    const id = idOf.get(String(label));
    if (id === undefined) throw new Error(`reference node ${label} is not in the graph`);
    sum += Math.abs(scores[id]! - value);
    count++;
  }
  if (count === 0) throw new Error('empty reference');
  return sum;
}

/** Deterministic uniform numbers in [0, 1) (the core never draws its own). */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A random directed multigraph with self-loops and duplicate edges, as real edge lists have them. */
export function randomEdges(n: number, m: number, seed: number): Array<[number, number]> {
  const random = lcg(seed);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < m; i++) {
    // Skewed targets, like in-degree on the web: a few nodes collect many links.
    const target = Math.floor(n * random() ** 2);
    pairs.push([Math.floor(random() * n), target]);
  }
  return pairs;
}

export function graphOf(
  n: number,
  pairs: Array<[number, number]>,
  allocator: Allocator = heapAllocator,
): TestGraph {
  const edges = {
    src: Uint32Array.from(pairs, ([s]) => s),
    dst: Uint32Array.from(pairs, ([, d]) => d),
    count: pairs.length,
  };
  const graph = buildCsr(n, edges, { allocator }).graph;
  const idOf = new Map<string, number>();
  for (let id = 0; id < n; id++) idOf.set(String(id), id);
  return { graph, transpose: transposeCsr(graph, allocator), idOf };
}

/** Distinct edges of a pair list as an adjacency matrix. */
function adjacency(n: number, pairs: Array<[number, number]>): number[][] {
  const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [s, d] of pairs) a[s]![d] = 1;
  return a;
}

/**
 * PageRank by solving `x (I - alpha P') = (1 - alpha) v` directly (Gaussian elimination with partial
 * pivoting), where P' is the row-stochastic link matrix whose dangling rows are `u`.
 */
export function oraclePagerank(
  n: number,
  pairs: Array<[number, number]>,
  alpha: number,
  teleport?: number[],
  dangling: 'teleport' | 'uniform' = 'teleport',
): number[] {
  const a = adjacency(n, pairs);
  const v = teleport
    ? teleport.map((w) => w / teleport.reduce((s, x) => s + x, 0))
    : new Array<number>(n).fill(1 / n);
  const u = dangling === 'teleport' ? v : new Array<number>(n).fill(1 / n);
  // M = (I - alpha P')^T, solve M x = (1 - alpha) v.
  const m = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  for (let j = 0; j < n; j++) {
    const out = a[j]!.reduce((s, x) => s + x, 0);
    for (let i = 0; i < n; i++) {
      const p = out === 0 ? u[i]! : a[j]![i]! / out;
      m[i]![j]! -= alpha * p;
    }
  }
  for (let i = 0; i < n; i++) {
    m[i]![i]! += 1;
    m[i]![n] = (1 - alpha) * v[i]!;
  }
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      if (f !== 0) for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return Array.from({ length: n }, (_, i) => m[i]![n]! / m[i]![i]!);
}

/** Harmonic centrality (distances to the node) from Floyd-Warshall. */
export function oracleHarmonic(n: number, pairs: Array<[number, number]>): number[] {
  const d = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 0 : Number.POSITIVE_INFINITY)),
  );
  for (const [s, t] of pairs) if (s !== t) d[s]![t] = 1;
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (d[i]![k]! + d[k]![j]! < d[i]![j]!) d[i]![j] = d[i]![k]! + d[k]![j]!;
  return Array.from({ length: n }, (_, v) => {
    let h = 0;
    for (let u = 0; u < n; u++) if (u !== v && Number.isFinite(d[u]![v]!)) h += 1 / d[u]![v]!;
    return h;
  });
}

/** HITS authorities by dense power iteration on A^T A from A^T 1, normalised to sum 1; hubs = A a. */
export function oracleHits(
  n: number,
  pairs: Array<[number, number]>,
): { authority: number[]; hub: number[] } {
  const a = adjacency(n, pairs);
  const normalise = (x: number[]) => {
    const s = x.reduce((p, q) => p + q, 0);
    return x.map((y) => y / s);
  };
  let auth = normalise(Array.from({ length: n }, (_, i) => a.reduce((s, r) => s + r[i]!, 0)));
  for (let it = 0; it < 20000; it++) {
    const hub = a.map((r) => r.reduce((s, x, i) => s + x * auth[i]!, 0));
    auth = normalise(Array.from({ length: n }, (_, i) => a.reduce((s, r, j) => s + r[i]! * hub[j]!, 0)));
  }
  return { authority: auth, hub: normalise(a.map((r) => r.reduce((s, x, i) => s + x * auth[i]!, 0))) };
}

export function l1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum;
}
