/**
 * The rank programs on worker threads over SharedArrayBuffers (adapters/workers) give the same bits as on
 * one thread: blocks write only their own nodes and partial sums, summed in block order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../src/adapters/workers/worker-pool.ts';
import { heapAllocator, sharedAllocator } from '../../../src/core/graph/allocator.ts';
import { harmonicExactProgram } from '../../../src/core/rank/harmonic-exact.ts';
import { hitsProgram } from '../../../src/core/rank/hits.ts';
import { hyperballProgram } from '../../../src/core/rank/hyperball.ts';
import { runProgram } from '../../../src/core/rank/kernel.ts';
import { pagerankProgram } from '../../../src/core/rank/pagerank.ts';
import { spamMassProgram } from '../../../src/core/rank/spam-mass.ts';
import { graphOf, randomEdges, sharedGraph, type TestGraph } from './graphs.ts';

describe('rank programs on worker threads', () => {
  let pool: WorkerPool;
  let heap: TestGraph;
  let shared: TestGraph;
  beforeAll(async () => {
    pool = await WorkerPool.start(3);
    heap = await sharedGraph('polblogs');
    shared = await sharedGraph('polblogs', sharedAllocator);
  });
  afterAll(async () => {
    await pool.close();
  });

  it('uses the calling thread plus workers', () => {
    expect(pool.threads).toBe(3);
  });

  it('PageRank: identical to one thread, bit for bit', async () => {
    const options = { tolerance: 1e-12, blockSize: 64 };
    const one = runProgram(pagerankProgram(heap.transpose, { ...options, allocator: heapAllocator }));
    const many = await pool.run(
      pagerankProgram(shared.transpose, { ...options, allocator: sharedAllocator }),
    );
    expect(many.iterations).toBe(one.iterations);
    expect(many.residual).toBe(one.residual);
    expect([...many.scores]).toEqual([...one.scores]);
  });

  it('spam mass and HITS: identical to one thread', async () => {
    const seeds = [0, 10, 20, 30];
    const one = runProgram(spamMassProgram(heap.transpose, seeds, { blockSize: 50 }));
    const many = await pool.run(
      spamMassProgram(shared.transpose, seeds, { blockSize: 50, allocator: sharedAllocator }),
    );
    expect([...many.relative]).toEqual([...one.relative]);
    const h1 = runProgram(hitsProgram(heap.graph, heap.transpose, { blockSize: 32 }));
    const hn = await pool.run(
      hitsProgram(shared.graph, shared.transpose, { blockSize: 32, allocator: sharedAllocator }),
    );
    expect([...hn.authority]).toEqual([...h1.authority]);
    expect([...hn.hub]).toEqual([...h1.hub]);
  });

  it('harmonic centrality, exact and HyperBall: identical to one thread', async () => {
    const pairs = randomEdges(3000, 12_000, 77);
    const g1 = graphOf(3000, pairs);
    const gn = graphOf(3000, pairs, sharedAllocator);
    const e1 = runProgram(harmonicExactProgram(g1.transpose));
    const en = await pool.run(harmonicExactProgram(gn.transpose, { allocator: sharedAllocator }));
    expect([...en.scores]).toEqual([...e1.scores]);
    const b1 = runProgram(hyperballProgram(g1.transpose, { log2m: 6, blockSize: 100 }));
    const bn = await pool.run(
      hyperballProgram(gn.transpose, { log2m: 6, blockSize: 100, allocator: sharedAllocator }),
    );
    expect(bn.iterations).toBe(b1.iterations);
    expect([...bn.scores]).toEqual([...b1.scores]);
  });

  it('refuses arrays that are not in shared memory (a worker would write into a copy)', async () => {
    await expect(pool.run(pagerankProgram(heap.transpose))).rejects.toThrow(/not in shared memory/);
  });
});
