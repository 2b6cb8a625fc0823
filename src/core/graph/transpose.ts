/**
 * The transpose of a CSR graph (every edge reversed), by a counting sort over the targets. Scanning the rows
 * in order makes every output row sorted, and a duplicate-free input gives a duplicate-free output.
 */
import { type Allocator, heapAllocator } from './allocator.ts';
import type { Csr } from './csr.ts';

export function transposeCsr(graph: Csr, allocator: Allocator = heapAllocator): Csr {
  const { nodeCount, edgeCount, offsets, targets } = graph;
  const tOffsets = allocator.uint32(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) tOffsets[targets[e]! + 1]!++;
  for (let v = 0; v < nodeCount; v++) tOffsets[v + 1]! += tOffsets[v]!;
  const tTargets = allocator.uint32(edgeCount);
  const cursor = tOffsets.slice(0, nodeCount);
  for (let v = 0; v < nodeCount; v++) {
    const end = offsets[v + 1]!;
    for (let e = offsets[v]!; e < end; e++) tTargets[cursor[targets[e]!]!++] = v;
  }
  return { nodeCount, edgeCount, offsets: tOffsets, targets: tTargets };
}
