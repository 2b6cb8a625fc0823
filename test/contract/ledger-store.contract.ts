/**
 * The ledger store contract: one suite, run against every LedgerStore implementation by the small runner
 * files beside it. It drives stores through the real writer (app/ledger) so the ledger rules, the commit
 * and the reads are checked together, and it compares every backend's full dump with the memory store
 * (the reference implementation) on the same inputs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLedgerStore } from '../../src/adapters/store-memory/memory-store.ts';
import { emptyStats, type ImportRun } from '../../src/core/ledger/import-run.ts';
import { planPage } from '../../src/core/ledger/plan-page.ts';
import type { LedgerStore } from '../../src/core/ledger/store.ts';
import {
  capture,
  day,
  feed,
  link,
  nofollow,
  observation,
  randomScenario,
  shuffled,
} from './ledger-fixtures.ts';

export type StoreFactory = () => Promise<LedgerStore>;

const A = 'https://blog.one.org/post';
const T = 'https://acme.com/blue-widgets';

/** The planner's context in tests that plan pages themselves: the last two labels are the domain. */
const PLAN_CTX = { domainOf: (h: string) => h.split('.').slice(-2).join('.') };

/** A running import run, with `overrides`. */
function importRun(overrides: Partial<ImportRun> = {}): ImportRun {
  return {
    id: 'r-1',
    key: 'k',
    source: 'csv',
    format: 'generic',
    input: 'x.csv',
    status: 'running',
    startedAt: day(1),
    updatedAt: day(1),
    finishedAt: null,
    checkpoint: { offset: 0, line: 1 },
    stats: emptyStats(),
    error: null,
    ...overrides,
  };
}

async function reference(inputs: Parameters<typeof feed>[1]) {
  const ref = new MemoryLedgerStore();
  await feed(ref, inputs);
  return ref.dump();
}

