/**
 * `linkledger pages TARGET --broken`: the target's pages whose latest capture answered 4xx, with the live
 * external links still pointing at them and the best linking pages: backlinks to reclaim.
 */
import { reportBrokenPages } from '../../../../app/ledger/broken.ts';
import { UsageError } from '../../../../core/errors.ts';
import { brokenCsv, brokenTable } from '../../output/change-format.ts';
import { jsonArray } from '../../output/report-format.ts';
import { printReport } from './print-report.ts';
import {
  describeRequest,
  emptyMessage,
  type OpenLedger,
  parseListingFlags,
  parseReportFlags,
  type ReportFlags,
  targetHasLinks,
  terminalWidth,
  withLedger,
} from './report-options.ts';

export async function printBrokenPages(
  openLedger: OpenLedger,
  target: string,
  flags: ReportFlags,
): Promise<void> {
  const { context, request } = parseReportFlags(target, flags, terminalWidth());
  if (flags.sort !== undefined || flags.order !== undefined || (flags.status ?? 'live') !== 'live')
    throw new UsageError(
      '--broken lists live links, most referring domains first: --status, --sort and --order do not apply',
    );
  const { limit, offset } = parseListingFlags(flags, context.format, []);
  const { rows, known } = await withLedger(openLedger, context.db, async (store) => {
    const rows = await reportBrokenPages(store, { ...request, limit, offset });
    return { rows, known: rows.length > 0 || (await targetHasLinks(store, request)) };
  });
  const empty = !known
    ? emptyMessage('broken pages', request, context.db, known)
    : offset > 0
      ? `no more broken pages of ${target} past --offset ${offset}`
      : `no broken pages of ${target}: no captured page of it that answered 4xx has live links matching these filters (crawl or verify the target's pages to check them)`;
  await printReport(context, {
    title: `Broken pages of ${target} (latest capture 4xx; ${describeRequest(request, { status: 'live', offset }, rows.length)})`,
    rows: rows.length,
    empty,
    page: { limit, offset },
    json: () => jsonArray(rows),
    csv: () => brokenCsv(rows),
    table: () => brokenTable(rows, context.width),
  });
}
