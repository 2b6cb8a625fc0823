import { describe, expect, it } from 'vitest';
import { pagerank } from '../../../src/core/rank/pagerank.ts';
import { errorBoundBelow, firstOf, maxIterations, residualBelow } from '../../../src/core/rank/stopping.ts';
import { graphOf, l1, oraclePagerank, randomEdges } from './graphs.ts';

const TIGHT = { tolerance: 1e-14, maxIterations: 10_000 };

describe('PageRank on closed-form graphs', () => {
  it('is uniform on a directed cycle and on a complete graph', () => {
    const cycle = graphOf(
      7,
      [0, 1, 2, 3, 4, 5, 6].map((v) => [v, (v + 1) % 7] as [number, number]),
    );
    for (const x of pagerank(cycle.transpose, TIGHT).scores) expect(x).toBeCloseTo(1 / 7, 14);
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) if (i !== j) pairs.push([i, j]);
    for (const x of pagerank(graphOf(5, pairs).transpose, TIGHT).scores) expect(x).toBeCloseTo(0.2, 14);
  });

  it('is uniform on a graph without edges (every node dangling)', () => {
    const result = pagerank(graphOf(4, []).transpose, TIGHT);
    expect([...result.scores]).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(result.converged).toBe(true);
  });

  it('matches the closed form of a star whose leaves link to a dangling centre', () => {
    // centre c = (1 + (n-1) a) / (n + (n-1) a); each leaf (1 - c) / (n - 1)
    for (const [n, alpha] of [
      [2, 0.85],
      [6, 0.85],
      [11, 0.5],
    ] as const) {
      const star = graphOf(
        n,
        Array.from({ length: n - 1 }, (_, i) => [i + 1, 0] as [number, number]),
      );
      const { scores } = pagerank(star.transpose, { ...TIGHT, alpha });
      const centre = (1 + (n - 1) * alpha) / (n + (n - 1) * alpha);
      expect(scores[0]).toBeCloseTo(centre, 13);
      for (let leaf = 1; leaf < n; leaf++) expect(scores[leaf]).toBeCloseTo((1 - centre) / (n - 1), 13);
    }
  });

  it('keeps self-loops: a node linking only to itself keeps rank (as NetworkX does)', () => {
    // x1 = (1-a)/2 + a x1/2 (dangling spread) => x1 = (1-a)/(2-a)
    const alpha = 0.85;
    const { scores } = pagerank(graphOf(2, [[0, 0]]).transpose, { ...TIGHT, alpha });
    expect(scores[1]).toBeCloseTo((1 - alpha) / (2 - alpha), 13);
    expect(scores[0]).toBeCloseTo(1 - (1 - alpha) / (2 - alpha), 13);
  });

  it('is the teleport vector itself when alpha is 0', () => {
    const g = graphOf(3, [
      [0, 1],
      [1, 2],
    ]);
    const teleport = Float64Array.of(1, 3, 0);
    expect([...pagerank(g.transpose, { alpha: 0, teleport, ...TIGHT }).scores]).toEqual([0.25, 0.75, 0]);
  });
});

describe('PageRank on random graphs against a direct linear solve', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`graph ${seed}: uniform, personalised, both dangling policies`, () => {
      const n = 12 + seed * 7;
      const pairs = randomEdges(n, n * 3, seed);
      const { transpose } = graphOf(n, pairs);
      const alpha = 0.6 + seed * 0.05;
      const plain = pagerank(transpose, { ...TIGHT, alpha });
      expect(plain.converged).toBe(true);
      expect(l1(plain.scores, oraclePagerank(n, pairs, alpha))).toBeLessThan(1e-12);
      const teleport = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? i + 1 : 0));
      for (const dangling of ['teleport', 'uniform'] as const) {
        const result = pagerank(transpose, {
          ...TIGHT,
          alpha,
          teleport: Float64Array.from(teleport),
          dangling,
        });
        expect(l1(result.scores, oraclePagerank(n, pairs, alpha, teleport, dangling))).toBeLessThan(1e-12);
        expect(result.scores.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
      }
    });
  }
});

describe('PageRank iteration reporting', () => {
  const n = 60;
  const { transpose } = graphOf(n, randomEdges(n, 240, 9));

  it('reports instead of throwing when the budget runs out', () => {
    const result = pagerank(transpose, { tolerance: 1e-30, maxIterations: 3 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(3);
    expect(result.residual).toBeGreaterThan(0);
    expect(result.stopReason).toMatch(/budget/);
  });

  it('calls the progress callback once per iteration with the L1 residual', () => {
    const seen: number[] = [];
    const result = pagerank(transpose, { tolerance: 1e-9, onIteration: (s) => seen.push(s.residual) });
    expect(seen).toHaveLength(result.iterations);
    expect(seen.at(-1)).toBe(result.residual);
    expect(result.residual).toBeLessThan(1e-9);
    expect(seen[seen.length - 2]).toBeGreaterThanOrEqual(1e-9);
  });

  it('composes stopping rules; the error bound rule stops within its bound', () => {
    const exact = pagerank(transpose, TIGHT).scores;
    const bound = pagerank(transpose, { stop: firstOf(errorBoundBelow(1e-6, 0.85), maxIterations(1000)) });
    expect(bound.converged).toBe(true);
    expect(l1(bound.scores, exact)).toBeLessThan(1e-6);
    const budget = pagerank(transpose, { stop: firstOf(residualBelow(1e-30), maxIterations(2)) });
    expect(budget.iterations).toBe(2);
    expect(budget.converged).toBe(false);
  });

  it('warm-starts from a previous result (converges at once)', () => {
    const first = pagerank(transpose, TIGHT);
    const again = pagerank(transpose, { ...TIGHT, start: first.scores });
    expect(again.iterations).toBeLessThanOrEqual(2);
    expect(l1(again.scores, first.scores)).toBeLessThan(1e-13);
  });

  it('rejects a damping factor outside [0, 1) and an all-zero teleport vector', () => {
    expect(() => pagerank(transpose, { alpha: 1 })).toThrow(RangeError);
    expect(() => pagerank(transpose, { teleport: new Float64Array(n) })).toThrow(RangeError);
  });

  it('ranks the empty graph without iterating', () => {
    const result = pagerank(graphOf(0, []).transpose);
    expect(result.scores.length).toBe(0);
    expect(result.converged).toBe(true);
  });
});
