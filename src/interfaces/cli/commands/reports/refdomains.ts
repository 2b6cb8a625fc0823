/** `linkledger refdomains TARGET`: the referring domains of a target, with their counts and best link. */
import type { Command } from 'commander';
import { reportRefDomains } from '../../../../app/ledger/reports.ts';
import { REFDOMAIN_SORTS } from '../../../../core/ledger/query.ts';
import { csvRows, jsonArray, REFDOMAIN_CSV_COLUMNS, refDomainTable } from '../../output/report-format.ts';
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

export function registerRefDomains(program: Command, openLedger: OpenLedger): void {
  const command = program
    .command('refdomains')
    .description('the referring domains of TARGET: links, dofollow links, first and last seen, best link');
  addReportOptions(command, { sorts: REFDOMAIN_SORTS, defaultSort: 'links' }).action(
    async (target: string, flags: ReportFlags) => {
      const { context, request } = parseReportFlags(target, flags, terminalWidth());
      const listing = parseListingFlags(flags, context.format, REFDOMAIN_SORTS);
      const { rows, known } = await withLedger(openLedger, context.db, async (store) => {
        const rows = await reportRefDomains(store, { ...request, ...listing });
        return { rows, known: rows.length > 0 || (await targetHasLinks(store, request)) };
      });
      await printListing(context, request, listing, {
        noun: 'referring domains',
        title: `Referring domains of ${target}`,
        rows: rows.length,
        known,
        json: () => jsonArray(rows),
        csv: () => csvRows(REFDOMAIN_CSV_COLUMNS, rows),
        table: () => refDomainTable(rows, context.width),
      });
    },
  );
}
