/**
 * `whatIf`: adding a link from a high-authority page raises the target, removing its only link lowers it,
 * nothing is written, and the warm start (from the stored rank vectors) needs fewer iterations than a cold
 * one for the same answer.
 */
import { describe, expect, it } from 'vitest';
import { MemoryLedgerStore } from '../../../src/adapters/store-memory/memory-store.ts';
import { rankLedger } from '../../../src/app/ledger/rank-ledger.ts';
import { whatIf } from '../../../src/app/ledger/whatif.ts';
import { UsageError } from '../../../src/core/errors.ts';
import { capture, day, feed, link } from '../../contract/ledger-fixtures.ts';

const HUB = 'https://hub.org/';
const TARGET = 'https://acme.com/';

async function ranked(): Promise<MemoryLedgerStore> {
  const store = new MemoryLedgerStore();
  const fans = Array.from({ length: 8 }, (_, i) => capture(`https://fan${i}.org/`, day(1), [link(HUB)]));
  await feed(store, [
    ...fans,
    capture(HUB, day(1), [link('https://hub.org/about')]),
    capture('https://small.net/', day(1), [link(TARGET)]),
    capture(TARGET, day(1), [link('https://acme.com/shop')]),
  ]);
  await rankLedger(store, { now: day(2) });
  return store;
}

/** A seeded random ledger: `n` pages on `n / 5` hosts, each linking to a few others. */
async function randomRanked(n: number): Promise<MemoryLedgerStore> {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const url = (i: number) => `https://site${i % (n / 5)}.com/p${i}`;
  const captures = Array.from({ length: n }, (_, i) => {
    // skewed targets: low ids are linked far more often (a power-law-like graph)
    const targets = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
      url(Math.floor(n * random() ** 3)),
    );
    return capture(
      url(i),
      day(1),
      [...new Set(targets)].map((t) => link(t)),
    );
  });
  const store = new MemoryLedgerStore();
  await feed(store, captures);
  await rankLedger(store, { now: day(2) });
  return store;
}

describe('whatIf', () => {
  it('raises the target when a high-authority page links to it, without writing anything', async () => {
    const store = await ranked();
    const stored = await store.topAuthority('page');
    const result = await whatIf(store, { target: TARGET, addLinks: [HUB] });
    expect(result).toMatchObject({
      target: TARGET,
      added: [HUB],
      removed: [],
      warmStart: true,
      rankedAt: day(2),
    });
    for (const level of ['page', 'host', 'domain'] as const) {
      expect(result.moves[level].after).toBeGreaterThan(result.moves[level].before);
      expect(result.moves[level].delta).toBeCloseTo(
        result.moves[level].after - result.moves[level].before,
        12,
      );
      expect(result.runs[level].converged).toBe(true);
    }
    expect(result.moves.host.key).toBe('acme.com');
    expect(result.moves.domain.key).toBe('acme.com');
    // "before" is the stored run's score (same graph, same ranking)
    const storedTarget = stored.find((s) => s.key === TARGET)!;
    expect(result.moves.page.before).toBeCloseTo(storedTarget.score, 6);
    expect(await store.topAuthority('page')).toEqual(stored);
  });

  it('lowers the target when its only link is removed', async () => {
    const store = await ranked();
    const result = await whatIf(store, { target: 'acme.com', removeLinks: ['https://small.net/'] });
    expect(result.moves.page.before).toBeGreaterThan(0);
    // an unlinked page: only teleport and dangling rank, near the floor of the old scale
    expect(result.moves.page.after).toBeLessThan(5);
    expect(result.moves.page.rankAfter).toBeLessThan(result.moves.page.rankBefore);
    expect(result.moves.page.delta).toBeLessThan(0);
    expect(result.moves.domain.delta).toBeLessThan(0);
  });

  it('says what is wrong with an impossible change', async () => {
    const store = await ranked();
    await expect(whatIf(store, { target: TARGET, removeLinks: [HUB] })).rejects.toThrow(/no live link/);
    await expect(whatIf(store, { target: TARGET, addLinks: ['https://small.net/'] })).rejects.toThrow(
      /already links/,
    );
    await expect(whatIf(store, { target: TARGET })).rejects.toBeInstanceOf(UsageError);
    await expect(whatIf(new MemoryLedgerStore(), { target: TARGET, addLinks: [HUB] })).rejects.toThrow(
      /linkledger rank/,
    );
  });

  it('warm-starts from the stored vectors: fewer iterations than a cold start, the same answer', async () => {
    const store = await randomRanked(500);
    const top = (await store.topAuthority('page', 1))[0]!.key;
    const req = { target: 'https://site7.com/p457', addLinks: [top] };
    const warm = await whatIf(store, req);
    const cold = await whatIf(store, { ...req, warmStart: false });
    expect(warm.moves.page.delta).toBeGreaterThan(0);
    for (const level of ['page', 'host', 'domain'] as const) {
      expect(warm.runs[level].iterations).toBeLessThan(cold.runs[level].iterations);
      expect(warm.moves[level].rankAfter).toBeCloseTo(cold.moves[level].rankAfter, 9);
      expect(warm.moves[level].after).toBeCloseTo(cold.moves[level].after, 4);
    }
  });
});

describe('whatIf targets', () => {
  it('takes URLs typed without a scheme as the https or http page the graph holds', async () => {
    const store = new MemoryLedgerStore();
    await feed(store, [
      capture('https://a.org/', day(1), [link('https://b.org/')]),
      capture('https://c.org/', day(1), [link('https://b.org/'), link('https://a.org/')]),
    ]);
    await rankLedger(store, { now: day(2) });
    const result = await whatIf(store, { target: 'a.org', addLinks: ['b.org'] });
    expect(result).toMatchObject({ target: 'https://a.org/', added: ['https://b.org/'] });
    expect(result.moves.page.delta).toBeGreaterThan(0);
  });
});
