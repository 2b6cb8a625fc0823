/**
 * `linkledger gap TARGET --competitor A --competitor B... [--min K]`: referring domains that link to at
 * least K of the competitors but not to TARGET (link intersect), most competitors first.
 */
import type { Command } from 'commander';
import { competitorKeys, reportGap } from '../../../../app/ledger/gap.ts';
import { UsageError } from '../../../../core/errors.ts';
import { GAP_SCOPES, type GapScope } from '../../../../core/ledger/gap.ts';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../../../../core/ledger/query.ts';
import { DEFAULT_DB_FILE } from '../../db-path.ts';
import { gapCsv, gapTable } from '../../output/change-format.ts';
import { jsonArray, REPORT_FORMATS } from '../../output/report-format.ts';
import { formatCount } from '../../output/text-table.ts';
import { printReport } from './print-report.ts';
import {
  integerFlag,
  type OpenLedger,
  parseListingFlags,
  parseReportFlags,
  type ReportFlags,
  terminalWidth,
  withLedger,
} from './report-options.ts';

interface GapFlags extends ReportFlags {
  competitor?: string[];
  min: string;
  allLinks?: boolean;
}

const collect = (value: string, previous: readonly string[] | undefined) => [...(previous ?? []), value];

export function registerGap(program: Command, openLedger: OpenLedger): void {
  program
    .command('gap')
    .description('referring domains that link to at least K competitors but not to TARGET (link intersect)')
    .argument('<target>', 'your registrable domain or host (see --scope)')
    .option(
      '--competitor <site>',
      'a competitor; repeat (or separate with commas) for several, any number',
      collect,
    )
    .option('--min <k>', 'at least this many competitors linked', '1')
    .option('--scope <scope>', `what TARGET and competitors name: ${GAP_SCOPES.join(', ')}`, 'domain')
    .option(
      '--all-links',
      'count nofollow, sponsored and ugc links to competitors too (default: followed only)',
    )
    .option('--db <path>', `ledger file (default ${DEFAULT_DB_FILE}, or $LINKLEDGER_DB)`)
    .option('-f, --format <format>', `output format: ${REPORT_FORMATS.join(', ')}`, 'table')
    .option(
      '--limit <n>',
      `rows to show, 1 to ${formatCount(MAX_LIMIT)} (default ${DEFAULT_LIMIT} for table, ${formatCount(MAX_LIMIT)} for json and csv)`,
    )
    .option('--offset <n>', 'rows to skip (default 0)')
    .action(async (target: string, flags: GapFlags) => {
      if (!(GAP_SCOPES as readonly string[]).includes(flags.scope))
        throw new UsageError(
          `--scope must be one of ${GAP_SCOPES.join(', ')} (got ${JSON.stringify(flags.scope)})`,
        );
      const scope = flags.scope as GapScope;
      const { context } = parseReportFlags(target, flags, terminalWidth());
      const { limit, offset } = parseListingFlags(flags, context.format, []);
      const sites = (flags.competitor ?? []).flatMap((c) => c.split(',')).map((c) => c.trim());
      const { competitors } = competitorKeys({ target, competitors: sites.filter((c) => c !== ''), scope });
      const min = integerFlag('--min', flags.min, 1, competitors.length);
      const rows = await withLedger(openLedger, context.db, (store) =>
        reportGap(store, {
          target,
          competitors,
          scope,
          min,
          allLinks: flags.allLinks === true,
          limit,
          offset,
        }),
      );
      const links = flags.allLinks ? 'live links' : 'live followed links';
      await printReport(context, {
        title: `Link gap of ${target}: domains linking to at least ${min} of ${competitors.length} competitors but not to ${target} (${links})`,
        rows: rows.length,
        empty:
          offset > 0
            ? `no more domains past --offset ${offset}`
            : `no domain in ${context.db} links to at least ${min} of ${competitors.join(', ')} without linking to ${target} (${links}${flags.allLinks ? '' : '; try --all-links'})`,
        page: { limit, offset },
        json: () => jsonArray(rows),
        csv: () => gapCsv(rows, competitors),
        table: () => gapTable(rows, competitors.length, context.width),
      });
    });
}
