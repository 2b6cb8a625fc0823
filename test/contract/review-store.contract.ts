/**
 * The review side of the LedgerStore contract: a target's whitelist and its disavow file versions. Run
 * against every store by the runner files beside it; DuckDB stores are files, so optimize() (which copies
 * the ledger into a new file) must keep both.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewEntry } from '../../src/core/ledger/review.ts';
import type { LedgerStore } from '../../src/core/ledger/store.ts';
import { capture, day, feed, link } from './ledger-fixtures.ts';
import type { StoreFactory } from './ledger-store.contract.ts';

const entry = (over: Partial<ReviewEntry>): ReviewEntry => ({
  target: 'acme.com',
  kind: 'domain',
  value: 'friend.org',
  note: 'partner',
  at: day(1),
  ...over,
});

const FILE = '# acme.com disavow\ndomain:spam.example\nhttps://bad.example/page?a=1&b=ü\n';

export function describeReviewStoreContract(name: string, open: StoreFactory): void {
  describe(`LedgerStore review contract: ${name}`, () => {
    let store: LedgerStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps a whitelist per target: add, replace, list by kind and value, remove', async () => {
      expect(await store.reviews('acme.com')).toEqual([]);
      await store.addReview(entry({ value: 'zeta.org' }));
      await store.addReview(entry({ kind: 'url', value: 'https://blog.example/post', note: 'editorial' }));
      await store.addReview(entry({}));
      await store.addReview(entry({ target: 'other.com', note: 'not ours' }));
      // the same (target, kind, value) again replaces its note and time
      await store.addReview(entry({ note: 'partner since 2023', at: day(5) }));
      expect(await store.reviews('acme.com')).toEqual([
        entry({ note: 'partner since 2023', at: day(5) }),
        entry({ value: 'zeta.org' }),
        entry({ kind: 'url', value: 'https://blog.example/post', note: 'editorial' }),
      ]);
      expect(await store.removeReview('acme.com', 'domain', 'zeta.org')).toBe(true);
      expect(await store.removeReview('acme.com', 'domain', 'zeta.org')).toBe(false);
      expect(await store.removeReview('acme.com', 'url', 'friend.org')).toBe(false);
      expect((await store.reviews('acme.com')).map((e) => e.value)).toEqual([
        'friend.org',
        'https://blog.example/post',
      ]);
      expect(await store.reviews('other.com')).toEqual([entry({ target: 'other.com', note: 'not ours' })]);
    });

    it('numbers disavow file versions per target and lists them newest first, content exact', async () => {
      expect(await store.disavowVersions('acme.com')).toEqual([]);
      const v1 = await store.saveDisavowVersion({
        target: 'acme.com',
        createdAt: day(1),
        content: FILE,
        entries: 2,
      });
      expect(v1).toEqual({ target: 'acme.com', createdAt: day(1), content: FILE, entries: 2, version: 1 });
      await store.saveDisavowVersion({ target: 'other.com', createdAt: day(2), content: '', entries: 0 });
      const v2 = await store.saveDisavowVersion({
        target: 'acme.com',
        createdAt: day(3),
        content: `${FILE}domain:more.example\r\n`,
        entries: 3,
      });
      expect(v2.version).toBe(2);
      const versions = await store.disavowVersions('acme.com');
      expect(versions).toEqual([v2, v1]);
      expect((await store.disavowVersions('other.com')).map((v) => v.version)).toEqual([1]);
    });

    it('keeps the whitelist and the disavow versions through optimize()', async () => {
      await feed(store, [capture('https://blog.one.org/a', day(1), [link('https://acme.com/')])]);
      await store.addReview(entry({}));
      await store.saveDisavowVersion({ target: 'acme.com', createdAt: day(2), content: FILE, entries: 2 });
      await store.optimize();
      expect(await store.reviews('acme.com')).toEqual([entry({})]);
      expect(await store.disavowVersions('acme.com')).toEqual([
        { target: 'acme.com', createdAt: day(2), content: FILE, entries: 2, version: 1 },
      ]);
      // and a version saved after optimize() continues the numbering
      const next = await store.saveDisavowVersion({
        target: 'acme.com',
        createdAt: day(3),
        content: '',
        entries: 0,
      });
      expect(next.version).toBe(2);
    });
  });
}
