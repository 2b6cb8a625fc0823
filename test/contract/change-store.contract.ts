/**
 * The change and competition side of the LedgerStore contract: link history per period and link gap
 * against competitors on hand-checked ledgers, then random ledgers compared with the memory store (the
 * reference) for those and for the page queries of page-store.contract.ts. Run against every store by the
 * runner files beside it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLedgerStore } from '../../src/adapters/store-memory/memory-store.ts';
import type { AuthorityRun } from '../../src/core/ledger/authority.ts';
import type { GapQuery } from '../../src/core/ledger/gap.ts';
import { HISTORY_PERIODS, noReasons } from '../../src/core/ledger/history.ts';
import type { CaptureInput } from '../../src/core/ledger/model.ts';
import {
  type FilterOptions,
  linkFilter,
  REPORT_KINDS,
  type Scope,
  targetSelector,
} from '../../src/core/ledger/query.ts';
import type { LedgerStore } from '../../src/core/ledger/store.ts';
import { capture, day, feed, link, nofollow, randomScenario, rng } from './ledger-fixtures.ts';
import type { StoreFactory } from './ledger-store.contract.ts';

const filter = (target: string, scope: Scope = 'domain', options: FilterOptions = {}) =>
  linkFilter(targetSelector(target, scope), options);

/** day(0) is Monday 2024-01-01. */
const HISTORY = [
  capture('https://blog.one.org/a', day(10), [link('https://acme.com/x')]),
  capture('https://blog.one.org/a', day(40), []),
  capture('https://www.two.net/b', day(12), [link('https://acme.com/y')]),
  capture('https://www.two.net/b', day(45), [nofollow('https://acme.com/y')]),
  capture('https://news.three.co.uk/c', day(20), [link('https://acme.com/')]),
  capture('https://news.three.co.uk/c', day(50), [], { status: 404 }),
  capture('https://two.net/d', day(35), [link('https://www.acme.com/z'), link('https://other.org/')]),
  capture('https://blog.one.org/e', day(70), [link('https://acme.com/x')]),
  capture('https://acme.com/internal', day(11), [link('https://acme.com/x')]),
];

/** Many referring domains linking to the target and five rivals, gaining and losing links over months. */
function competitionScenario(seed: number): CaptureInput[] {
  const r = rng(seed);
  const sites = ['acme.com', 'www.acme.com', 'r1.com', 'www.r2.com', 'r2.com', 'r3.org', 'r4.net', 'r5.io'];
  const out: CaptureInput[] = [];
  for (let d = 0; d < 40; d++) {
    for (let p = 0; p < 1 + Math.floor(r() * 3); p++) {
      const url = `https://${r() < 0.5 ? 'www.' : ''}site${d}.example/p${p}`;
      for (let c = 0; c < 3; c++) {
        const links = sites
          .filter(() => r() < 0.3)
          .map((s) => (r() < 0.3 ? nofollow(`https://${s}/`) : link(`https://${s}/${r() < 0.5 ? 'a' : ''}`)));
        out.push(capture(url, day(c * 50 + Math.floor(r() * 49)), links, { status: r() < 0.1 ? 404 : 200 }));
      }
    }
  }
  return out;
}

const reasons = (r: Partial<ReturnType<typeof noReasons>>) => ({ ...noReasons(), ...r });

const run: AuthorityRun = {
  rankedAt: day(100),
  dofollowOnly: false,
  includeTechnical: false,
  linksRead: 0,
  linksUsed: 0,
  levels: {
    page: { nodes: 0, edges: 0, iterations: 0, residual: 0, converged: true },
    host: { nodes: 0, edges: 0, iterations: 0, residual: 0, converged: true },
    domain: { nodes: 0, edges: 0, iterations: 0, residual: 0, converged: true },
  },
};

async function rankDomains(store: LedgerStore, scores: Record<string, number>): Promise<void> {
  const keys = Object.keys(scores);
  await store.saveAuthority(run, [
    {
      level: 'domain',
      keys,
      ranks: Float64Array.from(keys.map((k) => scores[k]! / 1000)),
      scores: Float64Array.from(keys.map((k) => scores[k]!)),
    },
  ]);
}

const gapQuery = (over: Partial<GapQuery>): GapQuery => ({
  scope: 'domain',
  competitors: [],
  target: 'acme.com',
  targetDomain: 'acme.com',
  dofollowOnly: true,
  kinds: REPORT_KINDS,
  minCompetitors: 1,
  limit: 100,
  offset: 0,
  ...over,
});

