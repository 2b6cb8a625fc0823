/** `linkledger backlinks TARGET`: the links to a target, one row per ledger link, newest first. */
import type { Command } from 'commander';
import { reportBacklinks } from '../../../../app/ledger/reports.ts';
import { BACKLINK_SORTS } from '../../../../core/ledger/query.ts';
import { BACKLINK_CSV_COLUMNS, backlinkTable, csvRows, jsonArray } from '../../output/report-format.ts';
import {
  addReportOptions,
  type OpenLedger,
  parseListingFlags,
  parseReportFlags,
  printListing,
  type ReportFlags,
  targetHasLinks,
  terminalWidth,
  withLedger,
} from './report-options.ts';

export function registerBacklinks(program: Command, openLedger: OpenLedger): void {
  const command = program
    .command('backlinks')
    .description('the links to TARGET: source and target URL, anchor, rel, kind, placement, dates, sources');
  addReportOptions(command, { sorts: BACKLINK_SORTS, defaultSort: 'first-seen' }).action(
    async (target: string, flags: ReportFlags) => {
      const { context, request } = parseReportFlags(target, flags, terminalWidth());
      const listing = parseListingFlags(flags, context.format, BACKLINK_SORTS);
      const { rows, known } = await withLedger(openLedger, context.db, async (store) => {
        const rows = await reportBacklinks(store, { ...request, ...listing });
        return { rows, known: rows.length > 0 || (await targetHasLinks(store, request)) };
      });
      await printListing(context, request, listing, {
        noun: 'backlinks',
        title: `Backlinks to ${target}`,
        rows: rows.length,
        known,
        json: () => jsonArray(rows),
        csv: () => csvRows(BACKLINK_CSV_COLUMNS, rows),
        table: () => backlinkTable(rows, context.width, listing.status !== 'live'),
      });
    },
  );
}
