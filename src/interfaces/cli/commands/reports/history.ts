/**
 * `linkledger history TARGET [--by day|week|month] [--since DAY]`: new and lost links (by reason) and
 * referring domains of a target per period, with the live totals at the end of each period.
 */
import type { Command } from 'commander';
import { reportHistory } from '../../../../app/ledger/history.ts';
import { UsageError } from '../../../../core/errors.ts';
import { HISTORY_PERIODS, type HistoryPeriod } from '../../../../core/ledger/history.ts';
import { HISTORY_CSV_COLUMNS, historyTable } from '../../output/change-format.ts';
import { csvRows, jsonArray } from '../../output/report-format.ts';
import { printReport } from './print-report.ts';
import {
  addReportOptions,
  describeRequest,
  emptyMessage,
  type OpenLedger,
  parseReportFlags,
  type ReportFlags,
  targetHasLinks,
  terminalWidth,
  withLedger,
} from './report-options.ts';

interface HistoryFlags extends ReportFlags {
  by: string;
}

export function registerHistory(
  program: Command,
  openLedger: OpenLedger,
  now: () => number = Date.now,
): void {
  const command = program
    .command('history')
    .description(
      'new and lost links (with reasons) and referring domains of TARGET per day, week or month, with live totals',
    )
    .option('--by <period>', `${HISTORY_PERIODS.join(', ')} (UTC; weeks start on Monday)`, 'month');
  addReportOptions(command, null);
  // Here --since picks the first period shown; the running totals still count older links.
  const since = command.options.find((o) => o.long === '--since');
  if (since) since.description = 'first period shown: the one holding this day (YYYY-MM-DD, UTC)';
  command.action(async (target: string, flags: HistoryFlags) => {
    const { context, request } = parseReportFlags(target, flags, terminalWidth());
    if (!(HISTORY_PERIODS as readonly string[]).includes(flags.by))
      throw new UsageError(
        `--by must be one of ${HISTORY_PERIODS.join(', ')} (got ${JSON.stringify(flags.by)})`,
      );
    const by = flags.by as HistoryPeriod;
    const { firstSeenSince, ...rest } = request;
    const { rows, known } = await withLedger(openLedger, context.db, async (store) => {
      const rows = await reportHistory(store, { ...rest, by, since: firstSeenSince ?? null, now: now() });
      return { rows, known: rows.length > 0 || (await targetHasLinks(store, request)) };
    });
    const from =
      typeof firstSeenSince === 'number'
        ? `, from ${new Date(firstSeenSince).toISOString().slice(0, 10)}`
        : '';
    await printReport(context, {
      title: `Link history of ${target} (by ${by}${from}, ${describeRequest(rest, null, 0)})`,
      rows: rows.length,
      empty: emptyMessage('links', rest, context.db, known),
      json: () => jsonArray(rows),
      csv: () => csvRows(HISTORY_CSV_COLUMNS, rows),
      table: () => historyTable(rows, by, context.width),
    });
  });
}
