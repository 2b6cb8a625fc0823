/**
 * The writer and the run use case around the pure rules: batching is invisible in the result, a failing
 * commit fails the run (and is reported, never swallowed), and a failed run is resumed by the next one.
 */
import { describe, expect, it } from 'vitest';
import { MemoryLedgerStore } from '../../../src/adapters/store-memory/memory-store.ts';
import { runImport } from '../../../src/app/ledger/run-import.ts';
import type { LedgerBatch } from '../../../src/core/ledger/store.ts';
import { capture, day, feed, link, memorySource, randomScenario } from '../../contract/ledger-fixtures.ts';

describe('ledger writer and runs', () => {
  it('gives the same ledger whatever the batch size', async () => {
    const inputs = randomScenario(31, 30, 3);
    const dumps = [];
    for (const batch of [1, 5, 1000]) {
      const store = new MemoryLedgerStore();
      await feed(store, inputs, batch);
      dumps.push(await store.dump());
    }
    expect(dumps[1]).toEqual(dumps[0]);
    expect(dumps[2]).toEqual(dumps[0]);
  });

  it('fails the run when a commit fails, and resumes it next time', async () => {
    const inputs = [
      capture('https://a.org/1', day(1), [link('https://t.com/')]),
      capture('https://a.org/2', day(1), [link('https://t.com/')]),
      capture('https://a.org/3', day(1), [link('https://t.com/')]),
    ];
    const store = new MemoryLedgerStore();
    const commit = store.commit.bind(store);
    let calls = 0;
    store.commit = async (batch: LedgerBatch) => {
      calls += 1;
      if (calls === 2) throw new Error('disk full');
      return commit(batch);
    };
    await expect(
      runImport(store, memorySource(inputs), { now: () => day(9), batchLinks: 1 }),
    ).rejects.toThrow('disk full');
    const [failed] = await store.importRuns();
    expect(failed).toMatchObject({ status: 'failed', error: 'disk full', checkpoint: { offset: 1 } });
    expect((await store.counts()).links).toBe(1);

    const resumed = await runImport(store, memorySource(inputs), { now: () => day(10), batchLinks: 1 });
    expect(resumed).toMatchObject({ id: failed!.id, status: 'done', stats: { records: 3, newLinks: 3 } });
    expect((await store.counts()).links).toBe(3);
  });
});
