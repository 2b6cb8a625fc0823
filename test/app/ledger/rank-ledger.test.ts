/**
 * `rankLedger` on small hand-made ledgers where the expected order is clear: a domain many domains link to
 * outranks one linked by a single domain; a nofollow link gives nothing with `dofollowOnly`; links to
 * technical hosts (fonts, CDNs, share buttons) stay out of the graph unless asked for; lost links and
 * non-hyperlink kinds never vote.
 */
import { describe, expect, it } from 'vitest';
import { MemoryLedgerStore } from '../../../src/adapters/store-memory/memory-store.ts';
import { rankLedger } from '../../../src/app/ledger/rank-ledger.ts';
import type { AuthorityLevel } from '../../../src/core/ledger/authority.ts';
import type { LedgerStore } from '../../../src/core/ledger/store.ts';
import { technicalMatcher } from '../../../src/core/ledger/technical-hosts.ts';
import { capture, day, feed, link, nofollow } from '../../contract/ledger-fixtures.ts';

const NOW = day(10);

async function score(store: LedgerStore, level: AuthorityLevel, key: string): Promise<number | null> {
  return (await store.authorityOf(level, [key])).get(key)?.score ?? null;
}

/** popular.com is linked from five domains, lonely.com from one; both link nowhere. */
async function ledger(): Promise<MemoryLedgerStore> {
  const store = new MemoryLedgerStore();
  const fans = [1, 2, 3, 4, 5].map((i) =>
    capture(`https://fan${i}.org/post`, day(1), [link('https://popular.com/')]),
  );
  await feed(store, [
    ...fans,
    capture('https://solo.net/page', day(1), [link('https://lonely.com/')]),
    capture('https://popular.com/', day(1), [link('https://popular.com/about')]),
  ]);
  return store;
}

describe('rankLedger', () => {
  it('ranks a domain linked by many domains above one linked by one, and saves the run', async () => {
    const store = await ledger();
    const { run, top } = await rankLedger(store, { now: NOW });
    expect(run).toMatchObject({
      rankedAt: NOW,
      dofollowOnly: false,
      includeTechnical: false,
      linksRead: 7,
      linksUsed: 7,
    });
    expect(run.levels.page).toMatchObject({ nodes: 9, edges: 7, converged: true });
    expect(run.levels.domain).toMatchObject({ nodes: 8, converged: true });
    expect(await store.authorityRun()).toEqual(run);
    expect(top.domain[0]).toMatchObject({ key: 'popular.com', score: 100 });
    expect(top.host[0]!.key).toBe('popular.com');
    expect(top.page.map((s) => s.key).slice(0, 2)).toEqual([
      'https://popular.com/about',
      'https://popular.com/',
    ]);
    const popular = (await score(store, 'domain', 'popular.com'))!;
    const lonely = (await score(store, 'domain', 'lonely.com'))!;
    expect(popular).toBeGreaterThan(lonely);
    expect(lonely).toBeGreaterThan((await score(store, 'domain', 'fan1.org'))!);
    expect(await score(store, 'domain', 'fan1.org')).toBe(0);
    // raw ranks of a level are a probability vector
    const ranks = (await store.topAuthority('domain')).reduce((sum, s) => sum + s.rank, 0);
    expect(ranks).toBeCloseTo(1, 9);
  });

  it('counts a nofollow link by default and gives it nothing with dofollowOnly', async () => {
    const store = await ledger();
    await feed(store, [capture('https://nf.org/', day(1), [nofollow('https://target.com/')])]);
    await rankLedger(store, { now: NOW });
    expect(await score(store, 'domain', 'target.com')).toBeGreaterThan(0);
    const { run } = await rankLedger(store, { now: NOW, dofollowOnly: true });
    expect(run).toMatchObject({ dofollowOnly: true, linksRead: 8, linksUsed: 7 });
    expect((await score(store, 'domain', 'target.com')) ?? 0).toBe(0);
    expect((await score(store, 'page', 'https://target.com/')) ?? 0).toBe(0);
  });

  it('leaves technical hosts and share buttons out unless asked for', async () => {
    const store = await ledger();
    const buttons = [1, 2, 3, 4, 5, 6].map((i) =>
      capture(`https://site${i}.org/`, day(1), [
        link('https://fonts.googleapis.com/css?family=Roboto'),
        link('https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fsite.org'),
        link('https://cdnjs.cloudflare.com/ajax/libs/jquery.js'),
        link('https://www.facebook.com/acme'),
      ]),
    );
    await feed(store, buttons);
    const { run } = await rankLedger(store, { now: NOW });
    expect(run.linksUsed).toBe(7 + 6); // the six real links to facebook.com/acme stay
    expect(await score(store, 'host', 'fonts.googleapis.com')).toBeNull();
    expect(await score(store, 'host', 'cdnjs.cloudflare.com')).toBeNull();
    expect(
      await score(store, 'page', 'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fsite.org'),
    ).toBeNull();
    expect(await score(store, 'domain', 'facebook.com')).toBe(100);

    const all = await rankLedger(store, { now: NOW, includeTechnical: true });
    expect(all.run).toMatchObject({ includeTechnical: true, linksUsed: 7 + 24 });
    expect(await score(store, 'host', 'fonts.googleapis.com')).toBeGreaterThan(0);
    expect(await score(store, 'host', 'fonts.googleapis.com')).toBeGreaterThan(
      (await score(store, 'host', 'lonely.com'))!,
    );
  });

  it('ignores lost links and kinds that are not votes', async () => {
    const store = new MemoryLedgerStore();
    await feed(store, [
      capture('https://a.org/', day(1), [link('https://gone.com/'), link('https://kept.com/')]),
      capture('https://a.org/', day(2), [
        link('https://kept.com/'),
        link('https://script.com/app.js', { kind: 'script' }),
        link('https://img.com/x.png', { kind: 'img' }),
      ]),
    ]);
    const { run } = await rankLedger(store, { now: NOW });
    expect(run).toMatchObject({ linksRead: 4, linksUsed: 1 });
    expect((await store.topAuthority('domain')).map((s) => s.key)).toEqual(['kept.com', 'a.org']);
  });
});

describe('technicalMatcher', () => {
  const technical = technicalMatcher();
  it.each([
    ['https://fonts.googleapis.com/css?family=Roboto', true],
    ['https://ssl.google-analytics.com/ga.js', true],
    ['https://securepubads.g.doubleclick.net/tag/js/gpt.js', true],
    ['http://www.facebook.com/sharer.php?u=x', true],
    ['https://twitter.com/intent/tweet?text=x', true],
    ['https://www.linkedin.com/shareArticle?mini=true', true],
    ['fonts.gstatic.com', true],
    ['https://www.facebook.com/acme', false],
    ['https://twitter.com/acme', false],
    ['https://googleapis.com.evil.example/', false],
    ['https://notunpkg.com/', false],
    ['https://example.com/fonts.googleapis.com', false],
  ])('%s -> %s', (url, expected) => {
    expect(technical(url)).toBe(expected);
  });
});
