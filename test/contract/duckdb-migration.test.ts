/**
 * Ledger files made before `pages.analytics_ids` / `pages.remote_address` existed keep opening: the columns
 * are added at connect (schema.ts MIGRATE_DDL), old rows read as null, and new captures fill them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../src/adapters/store-duckdb/duckdb-store.ts';
import { withDuckDbFile } from '../support/duckdb-file.ts';
import { capture, day, feed, link } from './ledger-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = { threads: '2' };

const columnsOfPages = (path: string): Promise<string[]> =>
  withDuckDbFile(
    path,
    async (conn) =>
      (await conn.runAndReadAll('DESCRIBE pages')).getRowObjectsJS().map((r) => r.column_name as string),
    config,
  );

describe('DuckDB ledger: files from before analytics ids and remote addresses', () => {
  it('opens a file without the columns, adds them at the end, and stores the new facts', async () => {
    const path = join(dir, 'legacy.duckdb');
    const A = 'https://blog.one.org/a';
    const B = 'https://www.two.net/b';
    // A ledger as the previous version wrote it: the same tables without the two columns.
    const first = await DuckDbLedgerStore.open({ path, config });
    await feed(first, [capture(A, day(1), [link('https://acme.com/')], { title: 'old' })]);
    await first.close();
    await withDuckDbFile(
      path,
      (conn) =>
        conn.run(`ALTER TABLE pages DROP COLUMN analytics_ids; ALTER TABLE pages DROP COLUMN remote_address;
          CHECKPOINT`),
      config,
    );
    expect(await columnsOfPages(path)).not.toContain('analytics_ids');

    const store = await DuckDbLedgerStore.open({ path, config });
    try {
      expect((await store.dump()).pages).toMatchObject([
        { url: A, title: 'old', analyticsIds: null, remoteAddress: null },
      ]);
      await feed(store, [
        capture(A, day(2), [link('https://acme.com/')], {
          analyticsIds: ['UA-1234567-1'],
          remoteAddress: '198.51.100.7',
        }),
        capture(B, day(2), [link('https://acme.com/')], { analyticsIds: ['G-ABCDEF12'] }),
      ]);
      expect((await store.dump()).pages).toMatchObject([
        { url: A, analyticsIds: 'UA-1234567-1', remoteAddress: '198.51.100.7' },
        { url: B, analyticsIds: 'G-ABCDEF12', remoteAddress: null },
      ]);
      const facts = await store.pageFacts([A]);
      expect(facts.get(A)).toMatchObject({ analyticsIds: ['UA-1234567-1'], remoteAddress: '198.51.100.7' });
      await store.optimize();
      expect((await store.dump()).pages).toHaveLength(2);
    } finally {
      await store.close();
    }
    const columns = await columnsOfPages(path);
    expect(columns.slice(-2)).toEqual(['analytics_ids', 'remote_address']);
  });
});
