import { describe, expect, it } from 'vitest';
import { sharedAllocator } from '../../../src/core/graph/allocator.ts';
import { buildCsr } from '../../../src/core/graph/build-csr.ts';
import { type Csr, columnCounts, edgesOf, row, rowLengths } from '../../../src/core/graph/csr.ts';
import { transposeCsr } from '../../../src/core/graph/transpose.ts';
import { lcg } from '../rank/graphs.ts';

function edges(pairs: Array<[number, number]>) {
  return {
    src: Uint32Array.from(pairs, ([s]) => s),
    dst: Uint32Array.from(pairs, ([, d]) => d),
    count: pairs.length,
  };
}

function rows(graph: Csr): number[][] {
  return Array.from({ length: graph.nodeCount }, (_, v) => [...row(graph, v)]);
}

describe('buildCsr', () => {
  it('collapses duplicate edges, keeps self-loops by default, sorts rows', () => {
    const built = buildCsr(
      4,
      edges([
        [0, 2],
        [0, 1],
        [0, 2],
        [1, 1],
        [3, 0],
        [1, 1],
        [0, 1],
      ]),
    );
    expect(rows(built.graph)).toEqual([[1, 2], [1], [], [0]]);
    expect(built.graph.edgeCount).toBe(4);
    expect(built.duplicateEdges).toBe(3);
    expect(built.selfLoops).toBe(2);
    expect(built.selfLoopsDropped).toBe(0);
    expect(built.graph.offsets[4]).toBe(built.graph.edgeCount);
  });

  it('drops self-loops on request', () => {
    const built = buildCsr(
      2,
      edges([
        [0, 0],
        [0, 1],
        [1, 1],
      ]),
      { selfLoops: 'drop' },
    );
    expect(rows(built.graph)).toEqual([[1], []]);
    expect(built.selfLoopsDropped).toBe(2);
  });

  it('builds the transpose directly, equal to transposing the forward graph', () => {
    const random = lcg(7);
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < 500; i++) pairs.push([Math.floor(random() * 40), Math.floor(random() * 40)]);
    const forward = buildCsr(40, edges(pairs)).graph;
    const direct = buildCsr(40, edges(pairs), { orientation: 'transpose' }).graph;
    expect(rows(direct)).toEqual(rows(transposeCsr(forward)));
    expect(rows(transposeCsr(transposeCsr(forward)))).toEqual(rows(forward));
    // Out-degrees read from the transpose equal the forward row lengths.
    expect([...columnCounts(direct)]).toEqual([...rowLengths(forward)]);
    // The distinct edge set is kept exactly.
    const distinct = new Set(pairs.map(([s, d]) => `${s}>${d}`));
    expect(new Set([...edgesOf(forward)].map(([s, d]) => `${s}>${d}`))).toEqual(distinct);
  });

  it('keeps isolated nodes and handles an empty edge list', () => {
    const built = buildCsr(3, edges([]));
    expect(rows(built.graph)).toEqual([[], [], []]);
    expect(buildCsr(0, edges([])).graph.edgeCount).toBe(0);
  });

  it('allocates in shared memory when asked', () => {
    const built = buildCsr(
      3,
      edges([
        [0, 1],
        [1, 2],
      ]),
      { allocator: sharedAllocator },
    );
    expect(built.graph.targets.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(built.graph.offsets.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('rejects ids outside the node range', () => {
    expect(() => buildCsr(2, edges([[0, 2]]))).toThrow(RangeError);
  });
});
