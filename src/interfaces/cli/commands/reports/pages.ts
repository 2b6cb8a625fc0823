/**
 * `linkledger pages TARGET`: the target's most linked pages (by referring domains unless --sort says);
 * with `--broken`, its pages that answered 4xx and the links still pointing at them (broken-pages.ts).
 */
import type { Command } from 'commander';
import { reportPages } from '../../../../app/ledger/reports.ts';
import { PAGE_SORTS } from '../../../../core/ledger/query.ts';
import { PAGE_CSV_COLUMNS, pageTable } from '../../output/report-format.ts';
import { printBrokenPages } from './broken-pages.ts';
import { registerListingCommand } from './listing-command.ts';
import type { OpenLedger } from './report-options.ts';

export function registerPages(program: Command, openLedger: OpenLedger): void {
  registerListingCommand(program, openLedger, {
    name: 'pages',
    description: 'the most linked pages of TARGET: referring domains, links, dofollow links, dates',
    sorts: PAGE_SORTS,
    defaultSort: 'refdomains',
    noun: 'linked pages',
    title: (target) => `Most linked pages of ${target}`,
    fetch: reportPages,
    csvColumns: PAGE_CSV_COLUMNS,
    table: (rows, width) => pageTable(rows, width),
    variant: {
      flag: '--broken',
      description: 'pages whose latest capture answered 4xx, with the live links still pointing at them',
      active: (flags) => flags.broken === true,
      run: (target, flags) => printBrokenPages(openLedger, target, flags),
    },
  });
}
