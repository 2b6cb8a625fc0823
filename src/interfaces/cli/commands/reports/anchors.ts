/**
 * `linkledger anchors TARGET`: the anchor texts of the links to a target, with counts and a class each
 * (branded, exact, partial, naked URL, generic, image, empty, other), and the links per class.
 */
import type { Command } from 'commander';
import { reportAnchors } from '../../../../app/ledger/reports.ts';
import { ANCHOR_SORTS } from '../../../../core/ledger/query.ts';
import { ANCHOR_CSV_COLUMNS, anchorTable, csvRows, jsonObject } from '../../output/report-format.ts';
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

interface AnchorFlags extends ReportFlags {
  brand?: string[];
  keyword?: string[];
}

export function registerAnchors(program: Command, openLedger: OpenLedger): void {
  const command = program
    .command('anchors')
    .description('the anchor texts of the links to TARGET, counted and classified');
  addReportOptions(command, { sorts: ANCHOR_SORTS, defaultSort: 'links' })
    .option('--brand <name...>', "brand names for the branded class (default: the target domain's name)")
    .option(
      '--keyword <word...>',
      "keywords for the exact and partial classes (default: the words of the target URL's last path segment)",
    )
    .action(async (target: string, flags: AnchorFlags) => {
      const { context, request } = parseReportFlags(target, flags, terminalWidth());
      const listing = parseListingFlags(flags, context.format, ANCHOR_SORTS);
      const words = (values: readonly string[]) => values.map((v) => v.trim()).filter((v) => v !== '');
      const { report, known } = await withLedger(openLedger, context.db, async (store) => {
        const report = await reportAnchors(store, {
          ...request,
          ...listing,
          ...(flags.brand === undefined ? {} : { brand: words(flags.brand) }),
          ...(flags.keyword === undefined ? {} : { keywords: words(flags.keyword) }),
        });
        return { report, known: report.anchors.length > 0 || (await targetHasLinks(store, request)) };
      });
      await printListing(context, request, listing, {
        noun: 'anchors',
        title: `Anchor texts of links to ${target}`,
        rows: report.anchors.length,
        known,
        // One object: the rows and, beside them, the links per class over all anchors.
        json: () => jsonObject(report),
        csv: () => csvRows(ANCHOR_CSV_COLUMNS, report.anchors),
        table: () => anchorTable(report, context.width),
      });
    });
}
