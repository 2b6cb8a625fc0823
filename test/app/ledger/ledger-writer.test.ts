/**
 * LedgerWriter.committed() is what a crawl waits on before it frees a host for its next page: it must not
 * resolve before the inputs added so far are in a committed batch, whichever moment a flush took them.
 */
import { describe, expect, it } from 'vitest';
import { MemoryLedgerStore } from '../../../src/adapters/store-memory/memory-store.ts';
import { LedgerWriter } from '../../../src/app/ledger/ledger-writer.ts';
import { runImport } from '../../../src/app/ledger/run-import.ts';
import { emptyStats } from '../../../src/core/ledger/import-run.ts';
import type { ImportSource } from '../../../src/core/ledger/import-source.ts';
import type { CommitOrder, LedgerBatch } from '../../../src/core/ledger/store.ts';
import { capture, day, link } from '../../contract/ledger-fixtures.ts';

/** A memory store whose commits each wait for the test to let them through; records when they end. */
function gatedStore() {
  const store = new MemoryLedgerStore();
  const commit = store.commit.bind(store);
  const gates: (() => void)[] = [];
  const events: string[] = [];
  store.commit = async (batch: LedgerBatch, order?: CommitOrder) => {
    const k = gates.length + 1;
    await new Promise<void>((resolve) => gates.push(resolve));
    await commit(batch, order);
    events.push(`committed ${k}`);
  };
  const release = async (k: number) => {
    while (gates.length < k) await new Promise((r) => setTimeout(r, 1));
    gates[k - 1]!();
  };
  return { store, events, release };
}

const page = (n: number, at = 1) => ({
  kind: 'capture' as const,
  capture: capture(`https://site.example.org/${n}`, day(at), [link(`https://t.com/${n}/${at}`)]),
});

describe('LedgerWriter.committed()', () => {
  it('waits for the batch a flush took, even while that flush still waits for the write before it', async () => {
    const { store, events, release } = gatedStore();
    const writer = new LedgerWriter(store, emptyStats());
    await writer.add(page(1));
    await writer.flush(false); // batch 1: committing, not done
    await writer.add(page(2));
    const taking = writer.flush(false); // takes page 2, then waits for batch 1 to be staged
    const committed = writer.committed().then(() => events.push('page 2 reported committed'));
    await release(1);
    await taking;
    await release(2);
    await committed;
    await writer.flush();
    expect(events).toEqual(['committed 1', 'committed 2', 'page 2 reported committed']);
    expect((await store.counts()).links).toBe(2);
  });

  it('waits for the buffered inputs to be taken and committed by a later flush', async () => {
    const { store, events, release } = gatedStore();
    const writer = new LedgerWriter(store, emptyStats());
    await writer.add(page(1));
    const committed = writer.committed().then(() => events.push('page 1 reported committed'));
    const flushed = writer.flush();
    await release(1);
    await flushed;
    await committed;
    expect(events).toEqual(['committed 1', 'page 1 reported committed']);
  });

  it('rejects when the batch it waits for fails, and so does every later call', async () => {
    const store = new MemoryLedgerStore();
    store.commit = () => Promise.reject(new Error('disk full'));
    const writer = new LedgerWriter(store, emptyStats());
    await writer.add(page(1));
    const committed = writer.committed();
    await expect(writer.flush()).rejects.toThrow('disk full');
    await expect(committed).rejects.toThrow('disk full');
    await writer.add(page(2));
    await expect(writer.committed()).rejects.toThrow('disk full'); // nothing will write page 2
  });
});

describe('LedgerWriter.flush()', () => {
  it('lets flushes that wait behind one unstaged write through one at a time: no batch is counted twice or lost', async () => {
    const { store, events, release } = gatedStore();
    const stats = emptyStats();
    const writer = new LedgerWriter(store, stats);
    await writer.add(page(1));
    await writer.flush(false); // batch 1: not staged until its commit ends (the memory store stages nothing ahead)
    await writer.add(page(2));
    const second = writer.flush(false);
    await writer.add(page(3));
    const third = writer.flush(false); // called while the second still waits for its turn
    await release(1);
    await release(2);
    await release(3);
    await Promise.all([second, third]);
    await writer.flush();
    expect(events).toEqual(['committed 1', 'committed 2', 'committed 3']);
    expect(stats.captures).toBe(3);
    expect(stats.newLinks).toBe(3);
    expect((await store.counts()).links).toBe(3);
  });
});

describe('an import whose source fails while a batch is being written', () => {
  it('records the failure after that batch has committed: the run says failed, at the committed checkpoint', async () => {
    const { store, release } = gatedStore();
    const source: ImportSource = {
      identity: { input: 'mem', size: 3, mtimeMs: 0, headHash: 'x' },
      format: 'test',
      source: 'crawl',
      totalBytes: 3,
      async *read() {
        yield { ...page(1), end: { offset: 1, line: 2 } };
        yield { ...page(2), end: { offset: 2, line: 3 } };
        await new Promise((r) => setTimeout(r, 20));
        throw new Error('the file is truncated');
      },
    };
    const imported = runImport(store, source, { now: () => day(3), batchLinks: 1, optimize: false });
    const failed = imported.catch((error: Error) => error.message);
    await release(1);
    await new Promise((r) => setTimeout(r, 60)); // the source has failed while batch 2 waits
    await release(2);
    expect(await failed).toBe('the file is truncated');
    const [run] = await store.importRuns();
    expect(run).toMatchObject({
      status: 'failed',
      error: 'the file is truncated',
      checkpoint: { offset: 2 },
    });
    expect((await store.counts()).links).toBe(2);
  });
});
