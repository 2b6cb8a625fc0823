/**
 * Ledger files from before `link_rows` keep a `links` table with the source page's URL and domain on every
 * row and kinds, placements and lost reasons as text. Opening one moves it into `link_rows` (migrate-links.ts):
 * the ledger reads exactly as before, and goes on exactly as a ledger that never had the old table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../src/adapters/store-duckdb/duckdb-store.ts';
import { LEDGER_KINDS } from '../../src/adapters/store-duckdb/schema.ts';
import { LOST_REASONS } from '../../src/core/ledger/model.ts';
import type { LedgerDump } from '../../src/core/ledger/store.ts';
import { PLACEMENTS } from '../../src/core/link/link.ts';
import { withDuckDbFile } from '../support/duckdb-file.ts';
import { toSchema1, WHOLE_URL_LINK_ROWS } from '../support/schema1-ledger.ts';
import { capture, day, feed, link, randomScenario } from './ledger-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-link-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `statements` on the file, then lists its `links` and `link_rows` and what each is. */
const sql = (path: string, statements: string) =>
  withDuckDbFile(path, async (conn) => {
    await conn.run(statements);
    return (
      await conn.runAndReadAll(`SELECT table_name, table_type FROM information_schema.tables
        WHERE table_name IN ('links', 'link_rows') ORDER BY table_name`)
    ).getRowObjectsJS();
  });

/** The file's ledger_meta as an object. */
const meta = (path: string) =>
  withDuckDbFile(path, async (conn) =>
    Object.fromEntries(
      (await conn.runAndReadAll('SELECT key, value FROM ledger_meta'))
        .getRowObjectsJS()
        .map((r) => [r.key, r.value]),
    ),
  );

type Inputs = ReturnType<typeof randomScenario>;

/**
 * Opens a file of an older layout: it must read as `before` did and, fed `later`, end as a ledger that
 * never had that layout (fed `first` and `later`). Returns the notices the upgrade gave.
 */
async function reopenMigrated(path: string, before: LedgerDump, first: Inputs, later: Inputs) {
  const notices: string[] = [];
  const reopened = await DuckDbLedgerStore.open({ path, onMigrate: (m) => notices.push(m) });
  try {
    expect(await reopened.dump()).toEqual(before);
    await feed(reopened, later);
    const clean = await DuckDbLedgerStore.open({ path: ':memory:' });
    try {
      await feed(clean, first);
      await feed(clean, later);
      expect(await reopened.dump()).toEqual(await clean.dump());
    } finally {
      await clean.close();
    }
  } finally {
    await reopened.close();
  }
  return notices;
}

