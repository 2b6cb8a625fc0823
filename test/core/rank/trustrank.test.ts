import { describe, expect, it } from 'vitest';
import { pagerank } from '../../../src/core/rank/pagerank.ts';
import { spamMass } from '../../../src/core/rank/spam-mass.ts';
import { seedTeleport, trustrank } from '../../../src/core/rank/trustrank.ts';
import { graphOf, l1, oraclePagerank, randomEdges } from './graphs.ts';

const TIGHT = { tolerance: 1e-14, maxIterations: 10_000 };

describe('TrustRank', () => {
  it('decays by alpha per hop around a cycle from a single seed', () => {
    // x_k = (1 - a) a^k / (1 - a^3) for k hops after the seed
    const alpha = 0.85;
    const { transpose } = graphOf(3, [
      [0, 1],
      [1, 2],
      [2, 0],
    ]);
    const { scores } = trustrank(transpose, [0], { ...TIGHT, alpha });
    for (let k = 0; k < 3; k++)
      expect(scores[k]).toBeCloseTo(((1 - alpha) * alpha ** k) / (1 - alpha ** 3), 14);
  });

  it('gives nothing to nodes the seeds cannot reach when dangling rank returns to the seeds', () => {
    // (Only what is left of the uniform start vector, which decays as alpha^t.)
    const { transpose } = graphOf(4, [
      [0, 1],
      [2, 3],
      [3, 2],
    ]);
    const { scores } = trustrank(transpose, [0], TIGHT);
    expect(scores[2]).toBeLessThan(1e-13);
    expect(scores[3]).toBeLessThan(1e-13);
    expect(scores[0]! + scores[1]!).toBeCloseTo(1, 12);
  });

  it('equals the direct solve with the seed teleport vector', () => {
    const n = 40;
    const pairs = randomEdges(n, 150, 21);
    const { transpose } = graphOf(n, pairs);
    const seeds = [3, 5, 5, 17];
    const teleport = Array.from({ length: n }, (_, i) => (seeds.includes(i) ? 1 : 0));
    expect(
      l1(trustrank(transpose, seeds, TIGHT).scores, oraclePagerank(n, pairs, 0.85, teleport)),
    ).toBeLessThan(1e-12);
    const uniform = trustrank(transpose, seeds, { ...TIGHT, dangling: 'uniform' }).scores;
    expect(l1(uniform, oraclePagerank(n, pairs, 0.85, teleport, 'uniform'))).toBeLessThan(1e-12);
  });

  it('counts each seed once and rejects empty or foreign seeds', () => {
    expect(seedTeleport(4, [1, 1, 3]).seedCount).toBe(2);
    expect([...seedTeleport(4, [1, 1, 3]).vector]).toEqual([0, 0.5, 0, 0.5]);
    expect(() => seedTeleport(4, [])).toThrow(RangeError);
    expect(() => seedTeleport(4, [4])).toThrow(RangeError);
  });
});

describe('spam mass', () => {
  it("splits PageRank exactly into the seeds' part and the rest (linearity)", () => {
    const n = 50;
    const pairs = randomEdges(n, 200, 33);
    const { transpose } = graphOf(n, pairs);
    const seeds = [0, 7, 12, 30];
    const others = Array.from({ length: n }, (_, i) => i).filter((i) => !seeds.includes(i));
    const result = spamMass(transpose, seeds, TIGHT);
    const fromOthers = trustrank(transpose, others, { ...TIGHT, dangling: 'uniform' }).scores;
    const p = pagerank(transpose, TIGHT).scores;
    for (let v = 0; v < n; v++) {
      // Absolute mass = the part of p that the non-seed teleport explains.
      expect(result.absolute[v]).toBeCloseTo((others.length / n) * fromOthers[v]!, 13);
      expect(result.relative[v]).toBeGreaterThanOrEqual(0);
      expect(result.relative[v]).toBeLessThanOrEqual(1);
      expect(result.relative[v]).toBeCloseTo(result.absolute[v]! / p[v]!, 10);
    }
    expect(result.converged).toBe(true);
  });

  it('is 0 everywhere when every node is trusted, and 1 on a farm the seeds cannot reach', () => {
    const { transpose } = graphOf(5, [
      [0, 1],
      [1, 0],
      [2, 3],
      [3, 4],
      [4, 3],
      [1, 2],
    ]);
    const all = spamMass(transpose, [0, 1, 2, 3, 4], TIGHT);
    for (const m of all.relative) expect(m).toBeCloseTo(0, 12);
    // Seeds 3 and 4 link only among themselves: 0 and 1 get no trusted rank except via uniform dangling (none here).
    const farm = spamMass(
      graphOf(4, [
        [0, 1],
        [1, 0],
        [2, 3],
        [3, 2],
      ]).transpose,
      [2, 3],
      TIGHT,
    );
    expect(farm.relative[0]).toBeCloseTo(1, 12);
    expect(farm.relative[1]).toBeCloseTo(1, 12);
    expect(farm.relative[2]).toBeCloseTo(0, 12);
  });
});
