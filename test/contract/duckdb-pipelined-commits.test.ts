/**
 * The DuckDB store stages the next batch while the previous one commits (two lane connections). These
 * tests pin what that must not change: the next batch really is prepared before the previous commit ends,
 * batches commit in order, and a batch that fails takes the batches staged behind it down with it, so the
 * checkpoint never passes the failed batch and a resumed run gives exactly the ledger of a clean one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../src/adapters/store-duckdb/duckdb-store.ts';
import { LedgerWriter } from '../../src/app/ledger/ledger-writer.ts';
import { runImport } from '../../src/app/ledger/run-import.ts';
import { emptyStats } from '../../src/core/ledger/import-run.ts';
import { planPage } from '../../src/core/ledger/plan-page.ts';
import type { CommitOrder, LedgerBatch } from '../../src/core/ledger/store.ts';
import { capture, day, feed, link, memorySource, randomScenario } from './ledger-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-pipeline-'));
let n = 0;
const open = () => DuckDbLedgerStore.open({ path: join(dir, `ledger-${++n}.duckdb`) });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Ten pages, one per batch (batchLinks 1), none shared between batches: every batch can be pipelined. */
const distinctPages = Array.from({ length: 10 }, (_, i) =>
  capture(`https://site${i}.example.org/a`, day(1), [link('https://t.com/'), link(`https://t.com/${i}`)]),
);

/**
 * Records, in order, each page-state load (named by `load`; a load of pages an earlier batch committed is
 * prefixed `committed-`) and each commit as it completes.
 */
function recordOrder(store: DuckDbLedgerStore, load: (urls: readonly string[]) => string): string[] {
  const events: string[] = [];
  const loadStates = store.loadPageStates.bind(store);
  const loadCommitted = store.loadCommittedPageStates.bind(store);
  const commit = store.commit.bind(store);
  let batch = 0;
  store.loadPageStates = (urls) => {
    events.push(load(urls));
    return loadStates(urls);
  };
  store.loadCommittedPageStates = (urls) => {
    events.push(`committed-${load(urls)}`);
    return loadCommitted(urls);
  };
  store.commit = (b: LedgerBatch, order?: CommitOrder) => {
    const k = ++batch;
    return commit(b, order).then(() => {
      events.push(`committed ${k}`);
    });
  };
  return events;
}

/**
 * Imports `pages` one batch each with batch 3 failing in its transaction (a "new" page that exists: the
 * store's stale-plan guard), after it was staged and while batch 4 is prepared behind it: the import
 * fails, nothing after batch 2 is kept, and importing again gives the ledger of one clean import.
 */
async function expectFailedBatchThenResume(pages: typeof distinctPages): Promise<void> {
  const clean = await open();
  const store = await open();
  try {
    await runImport(clean, memorySource(pages), { now: () => day(9), batchLinks: 1 });
    const commit = store.commit.bind(store);
    let calls = 0;
    store.commit = (batch: LedgerBatch, order?: CommitOrder) => {
      calls += 1;
      if (calls !== 3) return commit(batch, order);
      const ctx = { domainOf: (h: string) => h };
      const stale = planPage(distinctPages[0]!.page.url, null, [distinctPages[0]!], [], ctx);
      const plans = (async function* () {
        yield* batch.plans;
        yield stale;
      })();
      return commit({ ...batch, plans }, order);
    };
    await expect(runImport(store, memorySource(pages), { now: () => day(9), batchLinks: 1 })).rejects.toThrow(
      /stale plan/,
    );
    expect(calls).toBeGreaterThanOrEqual(4);
    const [failed] = await store.importRuns();
    expect(failed).toMatchObject({ status: 'failed', checkpoint: { offset: 2 } });
    expect((await store.counts()).pages).toBe(2);

    store.commit = commit;
    await runImport(store, memorySource(pages), { now: () => day(9), batchLinks: 1 });
    expect(await store.dump()).toEqual(await clean.dump());
  } finally {
    await clean.close();
    await store.close();
  }
}

