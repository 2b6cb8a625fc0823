/**
 * Printing for the reports whose empty result needs its own words (`history`, `gap`, `pages --broken`):
 * a table gets a title line and the rows, or the message; json and csv get valid (maybe empty) output on
 * stdout and the message on stderr. A full page says how to get the next one.
 */
import { formatCount } from '../../output/text-table.ts';
import { type ReportContext, warn, writeStdout } from './report-options.ts';

export interface ReportOutput {
  title: string;
  rows: number;
  /** What to say when there are no rows. */
  empty: string;
  /** Paging, for reports that have it. */
  page?: { limit: number; offset: number };
  json: () => Iterable<string>;
  csv: () => Iterable<string>;
  table: () => readonly string[];
}

export async function printReport(context: ReportContext, out: ReportOutput): Promise<void> {
  const full = out.page !== undefined && out.rows === out.page.limit;
  const more = full ? `more with --offset ${out.page!.offset + out.page!.limit}` : null;
  if (context.format === 'table') {
    if (out.rows === 0) return writeStdout([`${out.empty}\n`]);
    const lines = [out.title, '', ...out.table()];
    if (more !== null) lines.push('', more);
    return writeStdout([`${lines.join('\n')}\n`]);
  }
  await writeStdout(context.format === 'json' ? out.json() : out.csv());
  if (out.rows === 0) warn(out.empty);
  else if (more !== null && !context.limitGiven)
    warn(`output stopped at ${formatCount(out.page!.limit)} rows; ${more}`);
}
