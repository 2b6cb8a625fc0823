/** Authority beside report rows: the last rank run's scores for the listed pages and domains, null without. */
import { describe, expect, it } from 'vitest';
import { MemoryLedgerStore } from '../../../src/adapters/store-memory/memory-store.ts';
import { rankLedger } from '../../../src/app/ledger/rank-ledger.ts';
import { withBacklinkAuthority, withRefDomainAuthority } from '../../../src/app/ledger/report-authority.ts';
import { reportBacklinks, reportRefDomains } from '../../../src/app/ledger/reports.ts';
import { capture, day, feed, link } from '../../contract/ledger-fixtures.ts';

describe('report authority', () => {
  it('adds the source page and domain authority to backlinks and the domain authority to refdomains', async () => {
    const store = new MemoryLedgerStore();
    await feed(store, [
      capture('https://hub.org/', day(1), [link('https://acme.com/'), link('https://small.net/')]),
      capture('https://fan1.org/', day(1), [link('https://hub.org/')]),
      capture('https://fan2.org/', day(1), [link('https://hub.org/')]),
      capture('https://small.net/', day(1), [link('https://acme.com/')]),
    ]);
    const before = await withBacklinkAuthority(store, await reportBacklinks(store, { target: 'acme.com' }));
    expect(before.map((r) => [r.sourceAuthority, r.sourceDomainAuthority])).toEqual([
      [null, null],
      [null, null],
    ]);

    await rankLedger(store, { now: day(2) });
    const rows = await withBacklinkAuthority(
      store,
      await reportBacklinks(store, { target: 'acme.com', sort: 'source-url', order: 'asc' }),
    );
    expect(rows.map((r) => r.sourceUrl)).toEqual(['https://hub.org/', 'https://small.net/']);
    const [hub, small] = rows;
    expect(hub!.sourceAuthority).toBeGreaterThan(small!.sourceAuthority!);
    expect(hub!.sourceDomainAuthority).toBeGreaterThan(small!.sourceDomainAuthority!);
    const page = (await store.authorityOf('page', ['https://hub.org/'])).get('https://hub.org/')!;
    expect(hub!.sourceAuthority).toBe(Math.round(page.score * 10) / 10);

    const domains = await withRefDomainAuthority(
      store,
      await reportRefDomains(store, { target: 'acme.com', sort: 'domain' }),
    );
    expect(domains.map((d) => [d.domain, d.authority])).toEqual([
      ['hub.org', hub!.sourceDomainAuthority],
      ['small.net', small!.sourceDomainAuthority],
    ]);
  });
});
