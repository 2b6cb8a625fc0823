/**
 * Report contract: the report functions (src/app/ledger/reports.ts) over any store give the expected rows on
 * a small hand-checked ledger, and the same rows as the memory reference store on random ledgers for every
 * scope, filter, sort and page.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLedgerStore } from '../../src/adapters/store-memory/memory-store.ts';
import {
  type ReportRequest,
  reportAnchors,
  reportBacklinks,
  reportPages,
  reportProfile,
  reportRefDomains,
} from '../../src/app/ledger/reports.ts';
import { linkFilter, targetSelector } from '../../src/core/ledger/query.ts';
import type { BacklinkRow } from '../../src/core/ledger/rows.ts';
import type { LedgerStore } from '../../src/core/ledger/store.ts';
import { capture, day, feed, link, nofollow, observation, randomScenario } from './ledger-fixtures.ts';
import type { StoreFactory } from './ledger-store.contract.ts';

const HISTORY = [
  capture('https://blog.one.org/a', day(10), [
    link('https://acme.com/blue-widgets', { anchor: 'Blue Widgets' }),
    nofollow('https://acme.com/', { anchor: 'Acme', placement: 'nav' }),
    link('https://acme.com/logo.png', { kind: 'img', anchor: '' }),
  ]),
  capture('https://www.two.net/b', day(20), [
    link('https://acme.com/blue-widgets', { anchor: 'click here', placement: 'footer' }),
    link('https://www.acme.com/about', { anchor: 'https://acme.com' }),
  ]),
  capture('https://news.three.co.uk/c', day(30), [
    link('https://acme.com/blog/x', { anchor: 'best blue widgets guide' }),
  ]),
  capture('https://news.three.co.uk/c', day(40), []),
  capture('https://acme.com/internal', day(15), [
    link('https://acme.com/blue-widgets', { anchor: 'home', placement: 'nav' }),
  ]),
  capture('https://two.net/d', day(50), [link('http://acme.com/old', { anchor: 'Acme Corp' })]),
  observation('https://forum.four.io/t', 'https://acme.com/', day(60), { source: 'gsc' }),
];

export function describeReportContract(name: string, open: StoreFactory): void {
  describe(`report contract: ${name}`, () => {
    let store: LedgerStore;
    beforeEach(async () => {
      store = await open();
      await feed(store, HISTORY);
    });
    afterEach(async () => {
      await store.close();
    });

    const pairs = async (req: ReportRequest) =>
      (await reportBacklinks(store, { limit: 100, ...req })).map((r) => `${r.sourceUrl} -> ${r.targetUrl}`);

    it('lists live external hyperlinks to a domain, newest first', async () => {
      expect(await pairs({ target: 'acme.com' })).toEqual([
        'https://forum.four.io/t -> https://acme.com/',
        'https://two.net/d -> http://acme.com/old',
        'https://www.two.net/b -> https://acme.com/blue-widgets',
        'https://www.two.net/b -> https://www.acme.com/about',
        'https://blog.one.org/a -> https://acme.com/',
        'https://blog.one.org/a -> https://acme.com/blue-widgets',
      ]);
      const [first] = await reportBacklinks(store, {
        target: 'acme.com',
        limit: 1,
        sort: 'first-seen',
        order: 'asc',
      });
      expect(first).toEqual({
        sourceUrl: 'https://blog.one.org/a',
        targetUrl: 'https://acme.com/',
        anchor: 'Acme',
        rel: ['nofollow'],
        nofollow: true,
        sponsored: false,
        ugc: false,
        kind: 'a',
        placement: 'nav',
        firstSeen: new Date(day(10)).toISOString(),
        lastSeen: new Date(day(10)).toISOString(),
        lostAt: null,
        lostReason: null,
        sources: ['crawl'],
        sourceHost: 'blog.one.org',
        sourceDomain: 'one.org',
        sourceAuthority: null,
        sourceDomainAuthority: null,
      });
    });

    it('filters by scope, follow state, kind, placement, status and first-seen date', async () => {
      expect(await pairs({ target: 'https://acme.com/blue-widgets', scope: 'url' })).toHaveLength(2);
      expect(await pairs({ target: 'acme.com/blue-widgets', scope: 'url' })).toHaveLength(2);
      expect(await pairs({ target: 'https://acme.com/b', scope: 'prefix' })).toHaveLength(2);
      expect(await pairs({ target: 'www.acme.com', scope: 'host' })).toEqual([
        'https://www.two.net/b -> https://www.acme.com/about',
      ]);
      expect(await pairs({ target: 'acme.com', dofollowOnly: true })).toHaveLength(5);
      expect(await pairs({ target: 'acme.com', includeInternal: true })).toContain(
        'https://acme.com/internal -> https://acme.com/blue-widgets',
      );
      expect(await pairs({ target: 'acme.com', kinds: 'all' })).toContain(
        'https://blog.one.org/a -> https://acme.com/logo.png',
      );
      expect(await pairs({ target: 'acme.com', placements: ['content'] })).toHaveLength(3);
      expect(await pairs({ target: 'acme.com', status: 'lost' })).toEqual([
        'https://news.three.co.uk/c -> https://acme.com/blog/x',
      ]);
      expect(await pairs({ target: 'acme.com', status: 'all' })).toHaveLength(7);
      expect(await pairs({ target: 'acme.com', firstSeenSince: '2024-01-21' })).toHaveLength(4);
      const lost = await reportBacklinks(store, { target: 'acme.com', status: 'lost' });
      expect(lost[0]).toMatchObject({ lostAt: new Date(day(40)).toISOString(), lostReason: 'removed' });
    });

    it('finds and gives back target URLs of every shape, by url and by prefix', async () => {
      // Stores may keep a URL in parts (the DuckDB store cuts `scheme://host`); every shape must come back
      // whole and be found by its own URL only: ports, user info, IPv6, punycode, a look-alike longer host.
      const targets = [
        'http://shop.acme.com/a',
        'https://shop.acme.com/a',
        'https://shop.acme.com:8443/a',
        'https://user:pw@shop.acme.com/private',
        'https://[2001:db8::1]/x',
        'https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%BC',
        'https://shop.acme.com/?q=1',
        'https://shop.acme.com/',
        'https://shop.acme.com.evil.net/a',
      ];
      const shapes = await open();
      try {
        // The first capture's links take the bulk path, the later capture's new links the general one.
        const source = 'https://src.example.org/p';
        await feed(shapes, [
          capture(
            source,
            day(1),
            targets.slice(0, 5).map((t) => link(t)),
          ),
          capture(
            source,
            day(2),
            targets.map((t) => link(t)),
          ),
        ]);
        const found = async (target: string, scope: 'url' | 'prefix') =>
          (await reportBacklinks(shapes, { target, scope, includeInternal: true, limit: 100 }))
            .map((r) => r.targetUrl)
            .sort();
        for (const target of targets) expect(await found(target, 'url'), target).toEqual([target]);
        expect(await found('https://shop.acme.com/a', 'prefix')).toEqual(['https://shop.acme.com/a']);
        expect(await found('http://shop.acme.com/', 'prefix')).toEqual(['http://shop.acme.com/a']);
        expect(await found('https://shop.acme.com/', 'prefix')).toEqual([
          'https://shop.acme.com/',
          'https://shop.acme.com/?q=1',
          'https://shop.acme.com/a',
        ]);
        const pages = await reportPages(shapes, { target: 'shop.acme.com', scope: 'host', limit: 100 });
        expect(pages.map((r) => r.targetUrl).sort()).toEqual(
          targets.filter((t) => t.includes('shop.acme.com') && !t.includes('evil')).sort(),
        );
      } finally {
        await shapes.close();
      }
    });

    it('pages through results', async () => {
      const all = await pairs({ target: 'acme.com' });
      const pageTwo = (await reportBacklinks(store, { target: 'acme.com', limit: 2, offset: 2 })).map(
        (r) => `${r.sourceUrl} -> ${r.targetUrl}`,
      );
      expect(pageTwo).toEqual(all.slice(2, 4));
    });

    it('groups referring domains with their best link', async () => {
      const rows = await reportRefDomains(store, { target: 'acme.com' });
      expect(rows.map((r) => [r.domain, r.links, r.dofollowLinks])).toEqual([
        ['two.net', 3, 3],
        ['one.org', 2, 1],
        ['four.io', 1, 1],
      ]);
      expect(rows[1]!.bestLink).toEqual({
        sourceUrl: 'https://blog.one.org/a',
        targetUrl: 'https://acme.com/blue-widgets',
        anchor: 'Blue Widgets',
        kind: 'a',
        dofollow: true,
        placement: 'content',
      });
      expect(rows[0]).toMatchObject({
        firstSeen: new Date(day(20)).toISOString(),
        lastSeen: new Date(day(50)).toISOString(),
      });
    });

    it('classifies anchors', async () => {
      const report = await reportAnchors(store, { target: 'acme.com', kinds: 'all' });
      const byAnchor = Object.fromEntries(report.anchors.map((a) => [a.anchor, a.class]));
      expect(byAnchor).toEqual({
        'Blue Widgets': 'other',
        Acme: 'branded',
        'click here': 'generic',
        'https://acme.com': 'naked-url',
        'Acme Corp': 'branded',
        '': 'image',
      });
      expect(report.classes).toMatchObject({
        branded: 2,
        generic: 1,
        'naked-url': 1,
        image: 1,
        other: 1,
        empty: 1,
      });
      const exact = await reportAnchors(store, { target: 'https://acme.com/blue-widgets', scope: 'url' });
      expect(exact.anchors.map((a) => [a.anchor, a.class])).toEqual([
        ['Blue Widgets', 'exact'],
        ['click here', 'generic'],
      ]);
    });

    it('ranks the most linked pages', async () => {
      const rows = await reportPages(store, { target: 'acme.com' });
      expect(rows.map((r) => [r.targetUrl, r.refdomains, r.links])).toEqual([
        ['https://acme.com/', 2, 2],
        ['https://acme.com/blue-widgets', 2, 2],
        ['http://acme.com/old', 1, 1],
        ['https://www.acme.com/about', 1, 1],
      ]);
    });

    it('profiles a target', async () => {
      const p = await reportProfile(store, { target: 'acme.com', now: day(70) });
      expect(p).toMatchObject({
        links: { total: 7, live: 6, lost: 1 },
        dofollowLinks: 5,
        refdomains: 3,
        refpages: 4,
        last30Days: { newLinks: 2, lostLinks: 1, newRefdomains: 1, lostRefdomains: 1 },
        last90Days: { newLinks: 7, lostLinks: 1, newRefdomains: 4, lostRefdomains: 1 },
      });
      expect(p.dofollowShare).toBeCloseTo(5 / 6);
      expect(p.topDomains[0]).toEqual({ name: 'two.net', links: 3, refdomains: 1 });
      expect(p.tlds.map((t) => t.name)).toEqual(['net', 'org', 'io']);
      expect(p.kinds).toEqual([{ name: 'a', links: 6, refdomains: 3 }]);
    });

    it('streams a whole listing in batches, in order, with back-pressure', async () => {
      const big = await open();
      try {
        await feed(big, randomScenario(31, 2500, 1), 5000);
        for (const listing of [
          { sort: 'first-seen', order: 'desc' },
          { sort: 'source-url', order: 'asc' },
        ] as const) {
          const filter = linkFilter(targetSelector('acme.com', 'domain'), {
            includeInternal: true,
            status: 'all',
            kinds: 'all',
          });
          const expected = await big.backlinks({ ...filter, ...listing, limit: 1_000_000, offset: 0 });
          const streamed: BacklinkRow[] = [];
          const events: string[] = [];
          const total = await big.backlinkBatches({ ...filter, ...listing }, async (rows) => {
            expect(rows.length).toBeGreaterThan(0);
            events.push(`start ${rows.length}`);
            await new Promise((r) => setTimeout(r, 5));
            streamed.push(...rows);
            events.push('end');
          });
          expect(total).toBe(expected.length);
          expect(streamed).toEqual(expected);
          expect(expected.length).toBeGreaterThan(2048);
          // Each batch was handed over only after the previous one was taken.
          expect(events.filter((e) => e.startsWith('start')).length).toBeGreaterThan(1);
          expect(events.every((e, i) => (i % 2 === 0 ? e.startsWith('start') : e === 'end'))).toBe(true);
        }
      } finally {
        await big.close();
      }
    });

    it('answers like the reference store on random ledgers', async () => {
      for (const seed of [21, 22]) {
        const inputs = randomScenario(seed, 25, 3);
        const ref = new MemoryLedgerStore();
        const other = await open();
        try {
          await feed(ref, inputs);
          await feed(other, inputs);
          for (const req of requests()) {
            expect(await reportBacklinks(other, req), JSON.stringify(req)).toEqual(
              await reportBacklinks(ref, req),
            );
            expect(await reportRefDomains(other, req)).toEqual(await reportRefDomains(ref, req));
            expect(await reportAnchors(other, req)).toEqual(await reportAnchors(ref, req));
            expect(await reportPages(other, req)).toEqual(await reportPages(ref, req));
          }
          for (const target of ['acme.com', 'two.net']) {
            const q = { target, now: day(200), includeInternal: true };
            expect(await reportProfile(other, q)).toEqual(await reportProfile(ref, q));
          }
        } finally {
          await ref.close();
          await other.close();
        }
      }
    });
  });
}

function requests(): ReportRequest[] {
  const base: ReportRequest[] = [
    { target: 'acme.com' },
    { target: 'acme.com', status: 'all', includeInternal: true, kinds: 'all' },
    { target: 'acme.com', status: 'lost', order: 'asc' },
    { target: 'https://acme.com/blue-widgets', scope: 'url', status: 'all' },
    { target: 'acme.com/b', scope: 'prefix', status: 'all', includeInternal: true },
    { target: 'www.acme.com', scope: 'host', status: 'all', includeInternal: true },
    { target: 'acme.com', dofollowOnly: true, placements: ['content', 'nav'], status: 'all' },
    { target: 'acme.com', firstSeenSince: day(60), status: 'all', kinds: ['img'] },
    { target: 'acme.com', status: 'all', limit: 3, offset: 2 },
  ];
  return base;
}
