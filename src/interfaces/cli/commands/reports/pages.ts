/** `linkledger pages TARGET`: the target's most linked pages (by referring domains unless --sort says). */
import type { Command } from 'commander';
import { reportPages } from '../../../../app/ledger/reports.ts';
import { PAGE_SORTS } from '../../../../core/ledger/query.ts';
import { csvRows, jsonArray, PAGE_CSV_COLUMNS, pageTable } from '../../output/report-format.ts';
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

export function registerPages(program: Command, openLedger: OpenLedger): void {
  const command = program
    .command('pages')
    .description('the most linked pages of TARGET: referring domains, links, dofollow links, dates');
  addReportOptions(command, { sorts: PAGE_SORTS, defaultSort: 'refdomains' }).action(
    async (target: string, flags: ReportFlags) => {
      const { context, request } = parseReportFlags(target, flags, terminalWidth());
      const listing = parseListingFlags(flags, context.format, PAGE_SORTS);
      const { rows, known } = await withLedger(openLedger, context.db, async (store) => {
        const rows = await reportPages(store, { ...request, ...listing });
        return { rows, known: rows.length > 0 || (await targetHasLinks(store, request)) };
      });
      await printListing(context, request, listing, {
        noun: 'linked pages',
        title: `Most linked pages of ${target}`,
        rows: rows.length,
        known,
        json: () => jsonArray(rows),
        csv: () => csvRows(PAGE_CSV_COLUMNS, rows),
        table: () => pageTable(rows, context.width),
      });
    },
  );
}