export function describeLedgerStoreContract(name: string, open: StoreFactory): void {
  describe(`LedgerStore contract: ${name}`, () => {
    let store: LedgerStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const linkOf = async (target: string, followed = true) => {
      const { links } = await store.dump();
      return links.find((l) => l.targetUrl === target && l.followed === followed);
    };

    it('starts empty', async () => {
      expect(await store.counts()).toEqual({
        pages: 0,
        captures: 0,
        links: 0,
        linkSources: 0,
        importRuns: 0,
      });
      expect((await store.loadPageStates([A])).size).toBe(0);
    });

    it('stores a capture and gives it back with ids', async () => {
      await feed(store, [
        capture(A, day(1), [link(T), link('https://other.org/'), link('mailto:x@y.z')], { title: 'Post' }),
      ]);
      expect(await store.counts()).toMatchObject({ pages: 1, captures: 1, links: 2, linkSources: 2 });
      const state = (await store.loadPageStates([A, 'https://nowhere.example/'])).get(A)!;
      expect(state.page).toMatchObject({
        url: A,
        host: 'blog.one.org',
        domain: 'one.org',
        status: 200,
        title: 'Post',
      });
      expect(state.page.id).toBeGreaterThan(0);
      expect(state.links.map((l) => l.targetUrl).sort()).toEqual([
        'https://acme.com/blue-widgets',
        'https://other.org/',
      ]);
      expect(state.links.every((l) => l.id !== null && l.id > 0 && l.pageId === state.page.id)).toBe(true);
      expect(state.links.find((l) => l.targetUrl === T)).toMatchObject({
        targetHost: 'acme.com',
        targetDomain: 'acme.com',
      });
      expect(state.captures).toEqual([{ capturedAt: day(1), source: 'crawl', state: 'live' }]);
    });

    it('re-importing the same data changes nothing', async () => {
      const inputs = randomScenario(1);
      await feed(store, inputs);
      const before = await store.dump();
      const stats = await feed(store, inputs);
      expect(await store.dump()).toEqual(before);
      expect(stats.newLinks).toBe(0);
      expect(stats.updatedLinks).toBe(0);
    });

    it('marks links lost with the reason of the capture that no longer counts them', async () => {
      const pages = [
        'removed',
        'gone',
        'redirected',
        'noindex',
        'canonical',
        'nofollow',
        'dofollow',
        'unavailable',
      ];
      const url = (p: string) => `https://blog.one.org/${p}`;
      const first = pages.map((p) => capture(url(p), day(1), p === 'dofollow' ? [nofollow(T)] : [link(T)]));
      const second = [
        capture(url('removed'), day(2), []),
        capture(url('gone'), day(2), [link(T)], { status: 404 }),
        capture(url('redirected'), day(2), [link('https://blog.one.org/new', { kind: 'redirect' })], {
          status: 301,
        }),
        capture(url('noindex'), day(2), [link(T)], { noindex: true }),
        capture(url('canonical'), day(2), [link(T)], { canonical: 'https://blog.one.org/elsewhere' }),
        capture(url('nofollow'), day(2), [nofollow(T)]),
        capture(url('dofollow'), day(2), [link(T)]),
        capture(url('unavailable'), day(2), [], { status: 503 }),
      ];
      await feed(store, [...first, ...second]);
      const { links } = await store.dump();
      const verdict = (p: string, followed: boolean) =>
        links.find((l) => l.sourceUrl === url(p) && l.targetUrl === T && l.followed === followed);
      expect(verdict('removed', true)).toMatchObject({ lostAt: day(2), lostReason: 'removed' });
      expect(verdict('gone', true)).toMatchObject({
        lostAt: day(2),
        lostReason: 'page-gone',
        lastSeen: day(1),
      });
      expect(verdict('redirected', true)).toMatchObject({ lostAt: day(2), lostReason: 'page-redirected' });
      expect(verdict('noindex', true)).toMatchObject({
        lostAt: day(2),
        lostReason: 'noindex',
        lastSeen: day(2),
      });
      expect(verdict('canonical', true)).toMatchObject({ lostAt: day(2), lostReason: 'canonical-elsewhere' });
      expect(verdict('nofollow', true)).toMatchObject({ lostAt: day(2), lostReason: 'became-nofollow' });
      expect(verdict('nofollow', false)).toMatchObject({ firstSeen: day(2), lostAt: null });
      expect(verdict('dofollow', false)).toMatchObject({ lostAt: day(2), lostReason: 'became-dofollow' });
      expect(verdict('unavailable', true)).toMatchObject({ lostAt: null, lastSeen: day(1) });
      const redirect = links.find((l) => l.sourceUrl === url('redirected') && l.kind === 'redirect');
      expect(redirect).toMatchObject({ lostAt: null, targetUrl: 'https://blog.one.org/new' });
    });

    it('counts the links of a capture cut short, but takes no link missing from it for lost', async () => {
      const other = 'https://other.example/';
      await feed(store, [
        capture(A, day(1), [link(T), link(other)]),
        capture(A, day(2), [link(T)], { truncated: true }), // cut before `other`
        capture(A, day(3), [link(T)]), // complete: `other` is gone now
      ]);
      expect(await linkOf(T)).toMatchObject({ lastSeen: day(3), lastLive: day(3), lostAt: null });
      expect(await linkOf(other)).toMatchObject({ lastSeen: day(1), lostAt: day(3), lostReason: 'removed' });
      const { captures } = await store.dump();
      expect(captures.map((c) => c.state)).toEqual(['live', 'partial', 'live']);
    });

    it('revives a lost link that a newer capture carries again', async () => {
      await feed(store, [
        capture(A, day(1), [link(T)]),
        capture(A, day(2), []),
        capture(A, day(3), [link(T)]),
      ]);
      expect(await linkOf(T)).toMatchObject({
        firstSeen: day(1),
        lastSeen: day(3),
        lostAt: null,
        lostReason: null,
      });
    });

    it('gives the same ledger whatever order captures arrive in', async () => {
      const inputs = randomScenario(7).filter((i) => 'capturedAt' in i);
      const expected = await reference(inputs);
      for (const seed of [1, 2, 3]) {
        const other = await open();
        try {
          await feed(other, shuffled(inputs, seed));
          expect(await other.dump()).toEqual(expected);
        } finally {
          await other.close();
        }
      }
    });

    it('does not resurrect a link from an older capture imported late', async () => {
      await feed(store, [capture(A, day(3), [])]);
      await feed(store, [capture(A, day(1), [link(T, { anchor: 'old' })])]);
      expect(await linkOf(T)).toMatchObject({
        firstSeen: day(1),
        lastSeen: day(1),
        lostAt: day(3),
        lostReason: 'removed',
      });
      const page = (await store.loadPageStates([A])).get(A)!.page;
      expect(page.fetchedAt).toBe(day(3));
    });

    it('keeps the first of duplicate links on a page and skips non-web targets', async () => {
      const stats = await feed(store, [
        capture(A, day(1), [
          link(T, { anchor: 'first', placement: 'content' }),
          link(T, { anchor: 'second', placement: 'footer' }),
          link(null),
          link('javascript:void(0)'),
        ]),
      ]);
      const { links } = await store.dump();
      expect(links).toHaveLength(1);
      expect(links[0]).toMatchObject({ anchor: 'first', placement: 'content' });
      expect(stats.skipped['non-web-target']).toBe(2);
    });

    it('merges source reports into the page link and keeps provenance per source', async () => {
      await feed(store, [
        capture(A, day(10), [nofollow(T, { anchor: 'Acme' })]),
        observation(A, T, day(12), { source: 'gsc' }),
        observation(A, T, day(5), { source: 'ahrefs', anchor: 'older anchor', rel: [] }),
      ]);
      const { links, linkSources } = await store.dump();
      const nf = links.find((l) => !l.followed)!;
      expect(nf).toMatchObject({ firstSeen: day(10), lastSeen: day(12), anchor: 'Acme', lostAt: null });
      expect(linkSources.filter((s) => !s.followed).map((s) => s.source)).toEqual(['crawl', 'gsc']);
      const followed = links.find((l) => l.followed)!;
      expect(followed).toMatchObject({ firstSeen: day(5), lostAt: day(10), lostReason: 'became-nofollow' });
    });

    it('records vendor-reported losses unless a later sighting says otherwise', async () => {
      await feed(store, [
        observation(A, T, day(5), { source: 'ahrefs', rel: [], lost: { at: day(8), reason: 'removed' } }),
        observation('https://b.two.net/', T, day(5), {
          source: 'ahrefs',
          rel: [],
          lost: { at: day(8), reason: 'page-gone' },
        }),
        observation('https://b.two.net/', T, day(9), { source: 'gsc' }),
      ]);
      const { links } = await store.dump();
      expect(links.find((l) => l.sourceUrl === A)).toMatchObject({ lostAt: day(8), lostReason: 'removed' });
      expect(links.find((l) => l.sourceUrl === 'https://b.two.net/')).toMatchObject({
        lostAt: null,
        lastSeen: day(9),
      });
    });

    it('matches the reference store on random histories', async () => {
      for (const seed of [11, 12, 13]) {
        const inputs = randomScenario(seed, 20, 4);
        const other = await open();
        try {
          await feed(other, inputs);
          expect(await other.dump()).toEqual(await reference(inputs));
        } finally {
          await other.close();
        }
      }
    });

    it('keeps each link its own target when the pages of one batch share thousands of them', async () => {
      // 30 pages on 3 sites, each linking to 120 of 3,000 targets on 40 hosts: every target is shared by
      // pages of the batch, and there are more distinct targets than one DuckDB chunk holds (2,048).
      const inputs = Array.from({ length: 30 }, (_, p) =>
        capture(
          `https://site${p % 3}.example/page-${p}`,
          day(1),
          Array.from({ length: 120 }, (_, j) => {
            const t = (p * 97 + j * 25) % 3000;
            const target = `https://h${t % 40}.target-${t % 7}.org/${t % 5 === 0 ? 'käse/' : ''}article-${t}`;
            return j % 9 === 0 ? nofollow(target, { anchor: `a${t}` }) : link(target, { anchor: `a${t}` });
          }),
        ),
      );
      await feed(store, inputs, 1_000_000);
      const ref = new MemoryLedgerStore();
      await feed(ref, inputs, 1_000_000);
      const { links } = await store.dump();
      expect(links).toHaveLength(3600);
      expect(links).toEqual((await ref.dump()).links);
      for (const l of links) expect(l.anchor).toBe(`a${/article-(\d+)$/.exec(String(l.targetUrl))![1]}`);
    });

    it('writes a batch atomically: a stale plan rejects the whole batch', async () => {
      await feed(store, [capture(A, day(1), [link(T)])]);
      const before = await store.dump();
      const fresh = planPage(
        'https://new.example.org/',
        null,
        [capture('https://new.example.org/', day(2), [link(T)])],
        [],
        PLAN_CTX,
      );
      const stale = planPage(A, null, [capture(A, day(2), [link(T)])], [], PLAN_CTX);
      await expect(store.commit({ plans: [fresh, stale], run: null })).rejects.toThrow();
      expect(await store.dump()).toEqual(before);
      await feed(store, [capture('https://new.example.org/', day(2), [link(T)])]);
      expect((await store.counts()).pages).toBe(2);
    });

    it('saves import runs, with the batch that they checkpoint', async () => {
      const run = importRun();
      await store.saveImportRun(run);
      await store.commit({ plans: [], run: { ...run, checkpoint: { offset: 120, line: 4 } } });
      await store.saveImportRun({ ...run, id: 'r-2', key: 'other', startedAt: day(2) });
      expect((await store.importRuns('k')).map((r) => [r.id, r.checkpoint])).toEqual([
        ['r-1', { offset: 120, line: 4 }],
      ]);
      expect((await store.importRuns()).map((r) => r.id)).toEqual(['r-1', 'r-2']);
      expect((await store.counts()).importRuns).toBe(2);
    });

    it('reads plans produced as it reads them once, in order, and the run only after the last plan', async () => {
      const urls = ['https://one.example.org/', 'https://two.example.org/', 'https://three.example.org/'];
      const snapshot = importRun({ id: 'r-lazy', source: 'crawl', format: 'warc', input: 'x.warc' });
      const planned: string[] = [];
      function* plans() {
        for (const url of urls) {
          planned.push(url);
          yield planPage(url, null, [capture(url, day(2), [link(T), link(`${url}about`)])], [], PLAN_CTX);
        }
        // What a writer does once every page is planned: the checkpoint covers them all.
        snapshot.checkpoint = { offset: 300, line: 3 };
      }
      await store.commit({ plans: plans(), run: snapshot });
      expect(planned).toEqual(urls);
      expect((await store.importRuns('k')).map((r) => r.checkpoint)).toEqual([{ offset: 300, line: 3 }]);
      const { pages, links } = await store.dump();
      expect(pages.map((p) => p.url).sort()).toEqual([...urls].sort());
      expect(links.filter((l) => l.targetUrl === T)).toHaveLength(3);
    });

    it('lets plans wait for an earlier commit and read what it wrote through loadCommittedPageStates', async () => {
      const shared = 'https://shared.example.org/';
      const other = 'https://other.example.org/';
      const first = store.commit({
        plans: [planPage(shared, null, [capture(shared, day(1), [link(T), link(`${T}a`)])], [], PLAN_CTX)],
        run: null,
      });
      const read: string[] = [];
      async function* plans() {
        read.push(other);
        yield planPage(other, null, [capture(other, day(2), [link(T)])], [], PLAN_CTX);
        await first; // a page the earlier batch holds: planned from what it committed
        const states = await store.loadCommittedPageStates([shared]);
        read.push(shared);
        yield planPage(shared, states.get(shared)!, [capture(shared, day(2), [link(T)])], [], PLAN_CTX);
      }
      const second = store.commit({ plans: plans(), run: null }, { after: first });
      // Work queued meanwhile waits for the batch being written: it must not hold up that read (through
      // the DuckDB store's turns, the read would wait for it, and so for itself).
      const counted = store.counts();
      await second;
      await counted;
      expect(read).toEqual([other, shared]);
      const states = await store.loadCommittedPageStates([shared, other, 'https://absent.example.org/']);
      expect(states).toEqual(await store.loadPageStates([shared, other]));
      expect([...states.keys()].sort()).toEqual([other, shared]);
      const { links } = await store.dump();
      expect(
        links
          .filter((l) => l.sourceUrl === shared)
          .map((l) => [l.targetUrl, l.lostReason])
          .sort(),
      ).toEqual([
        [T, null],
        [`${T}a`, 'removed'],
      ]);
    });

    it('keeps any text in a run as it was given (quotes, backslashes, newlines, any script)', async () => {
      const input = `it's a "file" \\ with\nnewlines; DROP TABLE links; -- \u0000 ✓ 日本`;
      const run = importRun({
        id: "r-'1'",
        key: "k'; --",
        input,
        status: 'failed',
        error: `bad 'quote' \\`,
      });
      await store.commit({ plans: [], run });
      await store.saveImportRun({ ...run, id: 'r-2' });
      expect(await store.importRuns("k'; --")).toEqual([run, { ...run, id: 'r-2' }]);
      expect((await store.counts()).links).toBe(0);
    });

    it('lists sources with their link counts', async () => {
      await feed(store, [
        capture(A, day(1), [link(T), link('https://x.org/')]),
        observation(A, T, day(2), { source: 'gsc' }),
      ]);
      expect(await store.sources()).toEqual([
        { source: 'crawl', links: 2 },
        { source: 'gsc', links: 1 },
      ]);
    });

    it('keeps the ledger intact through optimize()', async () => {
      const inputs = randomScenario(5);
      await feed(store, inputs);
      const before = await store.dump();
      await store.optimize();
      expect(await store.dump()).toEqual(before);
      await feed(store, [capture(A, day(400), [link(T)])]);
      expect(await linkOf(T)).toMatchObject({ lastSeen: day(400) });
    });
  });
}