describe('DuckDB store: pipelined commits', () => {
  it('loads and stages the next batch before the previous one has committed', async () => {
    const store = await open();
    const events = recordOrder(store, (urls) => `load ${urls.join(' ')}`);
    try {
      await feed(store, distinctPages.slice(0, 3), 1);
      const at = (event: string) => events.indexOf(event);
      // Batch 2 was loaded (and so batch 1 staged) before batch 1 committed ...
      expect(at('load https://site1.example.org/a')).toBeLessThan(at('committed 1'));
      expect(at('load https://site2.example.org/a')).toBeLessThan(at('committed 2'));
      // ... and the commits still came in order, each after its batch was loaded.
      expect(events.filter((e) => e.startsWith('committed'))).toEqual([
        'committed 1',
        'committed 2',
        'committed 3',
      ]);
      expect(at('load https://site0.example.org/a')).toBe(0);
      expect((await store.counts()).links).toBe(6);
    } finally {
      await store.close();
    }
  });

  it('waits for the previous commit when the next batch holds one of its pages', async () => {
    const store = await open();
    const events = recordOrder(store, () => 'load');
    const page = 'https://one.example.org/';
    try {
      await feed(
        store,
        [capture(page, day(1), [link('https://t.com/a')]), capture(page, day(2), [link('https://t.com/b')])],
        1,
      );
      // Its one page is loaded once batch 1 has committed, outside the store's turns.
      expect(events).toEqual(['load', 'committed 1', 'committed-load', 'committed 2']);
      const { links } = await store.dump();
      expect(links.map((l) => [l.targetUrl, l.lostReason])).toEqual([
        ['https://t.com/a', 'removed'],
        ['https://t.com/b', null],
      ]);
    } finally {
      await store.close();
    }
  });

  it('stages the pages before the first one the previous batch holds while that batch commits', async () => {
    const store = await open();
    const stats = emptyStats();
    const writer = new LedgerWriter(store, stats);
    const page = 'https://one.example.org/';
    const [before, after] = [distinctPages[0]!, distinctPages[1]!];
    // Batch 1's commit is held back (as a slow transaction would be); batch 2 is read as the store stages it.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const read: string[] = [];
    let firstRead!: () => void;
    const oneRead = new Promise<void>((resolve) => {
      firstRead = resolve;
    });
    const commit = store.commit.bind(store);
    let calls = 0;
    store.commit = (batch: LedgerBatch, order?: CommitOrder) => {
      calls += 1;
      if (calls === 1) return commit(batch, order).then(() => gate);
      const plans = (async function* () {
        for await (const plan of batch.plans) {
          read.push(plan.page.url);
          firstRead();
          yield plan;
        }
      })();
      return commit({ ...batch, plans }, order);
    };
    try {
      await writer.add({ kind: 'capture', capture: capture(page, day(1), [link('https://t.com/a')]) });
      await writer.flush(false);
      for (const c of [before, capture(page, day(2), [link('https://t.com/b')]), after]) {
        await writer.add({ kind: 'capture', capture: c });
      }
      const second = writer.flush(false);
      await oneRead; // never, if batch 2 waited for batch 1 before planning any page
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(read).toEqual([before.page.url]); // the shared page waits for batch 1's commit
      release();
      await second;
      await writer.flush();
      expect(read).toEqual([before.page.url, page, after.page.url]);
      const { links } = await store.dump();
      expect(links.filter((l) => l.sourceUrl === page).map((l) => [l.targetUrl, l.lostReason])).toEqual([
        ['https://t.com/a', 'removed'],
        ['https://t.com/b', null],
      ]);
      expect(stats).toMatchObject({ captures: 4, newPages: 3, lostLinks: 1 });
      // Ids follow the input's order, whenever batch 1's commit ended.
      const states = await store.loadPageStates([before.page.url, page, after.page.url]);
      const ids = (url: string, target?: string) =>
        states
          .get(url)!
          .links.filter((l) => target === undefined || l.targetUrl === target)
          .map((l) => l.id!);
      expect(Math.max(...ids(before.page.url))).toBeLessThan(ids(page, 'https://t.com/b')[0]!);
      expect(ids(page, 'https://t.com/b')[0]!).toBeLessThan(Math.min(...ids(after.page.url)));
    } finally {
      release();
      await store.close();
    }
  });

  it('orders flushes queued behind one unstaged batch, one of them sharing its page (no deadlock)', async () => {
    const store = await open();
    const stats = emptyStats();
    const writer = new LedgerWriter(store, stats);
    const page = 'https://one.example.org/';
    try {
      await writer.add({ kind: 'capture', capture: capture(page, day(1), [link('https://t.com/a')]) });
      await writer.flush(false); // batch 1 is staging
      await writer.add({ kind: 'capture', capture: capture(page, day(2), [link('https://t.com/b')]) });
      const second = writer.flush(false); // shares batch 1's page: plans once batch 1 committed
      await writer.add({ kind: 'capture', capture: distinctPages[0]! });
      const third = writer.flush(false);
      await Promise.all([second, third]);
      await writer.flush();
      expect(stats.captures).toBe(3);
      const { links } = await store.dump();
      expect(links.map((l) => [l.targetUrl, l.lostReason])).toEqual([
        ['https://t.com/a', 'removed'],
        ['https://t.com/b', null],
        ['https://t.com/', null],
        ['https://t.com/0', null],
      ]);
    } finally {
      await store.close();
    }
  });

  it('matches a one-batch import on random histories, batch by batch', async () => {
    for (const seed of [21, 22]) {
      const inputs = randomScenario(seed, 25, 3);
      const whole = await open();
      const pipelined = await open();
      try {
        await feed(whole, inputs, 1_000_000);
        await feed(pipelined, inputs, 1);
        expect(await pipelined.dump()).toEqual(await whole.dump());
      } finally {
        await whole.close();
        await pipelined.close();
      }
    }
  });

  it('fails the batches staged behind a failed one, and a resumed run equals a clean one', async () => {
    await expectFailedBatchThenResume(distinctPages);
  });

  it('fails a batch waiting for a page of a failed one too, and a resumed run equals a clean one', async () => {
    // Batch 4 captures batch 3's page again: it waits for batch 3's commit to plan that page.
    const again = capture(distinctPages[2]!.page.url, day(2), [link('https://t.com/z')]);
    await expectFailedBatchThenResume([...distinctPages.slice(0, 3), again, ...distinctPages.slice(3, 6)]);
  });
});
