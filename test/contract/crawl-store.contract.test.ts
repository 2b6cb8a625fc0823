/**
 * The crawl side of the LedgerStore contract: crawl jobs, and frontier rows committed in the same
 * transaction as the pages they produced (LedgerBatch.crawl). One suite, run against the memory store and
 * the DuckDB store (a fresh file each time); then what only a file-backed store can show: the rows
 * survive close/reopen and optimize() (which rewrites the file).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../src/adapters/store-duckdb/duckdb-store.ts';
import { MemoryLedgerStore } from '../../src/adapters/store-memory/memory-store.ts';
import { type CrawlJob, emptyCrawlStats, type FrontierEntry } from '../../src/core/crawl/frontier-model.ts';
import { defaultCrawlSettings } from '../../src/core/crawl/settings.ts';
import { planPage } from '../../src/core/ledger/plan-page.ts';
import type { LedgerStore } from '../../src/core/ledger/store.ts';
import { capture, day, feed, link } from './ledger-fixtures.ts';
import type { StoreFactory } from './ledger-store.contract.ts';

function job(id: string, key: string, startedAt: number, over: Partial<CrawlJob> = {}): CrawlJob {
  const settings = {
    ...defaultCrawlSettings(['https://example.com/', 'https://www.example.org/start'], 'linkledger/test'),
    include: ['/blog/'],
    exclude: ['\\.pdf$'],
    maxDepth: 3,
    resolve: [{ host: 'site.test', port: 8080, address: '127.0.0.1' }],
  };
  const stats = emptyCrawlStats();
  stats.fetched = 12;
  stats.statuses = { '2xx': 10, '4xx': 2 };
  stats.errors = { timeout: 1 };
  return {
    id,
    key,
    settings,
    status: 'running',
    startedAt,
    updatedAt: startedAt,
    finishedAt: null,
    stats,
    error: null,
    ...over,
  };
}

let seq = 0;
function entry(url: string, over: Partial<FrontierEntry> = {}): FrontierEntry {
  return {
    url,
    kind: 'page',
    depth: 0,
    hops: 0,
    seq: ++seq,
    state: 'queued',
    outcome: null,
    status: null,
    attempts: 0,
    via: null,
    ...over,
  };
}

const crawlBatch = (j: CrawlJob, frontier: FrontierEntry[]) => ({
  plans: [],
  run: null,
  crawl: { job: j, frontier },
});

const A = 'https://blog.one.org/post';
const T = 'https://acme.com/blue-widgets';
const ctx = { domainOf: (h: string) => h.split('.').slice(-2).join('.') };

function describeCrawlStoreContract(name: string, open: StoreFactory): void {
  describe(`LedgerStore crawl contract: ${name}`, () => {
    let store: LedgerStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('starts with no jobs and empty frontiers', async () => {
      expect(await store.crawlJobs()).toEqual([]);
      expect(await store.crawlJobs('k')).toEqual([]);
      expect(await store.frontier('nope')).toEqual([]);
    });

    it('saves jobs and lists them by key, oldest first (ties by id), whole', async () => {
      const late = job('j-late', 'k1', day(3));
      const early = job('j-early', 'k1', day(1));
      const other = job('j-other', 'k2', day(2));
      const tieB = job('j-b', 'k1', day(2));
      const tieA = job('j-a', 'k1', day(2));
      for (const j of [late, other, tieB, early, tieA]) await store.saveCrawlJob(j);
      expect(await store.crawlJobs('k1')).toEqual([early, tieA, tieB, late]);
      expect((await store.crawlJobs()).map((j) => j.id)).toEqual([
        'j-early',
        'j-a',
        'j-b',
        'j-other',
        'j-late',
      ]);
      expect(await store.crawlJobs('k2')).toEqual([other]);
      expect(await store.crawlJobs('k3')).toEqual([]);
    });

    it('saving a job again replaces it', async () => {
      const j = job('j1', 'k', day(1));
      await store.saveCrawlJob(j);
      const finished = {
        ...j,
        status: 'failed' as const,
        updatedAt: day(2),
        finishedAt: day(2),
        error: 'disk full',
        stats: { ...j.stats, fetched: 99, notFollowed: { 'out-of-scope': 4 } },
      };
      await store.saveCrawlJob(finished);
      expect(await store.crawlJobs()).toEqual([finished]);
    });

    it('commits the frontier rows and the job snapshot of a batch', async () => {
      const j = job('j1', 'k', day(1));
      const rows = [
        entry('https://example.com/'),
        entry('https://example.com/sitemap.xml', { kind: 'sitemap' }),
        entry('https://example.com/a', {
          depth: 1,
          via: 'https://example.com/',
          state: 'done',
          outcome: 'error:timeout',
          attempts: 2,
        }),
        entry('https://example.com/b', { depth: 1, hops: 2, state: 'done', outcome: 'fetched', status: 404 }),
      ];
      await store.commit(crawlBatch(j, rows));
      expect(await store.crawlJobs('k')).toEqual([j]);
      expect(await store.frontier('j1')).toEqual(rows);
    });

    it('upserts rows by (job, url): the last write wins, within a batch and across batches', async () => {
      const j = job('j1', 'k', day(1));
      const seed = entry('https://example.com/');
      const page = entry('https://example.com/p', { depth: 1, via: seed.url });
      await store.commit(crawlBatch(j, [seed, page]));
      const seedDone = { ...seed, state: 'done' as const, outcome: 'fetched', status: 200, attempts: 1 };
      const retried = { ...page, attempts: 1, status: 503 };
      const pageDone = { ...page, state: 'done' as const, outcome: 'fetched', status: 200, attempts: 1 };
      await store.commit(crawlBatch({ ...j, updatedAt: day(2) }, [seedDone, retried, pageDone]));
      expect(await store.frontier('j1')).toEqual([seedDone, pageDone]);
      expect((await store.crawlJobs())[0]?.updatedAt).toBe(day(2));
    });

    it('a row queued in one batch and done in a later one ends done', async () => {
      const j = job('j1', 'k', day(1));
      const rows = [1, 2, 3].map((i) => entry(`https://example.com/${i}`));
      await store.commit(crawlBatch(j, rows));
      for (const [i, row] of rows.entries()) {
        await store.commit(crawlBatch(j, [{ ...row, state: 'done', outcome: 'fetched', status: 200 + i }]));
      }
      const frontier = await store.frontier('j1');
      expect(frontier.map((r) => [r.url, r.state, r.status])).toEqual([
        ['https://example.com/1', 'done', 200],
        ['https://example.com/2', 'done', 201],
        ['https://example.com/3', 'done', 202],
      ]);
    });

    it('orders the frontier by (depth, seq), whatever the write order', async () => {
      const j = job('j1', 'k', day(1));
      const rows = [
        entry('https://example.com/d2s5', { depth: 2, seq: 5 }),
        entry('https://example.com/d0s9', { depth: 0, seq: 9 }),
        entry('https://example.com/d1s2', { depth: 1, seq: 2 }),
        entry('https://example.com/d0s1', { depth: 0, seq: 1 }),
        entry('https://example.com/d1big', { depth: 1, seq: 2 ** 40 }),
        entry('https://example.com/d1s3', { depth: 1, seq: 3 }),
      ];
      await store.commit(crawlBatch(j, rows.slice(0, 3)));
      await store.commit(crawlBatch(j, rows.slice(3)));
      expect((await store.frontier('j1')).map((r) => r.url.slice(20))).toEqual([
        'd0s1',
        'd0s9',
        'd1s2',
        'd1s3',
        'd1big',
        'd2s5',
      ]);
      expect((await store.frontier('j1')).find((r) => r.url.endsWith('big'))?.seq).toBe(2 ** 40);
    });

    it('keeps the frontiers of two jobs apart, even for the same URL', async () => {
      const url = 'https://example.com/';
      await store.commit(
        crawlBatch(job('j1', 'k', day(1)), [entry(url, { state: 'done', outcome: 'fetched' })]),
      );
      await store.commit(crawlBatch(job('j2', 'k', day(2)), [entry(url)]));
      expect((await store.frontier('j1')).map((r) => r.state)).toEqual(['done']);
      expect((await store.frontier('j2')).map((r) => r.state)).toEqual(['queued']);
      expect((await store.crawlJobs('k')).map((j) => j.id)).toEqual(['j1', 'j2']);
    });

    it('commits pages and frontier rows together', async () => {
      const url = 'https://new.example.org/';
      const plan = planPage(url, null, [capture(url, day(2), [link(T)])], [], ctx);
      const row = entry(url, { state: 'done', outcome: 'fetched', status: 200, attempts: 1 });
      await store.commit({
        plans: [plan],
        run: null,
        crawl: { job: job('j1', 'k', day(1)), frontier: [row] },
      });
      expect((await store.counts()).pages).toBe(1);
      expect((await store.loadPageStates([url])).get(url)?.links.map((l) => l.targetUrl)).toEqual([T]);
      expect(await store.frontier('j1')).toEqual([row]);
    });

    it('a failing commit (a stale plan) writes neither its plans, nor its frontier rows, nor its job', async () => {
      await feed(store, [capture(A, day(1), [link(T)])]);
      const j = job('j1', 'k', day(1));
      const queued = entry('https://new.example.org/');
      await store.commit(crawlBatch(j, [queued]));
      const before = {
        dump: await store.dump(),
        frontier: await store.frontier('j1'),
        jobs: await store.crawlJobs(),
      };

      const fresh = planPage(
        'https://new.example.org/',
        null,
        [capture('https://new.example.org/', day(2), [link(T)])],
        [],
        ctx,
      );
      const stale = planPage(A, null, [capture(A, day(2), [link(T)])], [], ctx);
      const failing = {
        plans: [fresh, stale],
        run: null,
        crawl: {
          job: { ...j, status: 'done' as const, updatedAt: day(2), finishedAt: day(2) },
          frontier: [
            { ...queued, state: 'done' as const, outcome: 'fetched', status: 200 },
            entry('https://new.example.org/next', { depth: 1 }),
          ],
        },
      };
      await expect(store.commit(failing)).rejects.toThrow();
      expect(await store.dump()).toEqual(before.dump);
      expect(await store.frontier('j1')).toEqual(before.frontier);
      expect(await store.crawlJobs()).toEqual(before.jobs);

      // The store is still usable, and nothing of the failed batch leaks into the next one.
      const later = entry('https://example.com/later');
      await store.commit(crawlBatch(j, [later]));
      expect((await store.frontier('j1')).map((r) => [r.url, r.state])).toEqual([
        ['https://new.example.org/', 'queued'],
        ['https://example.com/later', 'queued'],
      ]);
    });

    it('a commit without crawl rows leaves the crawl tables alone', async () => {
      const j = job('j1', 'k', day(1));
      const row = entry('https://example.com/');
      await store.commit(crawlBatch(j, [row]));
      await feed(store, [capture(A, day(1), [link(T)])]);
      await store.commit({ plans: [], run: null, crawl: null });
      expect(await store.frontier('j1')).toEqual([row]);
      expect(await store.crawlJobs()).toEqual([j]);
    });

    it('saveCrawlJob does not touch the frontier; a batch with no rows still saves its job', async () => {
      const j = job('j1', 'k', day(1));
      const row = entry('https://example.com/');
      await store.commit(crawlBatch(j, [row]));
      await store.saveCrawlJob({ ...j, status: 'done' });
      expect(await store.frontier('j1')).toEqual([row]);
      await store.commit(crawlBatch({ ...j, status: 'failed', error: 'x' }, []));
      expect(await store.crawlJobs()).toEqual([{ ...j, status: 'failed', error: 'x' }]);
      expect(await store.frontier('j1')).toEqual([row]);
    });

    it('hands out copies: changing what was read or written does not change the store', async () => {
      const j = job('j1', 'k', day(1));
      const row = entry('https://example.com/');
      await store.commit(crawlBatch(j, [row]));
      const expected = { job: structuredClone(j), row: { ...row } };
      j.stats.fetched = -1;
      row.state = 'done';
      const read = await store.frontier('j1');
      read[0]!.attempts = 77;
      const jobs = await store.crawlJobs();
      jobs[0]!.stats.errors.x = 1;
      expect(await store.frontier('j1')).toEqual([expected.row]);
      expect(await store.crawlJobs()).toEqual([expected.job]);
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Runners

const dir = mkdtempSync(join(tmpdir(), 'linkledger-crawl-contract-'));
let n = 0;
const fileStore = (path = join(dir, `ledger-${++n}.duckdb`)) =>
  DuckDbLedgerStore.open({ path, config: { threads: '2' } });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeCrawlStoreContract('memory', async () => new MemoryLedgerStore());
describeCrawlStoreContract('duckdb', () => fileStore());

describe('DuckDB crawl tables on disk', () => {
  async function filled(path: string) {
    const store = await fileStore(path);
    const j = job('j1', 'k', day(1));
    const rows = [
      entry('https://example.com/', { state: 'done', outcome: 'fetched', status: 200, attempts: 1 }),
      entry('https://example.com/a', { depth: 1, via: 'https://example.com/' }),
      entry('https://example.com/sitemap.xml', { kind: 'sitemap', outcome: null }),
    ];
    await feed(store, [capture(A, day(1), [link(T)])]);
    await store.commit(crawlBatch(j, rows));
    return { store, job: j, rows };
  }

  it('keeps jobs and frontiers across close and reopen', async () => {
    const path = join(dir, 'reopen.duckdb');
    const { store, job: j, rows } = await filled(path);
    const expected = await store.frontier('j1');
    expect(expected).toHaveLength(rows.length);
    await store.close();
    const again = await fileStore(path);
    try {
      expect(await again.crawlJobs('k')).toEqual([j]);
      expect(await again.frontier('j1')).toEqual(expected);
      // Still upserted by (job, url) after reopening.
      const done = { ...rows[1]!, state: 'done' as const, outcome: 'fetched', status: 200 };
      await again.commit(crawlBatch(j, [done]));
      expect((await again.frontier('j1')).filter((r) => r.url === done.url)).toEqual([done]);
    } finally {
      await again.close();
    }
  });

  it('keeps jobs and frontiers through optimize(), which rewrites the file', async () => {
    const path = join(dir, 'optimize.duckdb');
    const { store, job: j, rows } = await filled(path);
    let expected: FrontierEntry[];
    try {
      const before = {
        frontier: await store.frontier('j1'),
        jobs: await store.crawlJobs(),
        dump: await store.dump(),
      };
      await store.optimize();
      expect(await store.frontier('j1')).toEqual(before.frontier);
      expect(await store.crawlJobs()).toEqual(before.jobs);
      expect(await store.dump()).toEqual(before.dump);
      // The rewritten table still upserts by (job, url) instead of adding a second row.
      const done = { ...rows[1]!, state: 'done' as const, outcome: 'fetched', status: 200 };
      await store.commit(crawlBatch({ ...j, status: 'done' }, [done]));
      expected = await store.frontier('j1');
      expect(expected).toHaveLength(rows.length);
      expect(expected.find((r) => r.url === done.url)).toEqual(done);
    } finally {
      await store.close();
    }
    // And the rewritten file is what a later process opens.
    const reopened = await fileStore(path);
    try {
      expect(await reopened.frontier('j1')).toEqual(expected);
      expect(await reopened.crawlJobs()).toEqual([{ ...j, status: 'done' }]);
    } finally {
      await reopened.close();
    }
  });
});
