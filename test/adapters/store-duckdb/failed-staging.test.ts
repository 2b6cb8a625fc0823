/**
 * A batch whose staging throws part-way leaves no appender open. An appender still open keeps the rows it
 * buffered and flushes them when the garbage collector destroys it (the bindings' finalizer), which may be
 * while the next batch fills its own stage tables of the same names: a page of the failed batch would
 * then be written with the next one.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { stagePlans } from '../../../src/adapters/store-duckdb/commit-plans.ts';
import { BATCH_STAGE_TABLES, resetStage, STAGE_DDL } from '../../../src/adapters/store-duckdb/schema.ts';
import { planPage } from '../../../src/core/ledger/plan-page.ts';
import { capture, day, link } from '../../contract/ledger-fixtures.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ctx = { domainOf: (host: string) => host.split('.').slice(-2).join('.') };
const plan = (url: string) =>
  planPage(url, null, [capture(url, day(1), [link('https://acme.com/a')])], [], ctx);

describe('DuckDB staging: a batch that fails part-way', () => {
  it('leaves none of its rows to be flushed into the next batch', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run(STAGE_DDL);
      const good = plan('https://one.example.org/a');
      const bad = plan('https://two.example.org/b');
      // A value staging cannot write (as out of memory would in DuckDB): it throws while the second page's
      // links are staged, with both pages' rows complete in their appender.
      (bad.fresh!.anchors as unknown[])[0] = undefined;
      // Only its message is kept: the error's stack frames would keep the batch's appenders alive.
      const failed = await stagePlans(conn, [good, bad], { nextPageId: 1, nextLinkId: 1 }).then(
        () => 'staged',
        (error: unknown) => String(error),
      );
      expect(failed).toMatch(/TypeError/);
      // The next batch starts: its stage tables are made anew, then the collector runs.
      await conn.run(resetStage(...BATCH_STAGE_TABLES));
      // The bindings destroy an appender after a collection, from the event loop: give them a few turns.
      for (let i = 0; i < 5; i++) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const rows = (await conn.runAndReadAll('SELECT url FROM stage_pages')).getRowObjectsJS();
      expect(rows).toEqual([]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
