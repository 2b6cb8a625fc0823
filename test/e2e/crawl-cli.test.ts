/**
 * `linkledger crawl` as a user runs it (the real bin), against the test web served on 127.0.0.1
 * (test/support/test-web: virtual hosts, robots rules, redirects and loops, slow, failing, rate-limited,
 * huge and bomb pages, an endless calendar, non-HTML files). What a complete obedient crawl must and must
 * not fetch, and the exact links of key pages, are the test web's own literal expectations (expected.ts);
 * the server's request log is the witness.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../src/adapters/store-duckdb/duckdb-store.ts';
import type { CrawlJob } from '../../src/core/crawl/frontier-model.ts';
import type { LedgerDump } from '../../src/core/ledger/store.ts';
import { runBin } from '../support/cli.ts';
import { startTestWeb, type TestWeb } from '../support/test-web/index.ts';
import type { RequestLogEntry } from '../support/test-web/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-crawl-'));
const DELAY_MS = 50;

let web: TestWeb;
let job: CrawlJob & { ledger: { newLinks: number } };
let dump: LedgerDump;
let code: number | null;
let stderr: string;

const urlOf = (e: RequestLogEntry) => `http://${e.host}:${web.port}${e.path}`;

beforeAll(async () => {
  web = await startTestWeb({ slowHeadersMs: 2_500, trickleIntervalMs: 200 });
  const db = join(dir, 'discover.duckdb');
  const resolve = web.resolveArgs.flatMap((r) => ['--resolve', r]);
  // Asynchronous: the test web runs in this process and must keep answering while the crawl runs.
  const result = await runBin([
    'crawl',
    web.expected.seed,
    '--scope',
    'discover',
    // Every virtual host, and nothing else: no DNS query for external.example ever leaves the machine.
    '--include',
    '^http://[a-z.-]+\\.test:',
    '--max-depth',
    '3',
    '--max-pages',
    '400',
    '--delay',
    String(DELAY_MS),
    '--concurrency',
    '6',
    '--read-timeout',
    '1000',
    '--timeout',
    '2500',
    '--max-body',
    String(1024 * 1024),
    '--robots-retry',
    '300',
    '--allow-private-network',
    ...resolve,
    '--db',
    db,
    '--format',
    'json',
    '--progress',
    'none',
  ]);
  code = result.status;
  stderr = result.stderr;
  if (result.status !== 0) throw new Error(`crawl failed (${result.status}): ${result.stderr}`);
  job = JSON.parse(result.stdout);
  const store = await DuckDbLedgerStore.open({ path: db });
  dump = await store.dump();
  await store.close();
}, 150_000);

afterAll(async () => {
  await web?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('linkledger crawl --scope discover on the test web', () => {
  it('ends on its own, successfully', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(job.status).toBe('done');
  });

  it('fetches every URL an obedient crawl must fetch, sitemaps included', () => {
    const fetched = new Set(web.log.map(urlOf));
    const crawl = web.expected.crawls.discover;
    const missing = [...crawl.fetch, ...crawl.fetchIfSitemaps].filter((e) => !fetched.has(e.url));
    expect(missing.map((e) => `${e.url} (${e.why})`)).toEqual([]);
  });

  it('never fetches what robots.txt, scope or nofollow forbid, nor anything not expected', () => {
    const crawl = web.expected.crawls.discover;
    const never = new Map(crawl.neverFetch.map((e) => [e.url, e.why]));
    const allowed = new Set([...crawl.fetch, ...crawl.fetchIfSitemaps, ...crawl.mayFetch].map((e) => e.url));
    const prefixes = crawl.mayFetchPrefixes.map((e) => e.url);
    const forbidden: string[] = [];
    const unexpected: string[] = [];
    for (const entry of web.log) {
      const url = urlOf(entry);
      if (never.has(url)) forbidden.push(`${url}: ${never.get(url)}`);
      else if (!allowed.has(url) && !prefixes.some((p) => url.startsWith(p))) unexpected.push(url);
    }
    expect(forbidden).toEqual([]);
    expect(unexpected).toEqual([]);
    const hosts = new Set(web.log.map((e) => e.host));
    for (const host of crawl.neverContactHosts) expect(hosts.has(host)).toBe(false);
  });

  it('fetches each URL once, except retries and redirect loops', () => {
    const mayRepeat = new Set(web.expected.crawls.discover.mayRepeat);
    const counts = new Map<string, number>();
    for (const e of web.log) counts.set(urlOf(e), (counts.get(urlOf(e)) ?? 0) + 1);
    const repeated = [...counts].filter(([url, n]) => n > 1 && !mayRepeat.has(url));
    expect(repeated).toEqual([]);
  });

  it('never holds two connections or two requests to one host', () => {
    for (const [host, n] of web.maxConcurrentPerHost()) expect([host, n]).toEqual([host, 1]);
    for (const [host, n] of web.maxOpenSocketsPerHost()) expect([host, n]).toEqual([host, 1]);
  });

  it('rests between requests to a host: --delay, a longer Crawl-delay, and Retry-After', () => {
    const byHost = new Map<string, RequestLogEntry[]>();
    for (const e of web.log) byHost.set(e.host, [...(byHost.get(e.host) ?? []), e]);
    const gaps = (host: string) => {
      const list = byHost.get(host) ?? [];
      return list.slice(1).map((e, i) => e.startedAt - (list[i]!.endedAt ?? list[i]!.startedAt));
    };
    // The server stamps the end before the client has read it all: a few ms of slack.
    for (const host of byHost.keys())
      expect([host, Math.min(...gaps(host), Infinity) >= DELAY_MS - 10]).toEqual([host, true]);
    const crawlDelay = web.expected.politeness.crawlDelayMs['site-b.test']!;
    expect(gaps('site-b.test').length).toBeGreaterThanOrEqual(3);
    // The first gap follows robots.txt, which is fetched before Crawl-delay is known.
    for (const gap of gaps('site-b.test').slice(1)) expect(gap).toBeGreaterThanOrEqual(crawlDelay - 10);
    const flaky = byHost.get('flaky.test')!;
    const tries = flaky.filter((e) => e.path === '/429.html');
    expect(tries.map((e) => e.status)).toEqual([429, 200]);
    expect(tries[1]!.startedAt - tries[0]!.startedAt).toBeGreaterThanOrEqual(1000 - 10);
  });

  it('records exactly the links of the key pages', () => {
    for (const page of web.expected.pages) {
      // The ledger keeps one link per (target, kind, followed): the first in document order.
      const expected = new Map<
        string,
        { anchor: string; nofollow: boolean; sponsored: boolean; ugc: boolean }
      >();
      for (const link of page.links) {
        if (!/^https?:/.test(link.target)) continue;
        // DOMAIN.md: a page-level nofollow (meta robots, X-Robots-Tag) makes every link on the page nofollow.
        const l = page.nofollow ? { ...link, nofollow: true } : link;
        const key = `${l.target} ${!(l.nofollow || l.sponsored || l.ugc)}`;
        if (!expected.has(key)) expected.set(key, l);
      }
      const stored = dump.links.filter((l) => l.sourceUrl === page.url && l.kind === 'a');
      const got = new Map(
        stored.map((l) => [
          `${l.targetUrl} ${l.followed}`,
          { anchor: l.anchor, nofollow: l.nofollow, sponsored: l.sponsored, ugc: l.ugc },
        ]),
      );
      expect(got, page.url).toEqual(
        new Map(
          [...expected].map(([k, l]) => [
            k,
            { anchor: l.anchor, nofollow: l.nofollow, sponsored: l.sponsored, ugc: l.ugc },
          ]),
        ),
      );
      const stored_page = dump.pages.find((p) => p.url === page.url);
      expect(stored_page?.status, page.url).toBe(page.status);
      expect(stored_page?.canonical ?? null, page.url).toBe(page.canonical);
    }
  });

  it('records every redirect hop it followed as a redirect link, and stops at 5 hops and at loops', () => {
    const fetched = new Set(web.log.map(urlOf));
    for (const r of web.expected.redirects) {
      if (!fetched.has(r.from) || r.from.endsWith('/robots.txt')) continue;
      const link = dump.links.find((l) => l.sourceUrl === r.from && l.kind === 'redirect');
      expect(link?.targetUrl, r.from).toBe(r.target);
    }
    expect(job.stats.errors['too-many-redirects']).toBe(1);
    expect(job.stats.errors['redirect-loop']).toBe(1);
  });

  it('counts what went wrong by kind, and cuts huge pages and the gzip bomb', () => {
    const s = job.stats;
    expect(s.errors.timeout).toBeGreaterThanOrEqual(2); // slow head, trickle (the stall reads as truncated or timeout)
    expect(s.errors['http-500']).toBe(1);
    expect(s.errors['robots-http-500']).toBe(2); // asked twice, then given up
    expect(s.truncated).toBeGreaterThanOrEqual(3); // huge, huge-declared, bomb
    expect(s.retries).toBeGreaterThanOrEqual(5); // 503 x2, 429, 500 x2
    expect(s.robotsDisallowed).toBeGreaterThan(0);
    const frontier = dump.links.filter((l) => l.sourceUrl === `${web.origin('broken.test')}/`);
    expect(frontier).toEqual([]);
  });

  it('follows a redirect target only when robots.txt allows it', () => {
    const paths = new Set(web.log.filter((e) => e.host === 'site-a.test').map((e) => e.path));
    expect(paths.has('/redirect/to-private')).toBe(true);
    expect(paths.has('/private/redirected.html')).toBe(false);
  });
});
