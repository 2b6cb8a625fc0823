/**
 * The page side of the LedgerStore contract: broken target pages (latest capture 4xx) with the links to
 * them, the facts of source pages for the quality score, and linking pages per referring domain. Run against
 * every store by the runner files beside it; random ledgers are compared in change-store.contract.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FilterOptions, linkFilter, type Scope, targetSelector } from '../../src/core/ledger/query.ts';
import type { LedgerStore } from '../../src/core/ledger/store.ts';
import { capture, day, feed, link, nofollow, observation } from './ledger-fixtures.ts';
import type { StoreFactory } from './ledger-store.contract.ts';

const filter = (target: string, scope: Scope = 'domain', options: FilterOptions = {}) =>
  linkFilter(targetSelector(target, scope), options);

export function describePageStoreContract(name: string, open: StoreFactory): void {
  describe(`LedgerStore page contract: ${name}`, () => {
    let store: LedgerStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('lists broken target pages (latest capture 4xx) with their live links and best linking pages', async () => {
      await feed(store, [
        capture('https://acme.com/old', day(1), [link('https://acme.com/')]),
        capture('https://acme.com/old', day(30), [], { status: 404 }),
        capture('https://acme.com/moved', day(30), [], { status: 410 }),
        capture('https://acme.com/back', day(5), [], { status: 404 }),
        capture('https://acme.com/back', day(30), []),
        capture('https://acme.com/flaky', day(30), [], { status: 503 }),
        capture('https://blog.one.org/a', day(10), [
          nofollow('https://acme.com/old', { anchor: 'nf' }),
          link('https://acme.com/back'),
          link('https://acme.com/flaky'),
        ]),
        capture('https://blog.one.org/b', day(11), [
          link('https://acme.com/old', { anchor: 'footer', placement: 'footer' }),
        ]),
        capture('https://www.two.net/c', day(12), [
          link('https://acme.com/old', { anchor: 'best' }),
          link('https://acme.com/moved'),
        ]),
        capture('https://three.co.uk/d', day(13), [link('https://acme.com/old', { anchor: 'gone soon' })]),
        capture('https://three.co.uk/d', day(14), []),
        capture('https://acme.com/home', day(15), [link('https://acme.com/old')]),
      ]);
      const q = { ...filter('acme.com'), limit: 10, offset: 0, bestPages: 2 };
      const rows = await store.brokenPages(q);
      expect(rows).toEqual([
        {
          targetUrl: 'https://acme.com/old',
          status: 404,
          checkedAt: day(30),
          links: 3,
          dofollowLinks: 2,
          refdomains: 2,
          firstSeen: day(10),
          lastSeen: day(12),
          best: [
            {
              sourceUrl: 'https://www.two.net/c',
              sourceDomain: 'two.net',
              anchor: 'best',
              kind: 'a',
              followed: true,
              placement: 'content',
              firstSeen: day(12),
            },
            {
              sourceUrl: 'https://blog.one.org/b',
              sourceDomain: 'one.org',
              anchor: 'footer',
              kind: 'a',
              followed: true,
              placement: 'footer',
              firstSeen: day(11),
            },
          ],
        },
        {
          targetUrl: 'https://acme.com/moved',
          status: 410,
          checkedAt: day(30),
          links: 1,
          dofollowLinks: 1,
          refdomains: 1,
          firstSeen: day(12),
          lastSeen: day(12),
          best: [expect.objectContaining({ sourceUrl: 'https://www.two.net/c' })],
        },
      ]);
      expect((await store.brokenPages({ ...q, offset: 1 })).map((r) => r.targetUrl)).toEqual([
        'https://acme.com/moved',
      ]);
      const internal = await store.brokenPages({
        ...q,
        ...filter('acme.com', 'domain', { includeInternal: true }),
      });
      expect(internal[0]).toMatchObject({ targetUrl: 'https://acme.com/old', links: 4, refdomains: 3 });
      expect(await store.brokenPages({ ...q, ...filter('other.org') })).toEqual([]);
    });

    it('gives page facts with live outlinks, and linking pages per referring domain', async () => {
      await feed(store, [
        capture(
          'https://blog.one.org/a',
          day(1),
          [
            link('https://acme.com/'),
            nofollow('https://acme.com/x'),
            link('https://blog.one.org/about'),
            link('https://www.one.org/', { kind: 'img' }),
            link('https://gone.example/'),
          ],
          { title: 'A post', lang: 'en', canonical: 'https://blog.one.org/a', textDigest: 'abc123' },
        ),
        capture(
          'https://blog.one.org/a',
          day(2),
          [
            link('https://acme.com/'),
            nofollow('https://acme.com/x'),
            link('https://blog.one.org/about'),
            link('https://www.one.org/', { kind: 'img' }),
          ],
          { title: 'A post', lang: 'en', canonical: 'https://blog.one.org/a', textDigest: 'abc123' },
        ),
        capture('https://blog.one.org/b', day(1), [link('https://acme.com/y')]),
        capture('https://blog.one.org/c', day(1), [link('https://acme.com/y'), link('https://acme.com/z')]),
        capture('https://www.two.net/d', day(1), [link('https://acme.com/')]),
        capture('https://www.two.net/d', day(2), [], { status: 404 }),
        observation('https://forum.four.io/t', 'https://acme.com/', day(3)),
      ]);
      const facts = await store.pageFacts([
        'https://blog.one.org/a',
        'https://forum.four.io/t',
        'https://www.two.net/d',
        'https://missing.example/',
      ]);
      expect([...facts.keys()].sort()).toEqual([
        'https://blog.one.org/a',
        'https://forum.four.io/t',
        'https://www.two.net/d',
      ]);
      expect(facts.get('https://blog.one.org/a')).toEqual({
        status: 200,
        state: 'live',
        lang: 'en',
        title: 'A post',
        canonical: 'https://blog.one.org/a',
        textDigest: 'abc123',
        analyticsIds: [],
        remoteAddress: null,
        outlinks: 4,
        externalOutlinks: 2,
      });
      expect(facts.get('https://forum.four.io/t')).toEqual({
        status: null,
        state: null,
        lang: null,
        title: null,
        canonical: null,
        textDigest: null,
        analyticsIds: [],
        remoteAddress: null,
        outlinks: 1,
        externalOutlinks: 1,
      });
      expect(facts.get('https://www.two.net/d')).toMatchObject({ status: 404, state: 'gone', outlinks: 0 });
      expect((await store.pageFacts([])).size).toBe(0);
      const perDomain = await store.linkingPagesPerDomain(filter('acme.com'));
      expect(new Map([...perDomain].sort())).toEqual(
        new Map([
          ['four.io', 1],
          ['one.org', 3],
        ]),
      );
      const all = await store.linkingPagesPerDomain(filter('acme.com', 'domain', { status: 'all' }));
      expect(all.get('two.net')).toBe(1);
    });

    it('keeps analytics ids and the remote address, through captures without them, until the page goes', async () => {
      const A = 'https://blog.one.org/a';
      const B = 'https://www.two.net/b';
      const C = 'https://three.co.uk/c';
      const ids = ['UA-1234567-1', 'G-ABCDEF12', 'ca-pub-1234567890123456'];
      await feed(store, [
        capture(A, day(1), [link('https://acme.com/')], { analyticsIds: ids, remoteAddress: '198.51.100.7' }),
        capture(B, day(1), [link('https://acme.com/')], {
          analyticsIds: ['GTM-AB12CD'],
          remoteAddress: '2001:db8::1',
        }),
        capture(C, day(1), [link('https://acme.com/')], {
          analyticsIds: ['AW-1234567'],
          remoteAddress: '192.0.2.1',
        }),
      ]);
      const pageOf = async (url: string) => (await store.dump()).pages.find((p) => p.url === url);
      expect(await pageOf(A)).toMatchObject({
        analyticsIds: 'G-ABCDEF12 UA-1234567-1 ca-pub-1234567890123456',
        remoteAddress: '198.51.100.7',
      });
      // A (WARC-like) capture without them keeps them; one that says "none" clears the ids only; a gone page
      // loses both.
      await feed(store, [
        capture(A, day(2), [link('https://acme.com/')], { title: 'again' }),
        capture(B, day(2), [link('https://acme.com/')], { analyticsIds: [] }),
        capture(C, day(2), [], { status: 404 }),
      ]);
      expect(await pageOf(A)).toMatchObject({
        title: 'again',
        analyticsIds: 'G-ABCDEF12 UA-1234567-1 ca-pub-1234567890123456',
        remoteAddress: '198.51.100.7',
      });
      expect(await pageOf(B)).toMatchObject({ analyticsIds: null, remoteAddress: '2001:db8::1' });
      expect(await pageOf(C)).toMatchObject({ analyticsIds: null, remoteAddress: null });
      const facts = await store.pageFacts([A, B, C]);
      expect(facts.get(A)).toMatchObject({
        analyticsIds: ['G-ABCDEF12', 'UA-1234567-1', 'ca-pub-1234567890123456'],
        remoteAddress: '198.51.100.7',
      });
      expect(facts.get(B)).toMatchObject({ analyticsIds: [], remoteAddress: '2001:db8::1' });
      expect(facts.get(C)).toMatchObject({ analyticsIds: [], remoteAddress: null });
    });
  });
}
