/**
 * `linkledger whatif TARGET --add-link SRC | --remove-link SRC`: how TARGET's page, host and domain
 * authority would move with one more (or one less) link, recomputed warm-started from the scores the last
 * `linkledger rank` saved (app/ledger/whatif.ts). Writes nothing.
 */
import { type Command, Option } from 'commander';
import { type WhatIfResult, whatIf } from '../../../app/ledger/whatif.ts';
import { AUTHORITY_LEVELS, type AuthorityLevel } from '../../../core/ledger/authority.ts';
import { dbPathOf } from '../db-path.ts';
import { renderTable } from '../output/text-table.ts';
import { type OpenLedger, terminalWidth, withLedger } from './reports/report-options.ts';

interface WhatIfFlags {
  db?: string;
  addLink: string[];
  removeLink: string[];
  cold?: boolean;
  format: 'table' | 'json';
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerWhatIf(program: Command, openLedger: OpenLedger): void {
  program
    .command('whatif')
    .description('how TARGET’s page, host and domain authority would move if a page linked to it, or stopped')
    .argument(
      '<target>',
      'the page URL (a URL without a scheme matches the https or http page the ledger has)',
    )
    .option('--add-link <url>', 'a page that would link to TARGET (repeatable)', collect, [])
    .option('--remove-link <url>', 'a page that would stop linking to TARGET (repeatable)', collect, [])
    .option('--db <path>', 'ledger file (default ./linkledger.duckdb, or $LINKLEDGER_DB)')
    .option('--cold', 'start PageRank from the uniform vector instead of the stored scores (for comparison)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (target: string, flags: WhatIfFlags) => {
      const result = await withLedger(openLedger, dbPathOf(flags.db), (store) =>
        whatIf(store, {
          target,
          addLinks: flags.addLink,
          removeLinks: flags.removeLink,
          warmStart: !flags.cold,
        }),
      );
      process.stdout.write(
        flags.format === 'json'
          ? `${JSON.stringify({ ...result, rankedAt: new Date(result.rankedAt).toISOString() }, null, 2)}\n`
          : whatIfTable(result, terminalWidth()),
      );
    });
}

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;

export function whatIfTable(result: WhatIfResult, width: number): string {
  const change = [
    ...result.added.map((u) => `+ link from ${u}`),
    ...result.removed.map((u) => `- link from ${u}`),
  ];
  const lines = [
    `What if, for ${result.target}:`,
    ...change.map((c) => `  ${c}`),
    '',
    ...renderTable<AuthorityLevel>(
      [
        { header: 'level', cell: (l) => l },
        { header: 'key', cell: (l) => result.moves[l].key, flex: 1, clip: 'middle' },
        { header: 'before', cell: (l) => result.moves[l].before.toFixed(1), align: 'right' },
        { header: 'after', cell: (l) => result.moves[l].after.toFixed(1), align: 'right' },
        { header: 'delta', cell: (l) => signed(result.moves[l].delta), align: 'right' },
        { header: 'iterations', cell: (l) => String(result.runs[l].iterations), align: 'right' },
      ],
      AUTHORITY_LEVELS,
      width,
    ),
    '',
    `${result.warmStart ? 'Warm-started from' : 'Cold start; options of'} the rank run of ` +
      `${new Date(result.rankedAt).toISOString()}; nothing was written.`,
  ];
  return `${lines.join('\n')}\n`;
}
