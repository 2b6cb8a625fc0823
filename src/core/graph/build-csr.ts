/**
 * Builds a CSR graph from an edge list with a counting sort, then removes duplicate edges row by row.
 *
 * Edge semantics (the same as NetworkX's `DiGraph` built from the list): parallel edges collapse to one,
 * and self-loops are **kept** by default (`selfLoops: 'keep'`). A self-loop then counts in its node's
 * out-degree and sends it rank, exactly as `nx.pagerank` does. Folded graphs (hosts, domains) drop them
 * instead (`selfLoops: 'drop'`): a site linking to itself is not a vote (see fold.ts).
 *
 * `orientation: 'transpose'` files each edge `s -> d` under row `d`, giving the predecessor lists directly,
 * which is all the pull-style rankers need; no forward graph is ever materialised for them.
 *
 * Cost: one pass to count, one to place, one per row to check order (rows are sorted only when the input
 * was not already in order), one to compact. Memory: the output plus a `nodeCount` cursor array.
 */
import { type Allocator, heapAllocator } from './allocator.ts';
import type { Csr } from './csr.ts';

export interface EdgeArrays {
  /** Source node ids; entries `0..count-1` are used. */
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
  readonly count: number;
}

export type SelfLoopPolicy = 'keep' | 'drop';

export interface BuildCsrOptions {
  /** 'keep' (default, as NetworkX) or 'drop'. */
  readonly selfLoops?: SelfLoopPolicy;
  /** 'forward' (default): rows are sources. 'transpose': rows are destinations. */
  readonly orientation?: 'forward' | 'transpose';
  readonly allocator?: Allocator;
}

export interface BuildCsrReport {
  readonly graph: Csr;
  /** Edges dropped because an identical edge was already there. */
  readonly duplicateEdges: number;
  /** Self-loops seen in the input (kept or dropped according to the policy). */
  readonly selfLoops: number;
  readonly selfLoopsDropped: number;
}

export function buildCsr(
  nodeCount: number,
  edges: EdgeArrays,
  options: BuildCsrOptions = {},
): BuildCsrReport {
  const allocator = options.allocator ?? heapAllocator;
  const dropLoops = options.selfLoops === 'drop';
  const rows = options.orientation === 'transpose' ? edges.dst : edges.src;
  const cols = options.orientation === 'transpose' ? edges.src : edges.dst;
  const { count } = edges;

  const offsets = allocator.uint32(nodeCount + 1);
  let selfLoops = 0;
  for (let e = 0; e < count; e++) {
    const r = rows[e]!;
    const c = cols[e]!;
    if (r >= nodeCount || c >= nodeCount)
      throw new RangeError(`edge ${e} (${r} -> ${c}) outside 0..${nodeCount - 1}`);
    if (r === c) {
      selfLoops++;
      if (dropLoops) continue;
    }
    offsets[r + 1]!++;
  }
  for (let v = 0; v < nodeCount; v++) offsets[v + 1]! += offsets[v]!;
  const placed = offsets[nodeCount]!;

  const targets = allocator.uint32(placed);
  const cursor = offsets.slice(0, nodeCount);
  for (let e = 0; e < count; e++) {
    const r = rows[e]!;
    const c = cols[e]!;
    if (dropLoops && r === c) continue;
    targets[cursor[r]!++] = c;
  }

  const kept = dedupeRows(nodeCount, offsets, targets);
  return {
    graph: {
      nodeCount,
      edgeCount: kept,
      offsets,
      targets: kept === placed ? targets : targets.subarray(0, kept),
    },
    duplicateEdges: placed - kept,
    selfLoops,
    selfLoopsDropped: dropLoops ? selfLoops : 0,
  };
}

/** Sorts each row when needed and removes repeated targets, compacting in place. Returns the new edge count. */
function dedupeRows(nodeCount: number, offsets: Uint32Array, targets: Uint32Array): number {
  let write = 0;
  let readStart = 0;
  for (let v = 0; v < nodeCount; v++) {
    const readEnd = offsets[v + 1]!;
    offsets[v] = write;
    let sorted = true;
    for (let e = readStart + 1; e < readEnd; e++) {
      if (targets[e]! < targets[e - 1]!) {
        sorted = false;
        break;
      }
    }
    if (!sorted) targets.subarray(readStart, readEnd).sort();
    let previous = -1;
    for (let e = readStart; e < readEnd; e++) {
      const t = targets[e]!;
      if (t !== previous) {
        targets[write++] = t;
        previous = t;
      }
    }
    readStart = readEnd;
  }
  offsets[nodeCount] = write;
  return write;
}
