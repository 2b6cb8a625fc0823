/**
 * How a commit lays links out on disk. DuckDB stores a table in row groups of 122,880 rows, and its
 * checkpoint merges neighbouring row groups that together fit in fewer, by rewriting them. A parallel
 * INSERT leaves part-filled row groups wherever its threads' shares end, so on the benchmark's real pages
 * the checkpoint rewrote nearly every link (2.8 s and 88 MB more for 1.45 M links; bench/results/ledger.md).
 * The store applies a batch on one DuckDB thread, which appends in order: full row groups, then one
 * remainder. The cost itself is measured by the benchmark; this pins the layout that avoids it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../../src/adapters/store-duckdb/duckdb-store.ts';
import { capture, day, feed, link } from '../../contract/ledger-fixtures.ts';
import { withDuckDbFile } from '../../support/duckdb-file.ts';

const ROW_GROUP = 122_880;
const dir = mkdtempSync(join(tmpdir(), 'linkledger-row-groups-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `pages` pages of 250 distinct links each, on hosts of their own (so every link is new). */
function pages(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const links = Array.from({ length: 250 }, (_, j) =>
      link(`https://target${j % 50}.example/${n}/${j}`, { anchor: `anchor ${j}` }),
    );
    return capture(`https://source${n}.example.org/page`, day(1), links);
  });
}

const rowGroupSizes = (path: string): Promise<number[]> =>
  withDuckDbFile(path, async (conn) => {
    const rows = (
      await conn.runAndReadAll(`SELECT row_group_id, max(count)::INTEGER AS n
        FROM pragma_storage_info('link_rows') WHERE column_id = 0 GROUP BY row_group_id ORDER BY row_group_id`)
    ).getRowsJS();
    return rows.map((r) => r[1] as number);
  });

describe('DuckDB store: row groups of committed links', () => {
  it('writes each batch as full row groups and one remainder, which the checkpoint keeps as they are', async () => {
    const path = join(dir, 'ledger.duckdb');
    const store = await DuckDbLedgerStore.open({ path });
    // Two batches of 240,000 links (960 pages each), each two row groups. The remainders (117,120) are
    // too big to merge with a neighbour, so the layout after closing (a checkpoint) is the one written.
    // (Two threads wrote each batch's remainder first here, and on the benchmark's pages left pieces
    // that the checkpoint packed and rewrote.)
    await feed(store, [...pages(0, 960), ...pages(960, 960)], 240_000);
    await store.close();
    const rest = 240_000 - ROW_GROUP;
    expect(await rowGroupSizes(path)).toEqual([ROW_GROUP, rest, ROW_GROUP, rest]);
  }, 60_000);
});
