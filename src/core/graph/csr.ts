/**
 * A directed graph in compressed sparse row (CSR) form over dense node ids `0..nodeCount-1`.
 *
 * Row `v` is `targets[offsets[v] .. offsets[v+1])`. Whether a row holds the successors of `v` (the graph)
 * or its predecessors (the transpose) is the caller's contract; the PageRank family pulls over the
 * transpose and says so in its signature. Rows built by `buildCsr` and `transposeCsr` are sorted and
 * free of duplicates.
 *
 * Limits: `Uint32Array` offsets and targets, so at most 2^32 - 1 nodes and edges per graph (Node 20's
 * typed arrays stop at 2^32 elements anyway). Memory: 4 bytes per edge plus 4 per node.
 */

export interface Csr {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Length `nodeCount + 1`; `offsets[nodeCount] === edgeCount`. */
  readonly offsets: Uint32Array;
  /** Length `edgeCount` (may be a view on a larger buffer). */
  readonly targets: Uint32Array;
}

/** The row of `v` as a view (no copy). */
export function row(graph: Csr, v: number): Uint32Array {
  return graph.targets.subarray(graph.offsets[v]!, graph.offsets[v + 1]!);
}

export function degree(graph: Csr, v: number): number {
  return graph.offsets[v + 1]! - graph.offsets[v]!;
}

/** Row lengths of the graph: out-degrees of a graph, in-degrees of a transpose. */
export function rowLengths(graph: Csr): Uint32Array {
  const lengths = new Uint32Array(graph.nodeCount);
  const { offsets } = graph;
  for (let v = 0; v < graph.nodeCount; v++) lengths[v] = offsets[v + 1]! - offsets[v]!;
  return lengths;
}

/**
 * How often each node occurs as a target: the in-degrees of a graph, or the out-degrees of the graph whose
 * transpose is given (what PageRank needs when it only holds the transpose).
 */
export function columnCounts(graph: Csr): Uint32Array {
  const counts = new Uint32Array(graph.nodeCount);
  const { targets } = graph;
  for (let e = 0; e < graph.edgeCount; e++) counts[targets[e]!]!++;
  return counts;
}

/** Every edge as `[row, target]` pairs, in row order (for tests and small graphs). */
export function* edgesOf(graph: Csr): Generator<[number, number]> {
  for (let v = 0; v < graph.nodeCount; v++) {
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e++) yield [v, graph.targets[e]!];
  }
}
