/** `linkledger backlinks TARGET`: the links to a target, one row per ledger link, newest first. */
import type { Command } from 'commander';
import { reportBacklinks } from '../../../../app/ledger/reports.ts';
import { BACKLINK_SORTS } from '../../../../core/ledger/query.ts';
import { DEFAULT_QUALITY_WEIGHTS } from '../../../../core/quality/weights.ts';
import {
  BACKLINK_CSV_COLUMNS,
  BACKLINK_QUALITY_CSV_COLUMNS,
  backlinkTable,
} from '../../output/report-format.ts';
import { printAllBacklinks } from './backlinks-all.ts';
import { registerListingCommand } from './listing-command.ts';
import type { OpenLedger } from './report-options.ts';

export function registerBacklinks(program: Command, openLedger: OpenLedger): void {
  registerListingCommand(program, openLedger, {
    name: 'backlinks',
    description: 'the links to TARGET: source and target URL, anchor, rel, kind, placement, dates, sources',
    sorts: BACKLINK_SORTS,
    defaultSort: 'first-seen',
    noun: 'backlinks',
    title: (target) => `Backlinks to ${target}`,
    options: [{ flags: '--quality', description: "add each link's quality score, 0-100 (docs/quality.md)" }],
    variant: {
      flag: '--all',
      description: 'every row, streamed (with --format csv; the paged report stops at 100,000 rows)',
      active: (flags) => flags.all === true,
      run: (target, flags) => printAllBacklinks(openLedger, target, flags),
    },
    fetch: (store, request, flags) =>
      reportBacklinks(store, { ...request, quality: flags.quality ? DEFAULT_QUALITY_WEIGHTS : null }),
    csvColumns: (flags) => (flags.quality ? BACKLINK_QUALITY_CSV_COLUMNS : BACKLINK_CSV_COLUMNS),
    table: (rows, width, listing) => backlinkTable(rows, width, listing.status !== 'live'),
  });
}
