import { describe, expect, it } from 'vitest';
import { hits } from '../../../src/core/rank/hits.ts';
import { graphOf, l1, oracleHits, randomEdges } from './graphs.ts';

const TIGHT = { tolerance: 1e-14, maxIterations: 100_000 };

describe('HITS', () => {
  it('finds the centre of a star as the only authority and its leaves as equal hubs', () => {
    const n = 6;
    const { graph, transpose } = graphOf(
      n,
      Array.from({ length: n - 1 }, (_, i) => [i + 1, 0] as [number, number]),
    );
    const result = hits(graph, transpose, TIGHT);
    expect(result.authority[0]).toBeCloseTo(1, 14);
    expect(result.hub[0]).toBe(0);
    for (let leaf = 1; leaf < n; leaf++) expect(result.hub[leaf]).toBeCloseTo(1 / (n - 1), 14);
  });

  it('is uniform on each side of a complete bipartite graph', () => {
    const pairs: Array<[number, number]> = [];
    for (const h of [0, 1]) for (const a of [2, 3, 4]) pairs.push([h, a]);
    const { graph, transpose } = graphOf(5, pairs);
    const { authority, hub } = hits(graph, transpose, TIGHT);
    expect([...authority].map((x) => +x.toFixed(14))).toEqual(
      [0, 0, 1 / 3, 1 / 3, 1 / 3].map((x) => +x.toFixed(14)),
    );
    expect([...hub].map((x) => +x.toFixed(14))).toEqual([0.5, 0.5, 0, 0, 0]);
  });

  it('agrees with dense power iteration on random graphs', () => {
    for (const seed of [11, 12, 13]) {
      const n = 30;
      const pairs = randomEdges(n, 120, seed);
      const { graph, transpose } = graphOf(n, pairs);
      const result = hits(graph, transpose, TIGHT);
      const oracle = oracleHits(n, pairs);
      expect(result.converged).toBe(true);
      expect(l1(result.authority, oracle.authority)).toBeLessThan(1e-10);
      expect(l1(result.hub, oracle.hub)).toBeLessThan(1e-10);
    }
  });

  it('returns uniform vectors for a graph without edges, and reports a spent budget', () => {
    const empty = graphOf(3, []);
    expect([...hits(empty.graph, empty.transpose).authority]).toEqual([1 / 3, 1 / 3, 1 / 3]);
    const { graph, transpose } = graphOf(30, randomEdges(30, 120, 5));
    const cut = hits(graph, transpose, { tolerance: 1e-30, maxIterations: 2 });
    expect(cut.converged).toBe(false);
    expect(cut.iterations).toBe(2);
  });
});
