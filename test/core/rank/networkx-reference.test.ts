/**
 * Equality with NetworkX 2.8.8 on the shared real graphs (../shared/data/networkx-reference): L1 distance
 * under 1e-6 for PageRank, HITS and harmonic centrality, plus personalised PageRank (TrustRank) from the
 * fixture written by fixtures/networkx-trustrank.py. NetworkX stops at an L1 change below N * tol and its
 * values are exact to ~1e-9, so we iterate to 1e-14 and measure the distance to the exact answer.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { harmonicExact } from '../../../src/core/rank/harmonic-exact.ts';
import { hits } from '../../../src/core/rank/hits.ts';
import { pagerank } from '../../../src/core/rank/pagerank.ts';
import { trustrank } from '../../../src/core/rank/trustrank.ts';
import {
  l1Distance,
  networkxReference,
  type SharedGraphName,
  sharedGraph,
  type TestGraph,
} from './graphs.ts';

const TIGHT = { tolerance: 1e-14, maxIterations: 10_000 };
const EQUAL = 1e-6;

/** Measured L1 distances, printed once for the record (the report quotes them). */
const measured: string[] = [];

type Pairs = Array<[string | number, number]>;

for (const name of [
  'cc-webgraph-example',
  'hollins',
  'polblogs',
  'cnr-2000',
] as const satisfies readonly SharedGraphName[]) {
  describe(`NetworkX reference: ${name}`, () => {
    let g: TestGraph;
    const reference = networkxReference()[name]!;
    beforeAll(async () => {
      g = await sharedGraph(name);
    });

    it('has the same nodes and edges', () => {
      expect(g.graph.nodeCount).toBe(reference.nodes);
      expect(g.graph.edgeCount).toBe(reference.edges);
    });

    it('PageRank(alpha = 0.85)', () => {
      const result = pagerank(g.transpose, TIGHT);
      const pairs: Pairs = reference.pagerank
        ? Object.entries(reference.pagerank as Record<string, number>)
        : (reference.pagerank_top50 as Pairs);
      const distance = l1Distance(result.scores, pairs, g.idOf);
      measured.push(`${name} pagerank (${pairs.length} nodes): ${distance.toExponential(2)}`);
      expect(result.converged).toBe(true);
      expect(distance).toBeLessThan(EQUAL);
    });

    it('PageRank to the default 1e-10: power extrapolation needs fewer iterations for the same answer', () => {
      const extrapolated = pagerank(g.transpose, { tolerance: 1e-10 });
      const plain = pagerank(g.transpose, { tolerance: 1e-10, extrapolateEvery: 0 });
      const exact = pagerank(g.transpose, TIGHT).scores;
      measured.push(
        `${name} pagerank to 1e-10: ${extrapolated.iterations} iterations (plain power iteration ${plain.iterations})`,
      );
      expect(extrapolated.converged).toBe(true);
      expect(extrapolated.iterations).toBeLessThan(plain.iterations);
      // The error bound of the residual rule: alpha / (1 - alpha) * 1e-10.
      let error = 0;
      for (let v = 0; v < exact.length; v++) error += Math.abs(extrapolated.scores[v]! - exact[v]!);
      expect(error).toBeLessThan((0.85 / 0.15) * 1e-10);
    });

    it('HITS authorities and hubs (top 20)', () => {
      const result = hits(g.graph, g.transpose, { tolerance: 1e-15, maxIterations: 100_000 });
      const authority = l1Distance(result.authority, reference.authority_top20 as Pairs, g.idOf);
      const hub = l1Distance(result.hub, reference.hub_top20 as Pairs, g.idOf);
      measured.push(`${name} hits: authority ${authority.toExponential(2)}, hub ${hub.toExponential(2)}`);
      expect(authority).toBeLessThan(EQUAL);
      expect(hub).toBeLessThan(EQUAL);
    });

    if (reference.harmonic_centrality_in) {
      it('harmonic centrality (distances to the node), exact', () => {
        const result = harmonicExact(g.transpose);
        const pairs = Object.entries(reference.harmonic_centrality_in as Record<string, number>);
        const distance = l1Distance(result.scores, pairs, g.idOf);
        measured.push(`${name} harmonic (${pairs.length} nodes): ${distance.toExponential(2)}`);
        expect(distance).toBeLessThan(EQUAL);
      });
    }
  });
}

describe('NetworkX reference: personalised PageRank (TrustRank)', () => {
  const fixture = JSON.parse(
    readFileSync(new URL('./fixtures/networkx-trustrank.json', import.meta.url), 'utf8'),
  ) as {
    graphs: Record<
      string,
      {
        seeds: number[];
        trustrank: Record<string, number>;
        trustrank_uniform_dangling: Record<string, number>;
      }
    >;
  };
  for (const name of ['hollins', 'polblogs'] as const) {
    it(`${name}: pagerank(G, personalization=seeds), with and without dangling=uniform`, async () => {
      const g = await sharedGraph(name);
      const {
        seeds,
        trustrank: expected,
        trustrank_uniform_dangling: expectedUniform,
      } = fixture.graphs[name]!;
      const ids = seeds.map((s) => g.idOf.get(String(s))!);
      const result = trustrank(g.transpose, ids, TIGHT);
      const uniform = trustrank(g.transpose, ids, { ...TIGHT, dangling: 'uniform' });
      const d1 = l1Distance(result.scores, Object.entries(expected), g.idOf);
      const d2 = l1Distance(uniform.scores, Object.entries(expectedUniform), g.idOf);
      measured.push(`${name} trustrank: ${d1.toExponential(2)}; dangling=uniform: ${d2.toExponential(2)}`);
      expect(d1).toBeLessThan(EQUAL);
      expect(d2).toBeLessThan(EQUAL);
    });
  }

  it('prints the measured distances', () => {
    process.stdout.write(`L1 distances to NetworkX:\n  ${measured.join('\n  ')}\n`);
    expect(measured.length).toBeGreaterThan(10);
  });
});