export function describeChangeStoreContract(name: string, open: StoreFactory): void {
  describe(`LedgerStore change contract: ${name}`, () => {
    let store: LedgerStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('counts new and lost links (by reason) and referring domains per month', async () => {
      await feed(store, HISTORY);
      expect(await store.linkHistory({ ...filter('acme.com'), by: 'month' })).toEqual([
        {
          start: Date.UTC(2024, 0, 1),
          newLinks: 3,
          lostLinks: 0,
          lostByReason: reasons({}),
          newRefdomains: 3,
          lostRefdomains: 0,
        },
        {
          // two.net/d and the nofollow twin of www.two.net/b are new; one.org and three.co.uk lose their only link
          start: Date.UTC(2024, 1, 1),
          newLinks: 2,
          lostLinks: 3,
          lostByReason: reasons({ removed: 1, 'became-nofollow': 1, 'page-gone': 1 }),
          newRefdomains: 0,
          lostRefdomains: 2,
        },
        {
          // one.org links again: a new referring domain again
          start: Date.UTC(2024, 2, 1),
          newLinks: 1,
          lostLinks: 0,
          lostByReason: reasons({}),
          newRefdomains: 1,
          lostRefdomains: 0,
        },
      ]);
    });

    it('starts weeks on Monday and days at UTC midnight; filters apply', async () => {
      await feed(store, HISTORY);
      const weeks = await store.linkHistory({ ...filter('acme.com'), by: 'week' });
      // day(10) Thu Jan 11 and day(12) Sat Jan 13 fall in the week of Mon Jan 8; day(20) Sun Jan 21 in Jan 15's
      expect(
        weeks.slice(0, 2).map((w) => [new Date(w.start).toISOString().slice(0, 10), w.newLinks]),
      ).toEqual([
        ['2024-01-08', 2],
        ['2024-01-15', 1],
      ]);
      const days = await store.linkHistory({ ...filter('acme.com'), by: 'day' });
      expect(days.map((d) => d.start)).toEqual([10, 12, 20, 35, 40, 45, 50, 70].map(day));
      const internal = await store.linkHistory({
        ...filter('acme.com', 'domain', { includeInternal: true }),
        by: 'day',
      });
      expect(internal.find((d) => d.start === day(11))).toMatchObject({ newLinks: 1, newRefdomains: 1 });
      const host = await store.linkHistory({ ...filter('www.acme.com', 'host'), by: 'month' });
      expect(host).toEqual([
        {
          start: Date.UTC(2024, 1, 1),
          newLinks: 1,
          lostLinks: 0,
          lostByReason: reasons({}),
          newRefdomains: 1,
          lostRefdomains: 0,
        },
      ]);
      expect(await store.linkHistory({ ...filter('nobody.example'), by: 'day' })).toEqual([]);
    });

    it('lists referring domains of competitors that do not link to the target, ranked', async () => {
      await feed(store, [
        capture('https://hub.example/p', day(1), [
          link('https://rival-a.com/'),
          link('https://rival-b.com/x'),
          link('https://rival-b.com/y'),
        ]),
        capture('https://both.example/p', day(2), [
          link('https://rival-a.com/'),
          link('https://rival-b.com/'),
        ]),
        capture('https://mine.example/p', day(3), [
          link('https://rival-a.com/'),
          nofollow('https://acme.com/'),
        ]),
        capture('https://soft.example/p', day(4), [nofollow('https://rival-a.com/')]),
        capture('https://one.example/p', day(5), [link('https://rival-b.com/')]),
        capture('https://one.example/q', day(6), [link('https://rival-b.com/z')]),
        capture('https://acme.com/blog', day(7), [link('https://rival-a.com/')]),
        capture('https://gone.example/p', day(1), [link('https://rival-a.com/')]),
        capture('https://gone.example/p', day(8), []),
        capture('https://rival-a.com/partners', day(9), [
          link('https://rival-a.com/'),
          link('https://rival-b.com/'),
        ]),
      ]);
      const competitors = ['rival-a.com', 'rival-b.com'];
      const rows = await store.linkGap(gapQuery({ competitors }));
      expect(rows).toEqual([
        {
          domain: 'hub.example',
          links: [1, 2],
          competitors: 2,
          totalLinks: 3,
          firstSeen: day(1),
          authority: null,
        },
        {
          domain: 'both.example',
          links: [1, 1],
          competitors: 2,
          totalLinks: 2,
          firstSeen: day(2),
          authority: null,
        },
        {
          domain: 'one.example',
          links: [0, 2],
          competitors: 1,
          totalLinks: 2,
          firstSeen: day(5),
          authority: null,
        },
        {
          domain: 'rival-a.com',
          links: [0, 1],
          competitors: 1,
          totalLinks: 1,
          firstSeen: day(9),
          authority: null,
        },
      ]);
      expect(
        (await store.linkGap(gapQuery({ competitors, minCompetitors: 2 }))).map((r) => r.domain),
      ).toEqual(['hub.example', 'both.example']);
      // nofollow links count with dofollowOnly off; mine.example links to the target (nofollow): never a gap
      const all = await store.linkGap(gapQuery({ competitors, dofollowOnly: false }));
      expect(all.map((r) => r.domain)).toEqual([
        'hub.example',
        'both.example',
        'one.example',
        'rival-a.com',
        'soft.example',
      ]);
      // authority ranks domains linking to as many competitors; unranked ones come last
      await rankDomains(store, { 'both.example': 40, 'one.example': 10, 'rival-a.com': 20 });
      const ranked = await store.linkGap(gapQuery({ competitors }));
      expect(ranked.map((r) => [r.domain, r.authority])).toEqual([
        ['both.example', 40],
        ['hub.example', null],
        ['rival-a.com', 20],
        ['one.example', 10],
      ]);
      expect(
        (await store.linkGap(gapQuery({ competitors, limit: 2, offset: 1 }))).map((r) => r.domain),
      ).toEqual(['hub.example', 'rival-a.com']);
      const host = await store.linkGap(gapQuery({ competitors: ['rival-b.com'], scope: 'host' }));
      // every one links to one competitor here: authority decides, the unranked hub.example comes last
      expect(host.map((r) => r.domain)).toEqual([
        'both.example',
        'rival-a.com',
        'one.example',
        'hub.example',
      ]);
    });

    it('handles any number of competitors (12) with link counts per competitor', async () => {
      const rivals = Array.from({ length: 12 }, (_, i) => `rival${i + 1}.com`);
      await feed(store, [
        capture(
          'https://all.example/p',
          day(1),
          rivals.map((r) => link(`https://${r}/`)),
        ),
        capture(
          'https://five.example/p',
          day(2),
          rivals.slice(0, 5).map((r) => link(`https://${r}/`)),
        ),
        capture(
          'https://twelve-and-me.example/p',
          day(3),
          [...rivals, 'acme.com'].map((r) => link(`https://${r}/`)),
        ),
        capture('https://last.example/p', day(4), [
          link('https://rival12.com/a'),
          link('https://rival12.com/b'),
        ]),
      ]);
      const rows = await store.linkGap(gapQuery({ competitors: rivals }));
      expect(rows.map((r) => [r.domain, r.competitors, r.totalLinks])).toEqual([
        ['all.example', 12, 12],
        ['five.example', 5, 5],
        ['last.example', 1, 2],
      ]);
      expect(rows[1]!.links).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
      expect(rows[2]!.links).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
      expect(
        (await store.linkGap(gapQuery({ competitors: rivals, minCompetitors: 6 }))).map((r) => r.domain),
      ).toEqual(['all.example']);
    });

    it('matches the reference store on random ledgers', async () => {
      const ref = new MemoryLedgerStore();
      const inputs = [...randomScenario(11, 30, 4), ...randomScenario(12, 20, 3), ...competitionScenario(5)];
      await feed(ref, inputs, 5000);
      await feed(store, inputs, 5000);
      const scores = {
        'one.org': 50,
        'two.net': 20,
        'four.io': 20,
        'site3.example': 20,
        'site7.example': 90,
      };
      await rankDomains(ref, scores);
      await rankDomains(store, scores);
      let months = 0;
      for (const by of HISTORY_PERIODS) {
        for (const f of [
          filter('acme.com'),
          filter('acme.com', 'domain', { includeInternal: true, kinds: 'all' }),
          filter('acme.com', 'host', { dofollowOnly: true }),
          filter('https://acme.com/', 'prefix'),
        ]) {
          const expected = await ref.linkHistory({ ...f, by });
          expect(await store.linkHistory({ ...f, by })).toEqual(expected);
          if (by === 'month')
            months += expected.filter((b) => b.lostRefdomains > 0 && b.newRefdomains > 0).length;
        }
      }
      let gapRows = 0;
      for (const over of [
        { competitors: ['r1.com', 'r2.com', 'r3.org', 'r4.net', 'r5.io'] },
        { competitors: ['r3.org', 'r1.com', 'r5.io'], minCompetitors: 2, dofollowOnly: false },
        { competitors: ['www.r2.com', 'r2.com', 'r4.net'], scope: 'host' as const, target: 'www.acme.com' },
        { competitors: ['other.org', 'two.net'] },
        { competitors: ['other.org', 'two.net'], minCompetitors: 2, dofollowOnly: false },
        { competitors: ['two.net', 'acme.com'], target: 'other.org', targetDomain: 'other.org', kinds: null },
        { competitors: ['www.two.net', 'other.org'], scope: 'host' as const, target: 'www.acme.com' },
      ]) {
        const q = gapQuery(over);
        const expected = await ref.linkGap(q);
        gapRows += expected.length;
        expect(await store.linkGap(q)).toEqual(expected);
        expect(await store.linkGap({ ...q, limit: 2, offset: 1 })).toEqual(expected.slice(1, 3));
      }
      // the random ledgers exercise what they should: domains lost and won in the same month, gaps
      expect(months).toBeGreaterThan(2);
      expect(gapRows).toBeGreaterThan(40);
      const urls = (await ref.dump()).pages.map((p) => p.url as string);
      expect(await store.pageFacts(urls)).toEqual(await ref.pageFacts(urls));
      for (const f of [
        filter('acme.com'),
        filter('acme.com', 'domain', { status: 'all', includeInternal: true }),
      ]) {
        expect(await store.linkingPagesPerDomain(f)).toEqual(await ref.linkingPagesPerDomain(f));
      }
    });
  });
}
