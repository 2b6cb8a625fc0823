/** `linkledger refdomains TARGET`: the referring domains of a target, with their counts and best link. */
import type { Command } from 'commander';
import { reportRefDomains } from '../../../../app/ledger/reports.ts';
import { REFDOMAIN_SORTS } from '../../../../core/ledger/query.ts';
import { REFDOMAIN_CSV_COLUMNS, refDomainTable } from '../../output/report-format.ts';
import { registerListingCommand } from './listing-command.ts';
import type { OpenLedger } from './report-options.ts';

export function registerRefDomains(program: Command, openLedger: OpenLedger): void {
  registerListingCommand(program, openLedger, {
    name: 'refdomains',
    description: 'the referring domains of TARGET: links, dofollow links, first and last seen, best link',
    sorts: REFDOMAIN_SORTS,
    defaultSort: 'links',
    noun: 'referring domains',
    title: (target) => `Referring domains of ${target}`,
    fetch: reportRefDomains,
    csvColumns: REFDOMAIN_CSV_COLUMNS,
    table: (rows, width) => refDomainTable(rows, width),
  });
}
