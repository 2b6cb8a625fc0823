/**
 * How a crawl ends while fetches are under way: stopped by its signal, or failing. Each fetch waits for its
 * page's commit before its host may go on, so the crawl must keep committing until they have all ended,
 * and a committed job must count exactly the pages it committed. The fetcher here is an in-process one
 * whose answers the test releases one by one (the orderings are the point); pages are read by the real
 * HTML reader and written to the memory store.
 */
import { describe, expect, it } from 'vitest';
import { readResponsePage } from '../../../src/adapters/http/response-page.ts';
import { readSitemap } from '../../../src/adapters/http/sitemap-reader.ts';
import { MemoryLedgerStore } from '../../../src/adapters/store-memory/memory-store.ts';
import { type CrawlPorts, runCrawl } from '../../../src/app/crawl/run-crawl.ts';
import type { FetchRequest, FetchResponse, ResponseReader } from '../../../src/core/crawl/fetch-port.ts';
import { defaultCrawlSettings } from '../../../src/core/crawl/settings.ts';

const html = (body: string) => new TextEncoder().encode(`<!doctype html><html><body>${body}</body></html>`);

function response(url: string, status: number, body: Uint8Array | null): FetchResponse {
  return {
    kind: 'response',
    url,
    status,
    headers: body ? { 'content-type': 'text/html' } : {},
    mime: body ? 'text/html' : null,
    body,
    truncated: null,
    wireBytes: body?.length ?? 0,
    contentHash: body ? `hash of ${url}` : null,
    remoteAddress: null,
  };
}

/** robots.txt is 404 (all allowed); each page answers once the test releases it. */
function gatedFetcher() {
  const waiting: { url: string; release: () => void }[] = [];
  return {
    waiting,
    fetcher: {
      async fetch(request: FetchRequest) {
        if (request.purpose === 'robots') return response(request.url, 404, null);
        await new Promise<void>((release) => waiting.push({ url: request.url, release }));
        return response(request.url, 200, html('<a href="/next">next</a>'));
      },
      async close() {},
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 2));
}

const settings = {
  ...defaultCrawlSettings(['http://a.test/', 'http://b.test/'], 'test'),
  delayMs: 0,
  sitemaps: false,
};

function ports(
  store: MemoryLedgerStore,
  fetcher: CrawlPorts['fetcher'],
  readPage: ResponseReader,
): CrawlPorts {
  return { store, fetcher, readPage, readSitemap, now: Date.now };
}

describe('a crawl stopping with fetches under way', () => {
  it('stopped by its signal: lets them finish, commits their pages, and stays resumable', async () => {
    const store = new MemoryLedgerStore();
    const { waiting, fetcher } = gatedFetcher();
    const abort = new AbortController();
    const crawl = runCrawl(ports(store, fetcher, readResponsePage), settings, { signal: abort.signal });
    await until(() => waiting.length === 2); // both hosts' first pages in flight
    abort.abort();
    for (const w of waiting.splice(0)) w.release();
    const result = await crawl;
    expect(result.interrupted).toBe(true);
    expect(result.job.status).toBe('running');
    const frontier = await store.frontier(result.job.id);
    const fetched = frontier.filter((e) => e.outcome === 'fetched').map((e) => e.url);
    expect(fetched.sort()).toEqual(['http://a.test/', 'http://b.test/']);
    expect((await store.dump()).pages.map((p) => p.url).sort()).toEqual(['http://a.test/', 'http://b.test/']);
    expect(waiting).toEqual([]); // and it started no new fetch after the signal
  });

  it('failing: ends with the error once the other fetches have ended, and marks the job failed', async () => {
    const store = new MemoryLedgerStore();
    const { waiting, fetcher } = gatedFetcher();
    const readPage: ResponseReader = async (r) => {
      if (r.url.startsWith('http://a.test/')) throw new Error('the page reader broke');
      return readResponsePage(r);
    };
    const crawl = runCrawl(ports(store, fetcher, readPage), settings);
    const outcome = crawl.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await until(() => waiting.length === 2);
    // b.test's page is read and buffered first; a.test's reader then fails the crawl.
    waiting.find((w) => w.url === 'http://b.test/')!.release();
    await until(() => waiting.length === 3); // b.test committed its page and asked for the next one
    waiting.find((w) => w.url === 'http://a.test/')!.release();
    await new Promise((r) => setTimeout(r, 20));
    waiting.find((w) => w.url === 'http://b.test/next')!.release(); // answers after the failure
    expect(await outcome).toBe('the page reader broke');
    // No fetch started after the failure.
    expect(waiting.map((w) => w.url).sort()).toEqual([
      'http://a.test/',
      'http://b.test/',
      'http://b.test/next',
    ]);
    const [job] = await store.crawlJobs();
    expect(job!.status).toBe('failed');
    expect(job!.error).toBe('the page reader broke');
  });
});

describe('a committed crawl job', () => {
  it('counts only the pages whose rows were committed with it, even while another page is being read', async () => {
    const store = new MemoryLedgerStore();
    const { waiting, fetcher } = gatedFetcher();
    let releaseRead!: () => void;
    const reading = new Promise<void>((r) => {
      releaseRead = r;
    });
    const readPage: ResponseReader = async (r) => {
      if (r.url === 'http://b.test/') await reading; // b.test's page is being read ...
      return readResponsePage(r);
    };
    const abort = new AbortController();
    const crawl = runCrawl(ports(store, fetcher, readPage), settings, { signal: abort.signal });
    await until(() => waiting.length === 2);
    waiting.find((w) => w.url === 'http://b.test/')!.release();
    await new Promise((r) => setTimeout(r, 20));
    waiting.find((w) => w.url === 'http://a.test/')!.release(); // ... while a.test's is committed
    const job = async () => (await store.crawlJobs())[0]!;
    await until(() => waiting.length === 3); // a.test has gone on to its next page: its page is committed
    const committed = await job();
    const fetchedRows = (await store.frontier(committed.id)).filter((e) => e.outcome === 'fetched');
    expect(fetchedRows.map((e) => e.url)).toEqual(['http://a.test/']);
    expect(committed.stats.fetched).toBe(1);
    abort.abort();
    releaseRead();
    for (const w of waiting.splice(0)) w.release();
    const result = await crawl;
    const rows = (await store.frontier(result.job.id)).filter((e) => e.outcome === 'fetched');
    expect((await job()).stats.fetched).toBe(rows.length);
  });
});
