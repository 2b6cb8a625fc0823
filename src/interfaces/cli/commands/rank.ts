/**
 * `linkledger rank`: page, host and domain authority over the ledger's live hyperlinks (app/ledger/
 * rank-ledger.ts), saved in the ledger for the reports and `whatif`. Prints the best pages, hosts and
 * domains and how each level's PageRank ended (nodes, edges, iterations, converged).
 */
import { type Command, Option } from 'commander';
import { type RankLedgerResult, rankLedger } from '../../../app/ledger/rank-ledger.ts';
import {
  AUTHORITY_LEVELS,
  type AuthorityLevel,
  type AuthorityScore,
} from '../../../core/ledger/authority.ts';
import { dbPathOf } from '../db-path.ts';
import { formatCount, renderTable } from '../output/text-table.ts';
import { integerFlag, type OpenLedger, terminalWidth, withLedger } from './reports/report-options.ts';

interface RankFlags {
  db?: string;
  dofollowOnly?: boolean;
  includeTechnical?: boolean;
  format: 'table' | 'json';
  top: string;
}

export function registerRank(program: Command, openLedger: OpenLedger): void {
  program
    .command('rank')
    .description(
      'compute page, host and domain authority (0-100) from the ledger’s live links and save it for the reports',
    )
    .option('--db <path>', 'ledger file (default ./linkledger.duckdb, or $LINKLEDGER_DB)')
    .option('--dofollow-only', 'count followed links only (nofollow, ugc and sponsored links give nothing)')
    .option(
      '--include-technical',
      'keep links to CDNs, font and script hosts, analytics, ad servers and share buttons (left out by default)',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--top <n>', 'best pages, hosts and domains to show', '10')
    .action(async (flags: RankFlags) => {
      const top = integerFlag('--top', flags.top, 1, 10_000);
      const result = await withLedger(openLedger, dbPathOf(flags.db), (store) =>
        rankLedger(store, {
          now: Date.now(),
          top,
          ...(flags.dofollowOnly ? { dofollowOnly: true } : {}),
          ...(flags.includeTechnical ? { includeTechnical: true } : {}),
        }),
      );
      process.stdout.write(
        flags.format === 'json'
          ? `${JSON.stringify({ ...result, run: { ...result.run, rankedAt: new Date(result.run.rankedAt).toISOString() } }, null, 2)}\n`
          : rankTable(result, terminalWidth()),
      );
    });
}

const LEVEL_TITLES = { page: 'Top pages', host: 'Top hosts', domain: 'Top domains' } as const;

export function rankTable({ run, top }: RankLedgerResult, width: number): string {
  const lines = [
    `Ranked ${formatCount(run.linksUsed)} of ${formatCount(run.linksRead)} ledger links` +
      ` (live hyperlinks${run.dofollowOnly ? ', followed only' : ''}${run.includeTechnical ? '' : ', technical hosts left out'})`,
    '',
    ...renderTable<AuthorityLevel>(
      [
        { header: 'level', cell: (l) => l },
        { header: 'nodes', cell: (l) => formatCount(run.levels[l].nodes), align: 'right' },
        { header: 'edges', cell: (l) => formatCount(run.levels[l].edges), align: 'right' },
        { header: 'iterations', cell: (l) => formatCount(run.levels[l].iterations), align: 'right' },
        { header: 'residual', cell: (l) => run.levels[l].residual.toExponential(1), align: 'right' },
        { header: 'converged', cell: (l) => (run.levels[l].converged ? 'yes' : 'NO') },
      ],
      AUTHORITY_LEVELS,
      width,
    ),
  ];
  for (const level of AUTHORITY_LEVELS) {
    lines.push('', LEVEL_TITLES[level]);
    if (top[level].length === 0) {
      lines.push('(none: the ledger has no live hyperlinks to rank)');
      continue;
    }
    lines.push(
      ...renderTable<AuthorityScore>(
        [
          { header: 'authority', cell: (s) => s.score.toFixed(1), align: 'right' },
          { header: level, cell: (s) => s.key, flex: 1, clip: 'middle' },
        ],
        top[level],
        width,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
