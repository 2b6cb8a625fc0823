/**
 * `backlinks TARGET --all --format csv`: every backlink of the listing as CSV, streamed to stdout as the
 * ledger produces it (one consistent read, one batch in memory, waiting for stdout to drain), where the
 * paged report stops at 100,000 rows. The same rows and columns as the paged CSV, in the same order.
 */
import { once } from 'node:events';
import { exportBacklinks } from '../../../../app/ledger/reports.ts';
import { UsageError } from '../../../../core/errors.ts';
import { BACKLINK_SORTS } from '../../../../core/ledger/query.ts';
import { csvLine } from '../../output/csv.ts';
import { BACKLINK_CSV_COLUMNS, csvRow } from '../../output/report-format.ts';
import {
  type OpenLedger,
  parseListingFlags,
  parseReportFlags,
  type ReportFlags,
  terminalWidth,
  withLedger,
} from './report-options.ts';

async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

export async function printAllBacklinks(
  openLedger: OpenLedger,
  target: string,
  flags: ReportFlags & { quality?: boolean },
): Promise<void> {
  const { context, request } = parseReportFlags(target, flags, terminalWidth());
  if (context.format !== 'csv') throw new UsageError('--all streams every row as CSV: add --format csv');
  if (flags.quality)
    throw new UsageError('--all does not score quality (use pages of --limit with --quality)');
  if (flags.limit !== undefined || flags.offset !== undefined)
    throw new UsageError('--all prints every row: leave out --limit and --offset');
  const { limit: _limit, offset: _offset, ...listing } = parseListingFlags(flags, 'csv', BACKLINK_SORTS);
  await withLedger(openLedger, context.db, async (store) => {
    await write(csvLine(BACKLINK_CSV_COLUMNS));
    await exportBacklinks(store, { ...request, ...listing }, async (rows) => {
      let chunk = '';
      for (const row of rows) chunk += csvRow(BACKLINK_CSV_COLUMNS, row);
      await write(chunk);
    });
  });
}
