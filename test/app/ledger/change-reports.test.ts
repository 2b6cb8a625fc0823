/**
 * The change and competition reports over the reference store: history fills empty periods and keeps
 * running totals (also before --since), gap checks its competitors and has a relevance hook, broken pages
 * carry the linking domains' authority.
 */
import { describe, expect, it } from 'vitest';
import { MemoryLedgerStore } from '../../../src/adapters/store-memory/memory-store.ts';
import { reportBrokenPages } from '../../../src/app/ledger/broken.ts';
import { reportGap } from '../../../src/app/ledger/gap.ts';
import { reportHistory } from '../../../src/app/ledger/history.ts';
import { rankLedger } from '../../../src/app/ledger/rank-ledger.ts';
import { UsageError } from '../../../src/core/errors.ts';
import { capture, day, feed, link, nofollow } from '../../contract/ledger-fixtures.ts';

// day(0) is Monday 2024-01-01.
async function historyStore() {
  const store = new MemoryLedgerStore();
  await feed(store, [
    capture('https://blog.one.org/a', day(3), [link('https://acme.com/')]),
    capture('https://blog.one.org/a', day(65), [nofollow('https://acme.com/')]),
    capture('https://www.two.net/b', day(40), [link('https://acme.com/x')]),
    capture('https://www.two.net/b', day(70), [], { status: 404 }),
  ]);
  return store;
}

describe('reportHistory', () => {
  it('lists every period up to now with the running live totals', async () => {
    const store = await historyStore();
    const rows = await reportHistory(store, { target: 'acme.com', now: Date.UTC(2024, 4, 20) });
    expect(
      rows.map((r) => [r.period.slice(0, 7), r.newLinks, r.lostLinks, r.liveLinks, r.liveRefdomains]),
    ).toEqual([
      ['2024-01', 1, 0, 1, 1],
      ['2024-02', 1, 0, 2, 2],
      ['2024-03', 1, 2, 1, 1],
      ['2024-04', 0, 0, 1, 1],
      ['2024-05', 0, 0, 1, 1],
    ]);
    expect(rows[2]).toMatchObject({
      period: '2024-03-01T00:00:00.000Z',
      lostByReason: { 'became-nofollow': 1, 'page-gone': 1, removed: 0 },
      relChanges: 1,
      newRefdomains: 0,
      lostRefdomains: 1,
    });
  });

  it('starts at --since with the totals of everything before it, by week or day', async () => {
    const store = await historyStore();
    const weeks = await reportHistory(store, {
      target: 'acme.com',
      by: 'week',
      since: '2024-03-06',
      now: day(75),
    });
    // Wednesday 2024-03-06 is in the week of Monday 2024-03-04 (day 63)
    expect(weeks.map((w) => [w.period.slice(0, 10), w.newLinks, w.lostLinks, w.liveLinks])).toEqual([
      ['2024-03-04', 1, 1, 2],
      ['2024-03-11', 0, 1, 1],
    ]);
    const days = await reportHistory(store, { target: 'acme.com', by: 'day', since: day(69), now: day(71) });
    expect(days.map((d) => [d.period.slice(0, 10), d.lostLinks, d.liveLinks])).toEqual([
      ['2024-03-10', 0, 2],
      ['2024-03-11', 1, 1],
      ['2024-03-12', 0, 1],
    ]);
    expect(await reportHistory(store, { target: 'nobody.example', now: day(75) })).toEqual([]);
    await expect(reportHistory(store, { target: 'acme.com', since: 'soon', now: day(75) })).rejects.toThrow(
      UsageError,
    );
  });
});

async function gapStore() {
  const store = new MemoryLedgerStore();
  await feed(store, [
    capture('https://a.org/', day(1), [link('https://rival.com/'), link('https://other.com/')]),
    capture('https://b.org/', day(2), [link('https://rival.com/')]),
    capture('https://c.org/', day(3), [link('https://rival.com/'), link('https://acme.com/')]),
  ]);
  return store;
}

