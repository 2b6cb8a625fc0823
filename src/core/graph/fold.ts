/**
 * Folding a graph along a grouping of its nodes: pages into hosts, hosts into registrable domains.
 *
 * The folded graph has one node per group and an edge `G -> H` when any node of `G` links to any node of
 * `H`. Parallel edges collapse, so a linking host or domain counts **once** per target however many pages
 * link (what Ahrefs' Domain Rating and Common Crawl's host and domain graphs do). Self-loops (links inside
 * one group) are **dropped** by default: a site linking to itself is navigation, not a vote. Pass
 * `selfLoops: 'keep'` to keep them.
 */
import { type Allocator, heapAllocator } from './allocator.ts';
import { type BuildCsrReport, buildCsr, type SelfLoopPolicy } from './build-csr.ts';
import type { Csr } from './csr.ts';

/** `groupOf[v]` is the group of node `v`, in `0..groupCount-1`. */
export interface Grouping {
  readonly groupOf: Uint32Array;
  readonly groupCount: number;
}

export interface FoldOptions {
  readonly selfLoops?: SelfLoopPolicy;
  readonly allocator?: Allocator;
}

export function foldCsr(graph: Csr, grouping: Grouping, options: FoldOptions = {}): BuildCsrReport {
  const { groupOf, groupCount } = grouping;
  if (groupOf.length < graph.nodeCount) throw new RangeError('grouping is shorter than the graph');
  const src = new Uint32Array(graph.edgeCount);
  const dst = new Uint32Array(graph.edgeCount);
  const { offsets, targets } = graph;
  for (let v = 0; v < graph.nodeCount; v++) {
    const g = groupOf[v]!;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      src[e] = g;
      dst[e] = groupOf[targets[e]!]!;
    }
  }
  return buildCsr(
    groupCount,
    { src, dst, count: graph.edgeCount },
    { selfLoops: options.selfLoops ?? 'drop', allocator: options.allocator ?? heapAllocator },
  );
}
