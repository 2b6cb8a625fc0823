/**
 * A crawl killed with SIGKILL mid-way and run again resumes from its stored frontier: the ledger then
 * equals that of an uninterrupted crawl of the same site, and no page is fetched twice except those that
 * were in flight (or in the commit under way) when the process died: at most one per host. The real bin, a real kill, the test
 * web on 127.0.0.1 as the site, and its request log as the witness.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../src/adapters/store-duckdb/duckdb-store.ts';
import type { FrontierEntry } from '../../src/core/crawl/frontier-model.ts';
import { type BinRun, startBin } from '../support/cli.ts';
import { startTestWeb, type TestWeb } from '../support/test-web/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-crawl-resume-'));
let web: TestWeb;

function start(db: string) {
  const args = [
    'crawl',
    web.expected.seed,
    '--scope',
    'site',
    '--delay',
    '40',
    '--allow-private-network',
    ...web.resolveArgs.flatMap((r) => ['--resolve', r]),
    '--db',
    db,
    '--format',
    'json',
    '--progress',
    'none',
  ];
  return startBin(args);
}

/** The ledger without times (which differ between any two crawls). */
async function ledgerOf(db: string) {
  const store = await DuckDbLedgerStore.open({ path: db });
  try {
    const dump = await store.dump();
    const jobs = await store.crawlJobs();
    const frontier: FrontierEntry[] = [];
    for (const job of jobs) frontier.push(...(await store.frontier(job.id)));
    return {
      jobs,
      frontier,
      pages: dump.pages.map(({ fetchedAt: _f, ...rest }) => rest),
      // When a link stopped counting is a time too; that it did, and why, must agree.
      links: dump.links.map(
        ({ firstSeen: _a, lastSeen: _b, lastLive: _c, attrsAt: _d, lostAt, ...rest }) => ({
          ...rest,
          lost: lostAt !== null,
        }),
      ),
      linkSources: dump.linkSources.map(({ first: _a, last: _b, ...rest }) => rest),
      captures: dump.captures.map(({ capturedAt: _a, ...rest }) => rest),
    };
  } finally {
    await store.close();
  }
}

let reference: Awaited<ReturnType<typeof ledgerOf>>;
let resumed: Awaited<ReturnType<typeof ledgerOf>>;
let killedRequests: string[];
let resumedRequests: string[];
let resumedRun: BinRun;

const key = (e: { host: string; path: string }) => `${e.host}${e.path}`;

beforeAll(async () => {
  web = await startTestWeb();
  const ref = start(join(dir, 'reference.duckdb'));
  const refRun = await ref.done;
  expect(refRun.stderr).toBe('');
  reference = await ledgerOf(join(dir, 'reference.duckdb'));

  const db = join(dir, 'killed.duckdb');
  const first = web.log.length;
  const victim = start(db);
  // Kill once the crawl is well under way (a third of the reference crawl's requests).
  const target = Math.floor((first * 1) / 3);
  while (web.log.length - first < target) await new Promise((r) => setTimeout(r, 20));
  victim.child.kill('SIGKILL');
  const killed = await victim.done;
  expect(killed.signal).toBe('SIGKILL');
  const afterKill = web.log.length;
  killedRequests = web.log.slice(first, afterKill).map(key);

  resumedRun = await start(db).done;
  resumedRequests = web.log.slice(afterKill).map(key);
  resumed = await ledgerOf(db);
}, 120_000);

afterAll(async () => {
  await web?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a crawl killed with SIGKILL and run again', () => {
  it('resumes the interrupted job and finishes it', () => {
    expect(resumedRun.status).toBe(0);
    const summary = JSON.parse(resumedRun.stdout);
    expect(summary.resumed).toBe(true);
    expect(summary.status).toBe('done');
    expect(resumed.jobs).toHaveLength(1);
  });

  it('gives the ledger of an uninterrupted crawl', () => {
    expect(resumed.pages).toEqual(reference.pages);
    expect(resumed.links).toEqual(reference.links);
    expect(resumed.linkSources).toEqual(reference.linkSources);
    expect(resumed.captures).toEqual(reference.captures);
    const done = (f: FrontierEntry[]) =>
      f.map((e) => [e.url, e.kind, e.depth, e.hops, e.state, e.outcome, e.status].join(' ')).sort();
    expect(done(resumed.frontier)).toEqual(done(reference.frontier));
  });

  it('fetches no page twice except those in flight when it was killed', () => {
    const before = new Set(killedRequests);
    const again = resumedRequests.filter((r) => before.has(r) && !r.endsWith('/robots.txt'));
    // A host's slot is held until its page is committed: one connection per host, so at most one page per
    // host was in flight (fetched or being committed) when the process died. The "site" scope crawls two
    // hosts at once (site-a.test and blog.site-a.test), so up to two pages in all.
    const perHost = new Map<string, string[]>();
    for (const request of again) {
      const host = request.slice(0, request.indexOf('/'));
      perHost.set(host, [...(perHost.get(host) ?? []), request]);
    }
    for (const [host, requests] of perHost) {
      expect(requests.length, `fetched again from ${host}: ${requests.join(', ')}`).toBe(1);
    }
    expect(perHost.size).toBeLessThanOrEqual(2);
    // And the kill really happened mid-crawl: both runs did real work.
    expect(killedRequests.length).toBeGreaterThan(5);
    expect(resumedRequests.length).toBeGreaterThan(5);
  });
});