describe('reportGap', () => {
  it('names the competitors each domain links to, with links per competitor', async () => {
    const store = await gapStore();
    const rows = await reportGap(store, {
      target: 'acme.com',
      competitors: ['https://www.rival.com/', 'other.com'],
    });
    expect(rows).toEqual([
      {
        domain: 'a.org',
        competitors: ['rival.com', 'other.com'],
        competitorCount: 2,
        links: 2,
        linksPerCompetitor: { 'rival.com': 1, 'other.com': 1 },
        authority: null,
        firstSeen: new Date(day(1)).toISOString(),
        relevance: null,
      },
      {
        domain: 'b.org',
        competitors: ['rival.com'],
        competitorCount: 1,
        links: 1,
        linksPerCompetitor: { 'rival.com': 1, 'other.com': 0 },
        authority: null,
        firstSeen: new Date(day(2)).toISOString(),
        relevance: null,
      },
    ]);
  });

  it('refuses no competitor, a competitor twice, the target as competitor and K out of range', async () => {
    const store = await gapStore();
    const gap = (competitors: string[], min?: number) =>
      reportGap(store, { target: 'acme.com', competitors, ...(min === undefined ? {} : { min }) });
    await expect(gap([])).rejects.toThrow(/at least one --competitor/);
    await expect(gap(['rival.com', 'www.rival.com'])).rejects.toThrow(/given twice: rival.com/);
    await expect(gap(['www.acme.com'])).rejects.toThrow(/its own competitor/);
    await expect(gap(['rival.com'], 2)).rejects.toThrow(/--min must be an integer from 1 to 1/);
  });

  it('ranks by relevance after competitors and before authority when a scorer is given', async () => {
    const store = await gapStore();
    await feed(store, [capture('https://d.org/', day(4), [link('https://rival.com/')])]);
    await rankLedger(store, { now: day(5) });
    const relevance = async () =>
      new Map([
        ['d.org', 0.9],
        ['b.org', 0.2],
      ]);
    const rows = await reportGap(store, {
      target: 'acme.com',
      competitors: ['rival.com', 'other.com'],
      relevance,
    });
    expect(rows.map((r) => [r.domain, r.relevance])).toEqual([
      ['a.org', null],
      ['d.org', 0.9],
      ['b.org', 0.2],
    ]);
    expect(rows.every((r) => typeof r.authority === 'number')).toBe(true);
    const paged = await reportGap(store, {
      target: 'acme.com',
      competitors: ['rival.com', 'other.com'],
      relevance,
      limit: 1,
      offset: 1,
    });
    expect(paged.map((r) => r.domain)).toEqual(['d.org']);
  });
});

describe('reportBrokenPages', () => {
  it('lists live external links to 4xx target pages with the linking domains’ authority', async () => {
    const store = new MemoryLedgerStore();
    await feed(store, [
      capture('https://acme.com/gone', day(5), [], { status: 404 }),
      capture('https://hub.org/', day(1), [link('https://acme.com/gone'), link('https://fan.org/')]),
      capture('https://fan.org/', day(1), [link('https://hub.org/')]),
    ]);
    await rankLedger(store, { now: day(6) });
    const [row, ...rest] = await reportBrokenPages(store, { target: 'acme.com' });
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      targetUrl: 'https://acme.com/gone',
      status: 404,
      checkedAt: new Date(day(5)).toISOString(),
      refdomains: 1,
      links: 1,
    });
    const score = (await store.authorityOf('domain', ['hub.org'])).get('hub.org')!.score;
    expect(row!.bestLinks).toEqual([
      {
        sourceUrl: 'https://hub.org/',
        sourceDomain: 'hub.org',
        anchor: 'anchor',
        kind: 'a',
        dofollow: true,
        placement: 'content',
        firstSeen: new Date(day(1)).toISOString(),
        sourceDomainAuthority: Math.round(score * 10) / 10,
      },
    ]);
  });
});
