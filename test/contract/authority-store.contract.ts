/**
 * The authority side of the LedgerStore contract (what `linkledger rank` and `whatif` need): streaming the
 * link graph, and saving / reading the scores of a rank run per level. Run against every store by the
 * runner files beside it, like the ledger contract.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthorityRun, GraphLink, LevelScores } from '../../src/core/ledger/authority.ts';
import type { LedgerStore } from '../../src/core/ledger/store.ts';
import { capture, day, feed, link, nofollow } from './ledger-fixtures.ts';
import type { StoreFactory } from './ledger-store.contract.ts';

const A = 'https://blog.one.org/post';
const B = 'https://news.two.net/item';

const run = (rankedAt: number): AuthorityRun => ({
  rankedAt,
  dofollowOnly: false,
  includeTechnical: false,
  linksRead: 3,
  linksUsed: 2,
  levels: {
    page: { nodes: 3, edges: 2, iterations: 12, residual: 1e-11, converged: true },
    host: { nodes: 3, edges: 2, iterations: 10, residual: 1e-11, converged: true },
    domain: { nodes: 3, edges: 2, iterations: 9, residual: 1e-11, converged: true },
  },
});

const level = (l: LevelScores['level'], entries: [string, number, number][]): LevelScores => ({
  level: l,
  keys: entries.map((e) => e[0]),
  ranks: Float64Array.from(entries.map((e) => e[1])),
  scores: Float64Array.from(entries.map((e) => e[2])),
});

async function graphOf(store: LedgerStore): Promise<GraphLink[]> {
  const all: GraphLink[] = [];
  const count = await store.linkGraph((batch) => all.push(...batch));
  expect(count).toBe(all.length);
  return all.sort((a, b) =>
    `${a.sourceUrl} ${a.targetUrl} ${a.followed}`.localeCompare(
      `${b.sourceUrl} ${b.targetUrl} ${b.followed}`,
    ),
  );
}

export function describeAuthorityStoreContract(name: string, open: StoreFactory): void {
  describe(`LedgerStore authority contract: ${name}`, () => {
    let store: LedgerStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('streams every link as an edge with its follow state, kind and liveness', async () => {
      expect(await graphOf(store)).toEqual([]);
      await feed(store, [
        capture(A, day(1), [
          link('https://acme.com/'),
          nofollow('https://acme.com/x'),
          link('https://old.example/', { kind: 'iframe' }),
        ]),
        capture(A, day(2), [link('https://acme.com/'), nofollow('https://acme.com/x')]),
        capture(B, day(1), [link(A)]),
      ]);
      expect(await graphOf(store)).toEqual([
        { sourceUrl: A, targetUrl: 'https://acme.com/', followed: true, kind: 'a', live: true },
        { sourceUrl: A, targetUrl: 'https://acme.com/x', followed: false, kind: 'a', live: true },
        { sourceUrl: A, targetUrl: 'https://old.example/', followed: true, kind: 'iframe', live: false },
        { sourceUrl: B, targetUrl: A, followed: true, kind: 'a', live: true },
      ]);
    });

    it('has no authority before a rank run', async () => {
      expect(await store.authorityRun()).toBeNull();
      expect(await store.topAuthority('page')).toEqual([]);
      expect((await store.authorityOf('domain', ['one.org'])).size).toBe(0);
    });

    it('saves the scores of a run per level and reads them back by key and best first', async () => {
      await store.saveAuthority(run(day(3)), [
        level('page', [
          [A, 0.2, 10],
          [B, 0.5, 100],
          ['https://acme.com/', 0.3, 42.5],
        ]),
        level('host', [['blog.one.org', 0.6, 100]]),
        level('domain', [
          ['one.org', 0.25, 50],
          ['two.net', 0.25, 50],
          ['acme.com', 0.5, 100],
        ]),
      ]);
      expect(await store.authorityRun()).toEqual(run(day(3)));
      expect(await store.topAuthority('page')).toEqual([
        { key: B, rank: 0.5, score: 100 },
        { key: 'https://acme.com/', rank: 0.3, score: 42.5 },
        { key: A, rank: 0.2, score: 10 },
      ]);
      // ties broken by key, and the limit applies after sorting
      expect((await store.topAuthority('domain', 2)).map((s) => s.key)).toEqual(['acme.com', 'one.org']);
      const found = await store.authorityOf('page', [A, 'https://missing.example/', A]);
      expect([...found]).toEqual([[A, { key: A, rank: 0.2, score: 10 }]]);
      // levels are apart: a page URL is not a host key
      expect((await store.authorityOf('host', [A])).size).toBe(0);
      expect(await store.authorityOf('host', ['blog.one.org'])).toEqual(
        new Map([['blog.one.org', { key: 'blog.one.org', rank: 0.6, score: 100 }]]),
      );
    });

    it('replaces the previous run whole', async () => {
      await store.saveAuthority(run(day(3)), [
        level('page', [[A, 1, 100]]),
        level('host', [['a.org', 1, 100]]),
      ]);
      await store.saveAuthority(run(day(4)), [level('page', [[B, 1, 100]])]);
      expect((await store.authorityRun())?.rankedAt).toBe(day(4));
      expect(await store.topAuthority('page')).toEqual([{ key: B, rank: 1, score: 100 }]);
      expect(await store.topAuthority('host')).toEqual([]);
    });

    it('rejects a level whose columns differ in length, keeping the stored run', async () => {
      await store.saveAuthority(run(day(3)), [level('page', [[A, 1, 100]])]);
      const bad: LevelScores = {
        level: 'page',
        keys: [B],
        ranks: new Float64Array(2),
        scores: new Float64Array(1),
      };
      await expect(store.saveAuthority(run(day(4)), [bad])).rejects.toThrow(/ranks/);
      expect((await store.authorityRun())?.rankedAt).toBe(day(3));
      expect(await store.topAuthority('page')).toEqual([{ key: A, rank: 1, score: 100 }]);
    });

    it('keeps the scores through optimize()', async () => {
      await feed(store, [capture(B, day(1), [link(A)])]);
      await store.saveAuthority(run(day(3)), [level('page', [[A, 0.7, 100]])]);
      await store.optimize();
      expect(await store.topAuthority('page')).toEqual([{ key: A, rank: 0.7, score: 100 }]);
      expect((await store.authorityRun())?.rankedAt).toBe(day(3));
    });
  });
}