describe('DuckDB ledger: files with the old links table', () => {
  it.each([
    { beside: 'nothing', leftover: '' },
    {
      beside: 'the empty link_rows of a schema-1 build stopped before it moved the table',
      leftover: `CREATE TABLE link_rows AS ${WHOLE_URL_LINK_ROWS('links_old_rows')} LIMIT 0;`,
    },
  ])(
    'moves it into link_rows: the same ledger, which then goes on like one that never had it (beside it: $beside)',
    async ({ leftover }) => {
      const first = randomScenario(31, 20, 3);
      const later = randomScenario(32, 20, 3);
      const path = join(dir, `old-${leftover.length}.duckdb`);
      const store = await DuckDbLedgerStore.open({ path });
      await feed(store, first);
      await store.optimize();
      const before = await store.dump();
      await store.close();
      // The layout the first versions wrote: one table with every column spelled out.
      const old = await sql(
        path,
        `CREATE TABLE links_old AS SELECT * EXCLUDE (target_scheme, target_rest) FROM links ORDER BY id;
       DROP VIEW links; ALTER TABLE link_rows RENAME TO links_old_rows; ${leftover} DROP TABLE links_old_rows;
       ALTER TABLE links_old RENAME TO links; UPDATE ledger_meta SET value = '1' WHERE key = 'schema_version';
       CHECKPOINT`,
      );
      expect(old).toEqual(
        leftover === ''
          ? [{ table_name: 'links', table_type: 'BASE TABLE' }]
          : [
              { table_name: 'link_rows', table_type: 'BASE TABLE' },
              { table_name: 'links', table_type: 'BASE TABLE' },
            ],
      );
      expect(before.links.length).toBeGreaterThan(50);
      expect(new Set(before.links.map((l) => l.lostReason)).size).toBeGreaterThan(1);

      expect(await reopenMigrated(path, before, first, later)).toEqual([
        `upgrading the ledger file to schema 2: moving ${before.links.length.toLocaleString('en-US')} links into link_rows`,
      ]);
      expect(await sql(path, 'SELECT 1')).toEqual([
        { table_name: 'link_rows', table_type: 'BASE TABLE' },
        { table_name: 'links', table_type: 'VIEW' },
      ]);
      // Schema 2 now, and unclustered (it was optimized before): the next import's optimize() compacts it.
      expect(await meta(path)).toEqual({ schema_version: '2' });
    },
  );

  it('splits the whole target URLs of older link_rows into scheme code and rest: the same ledger', async () => {
    // Odd shapes on purpose: non-ASCII (DuckDB counts characters, JS UTF-16 units), user info, a port.
    const odd = capture('https://odd.example.net/p', day(3), [
      link('https://bücher.example/straße?q=ü'),
      link('http://bücher.example'),
      link('https://user:pw@shop.odd.example/private'),
      link('https://shop.odd.example:8443/a'),
      link('https://[2001:db8::1]/x'),
    ]);
    const first = [...randomScenario(33, 20, 3), odd];
    const later = randomScenario(34, 20, 3);
    const path = join(dir, 'whole-urls.duckdb');
    const store = await DuckDbLedgerStore.open({ path });
    await feed(store, first);
    await store.optimize();
    const before = await store.dump();
    await store.close();
    expect(await meta(path)).toMatchObject({ schema_version: '2', clustered_links: expect.any(String) });
    expect(before.links.map((l) => l.targetUrl)).toContain('https://bücher.example/straße?q=ü');
    // The layout sessions 6 to 9 wrote: link_rows with the whole target URL, schema 1.
    await toSchema1(path);

    expect(await reopenMigrated(path, before, first, later)).toEqual([
      `upgrading the ledger file to schema 2: rewriting ${before.links.length.toLocaleString('en-US')} links with their target URLs stored in parts (the next import compacts the file)`,
    ]);
    // Schema 2 now, and unclustered: the next import's optimize() compacts the file.
    expect(await meta(path)).toEqual({ schema_version: '2' });
    const stored = await withDuckDbFile(path, async (conn) =>
      (
        await conn.runAndReadAll(`SELECT target_scheme AS scheme, target_rest AS rest FROM link_rows
          WHERE target_host IN ('bücher.example', 'shop.odd.example') ORDER BY rest`)
      ).getRowObjectsJS(),
    );
    expect(stored).toEqual([
      { scheme: 1, rest: '' },
      { scheme: 2, rest: '/straße?q=ü' },
      { scheme: 2, rest: ':8443/a' },
      { scheme: 0, rest: 'https://user:pw@shop.odd.example/private' },
    ]);
  });

  it('refuses a file of a later schema before changing anything in it', async () => {
    const path = join(dir, 'later.duckdb');
    const store = await DuckDbLedgerStore.open({ path });
    await feed(store, randomScenario(35, 5, 2));
    await store.close();
    // A later schema may have dropped or renamed tables this build would create.
    const tables = (statements: string) =>
      withDuckDbFile(path, async (conn) => {
        await conn.run(statements);
        return (
          await conn.runAndReadAll('SELECT table_name FROM information_schema.tables ORDER BY table_name')
        ).getRowObjectsJS();
      });
    const later = await tables(`UPDATE ledger_meta SET value = '3' WHERE key = 'schema_version';
      DROP VIEW links; ALTER TABLE link_rows RENAME TO link_rows_v3; DROP TABLE reviews; CHECKPOINT`);
    await expect(DuckDbLedgerStore.open({ path })).rejects.toThrow(
      /ledger schema 3, this build reads 1 and 2/,
    );
    expect(await tables('SELECT 1')).toEqual(later);
    expect(later.map((t) => t.table_name)).not.toContain('reviews');
  });

  it('keeps the stored codes: the code lists only ever grow at their end', () => {
    // link_rows stores kinds, placements and lost reasons as positions in these lists. Inserting or
    // reordering a name would silently relabel every stored link; append new names instead.
    expect(LEDGER_KINDS.slice(0, 21)).toEqual([
      'a',
      'area',
      'img',
      'link',
      'iframe',
      'frame',
      'form',
      'redirect',
      'meta-refresh',
      'base',
      'script',
      'object',
      'embed',
      'media',
      'cite',
      'data-attr',
      'onclick',
      'css',
      'background',
      'other',
      'webgraph',
    ]);
    expect(PLACEMENTS.slice(0, 6)).toEqual(['content', 'nav', 'header', 'footer', 'aside', 'unknown']);
    expect(LOST_REASONS.slice(0, 7)).toEqual([
      'removed',
      'page-gone',
      'page-redirected',
      'noindex',
      'canonical-elsewhere',
      'became-nofollow',
      'became-dofollow',
    ]);
  });
});
