/**
 * Output of `history`, `gap` and `pages --broken`, like the other reports (report-format.ts): JSON is the
 * app's rows exactly; CSV flattens nested objects into dot-prefixed columns (`lostByReason.removed`), a
 * broken page's best linking pages into their URLs, and gives `gap` one `links:COMPETITOR` column per
 * competitor; tables fit the terminal width.
 */
import type { BrokenPageReportRow } from '../../../app/ledger/broken.ts';
import type { GapReportRow } from '../../../app/ledger/gap.ts';
import type { HistoryReportRow } from '../../../app/ledger/history.ts';
import type { HistoryPeriod } from '../../../core/ledger/history.ts';
import { LOST_REASONS } from '../../../core/ledger/model.ts';
import { csvLine } from './csv.ts';
import { csvColumns, csvRows } from './report-format.ts';
import { formatCount, formatDay, renderTable } from './text-table.ts';

const count = (n: number) => formatCount(n);
const authorityCell = (score: number | null) => (score === null ? '-' : score.toFixed(1));

export const HISTORY_CSV_COLUMNS = csvColumns<HistoryReportRow>()([
  'period',
  'newLinks',
  'lostLinks',
  'lostByReason.removed',
  'lostByReason.page-gone',
  'lostByReason.page-redirected',
  'lostByReason.noindex',
  'lostByReason.canonical-elsewhere',
  'lostByReason.became-nofollow',
  'lostByReason.became-dofollow',
  'relChanges',
  'newRefdomains',
  'lostRefdomains',
  'liveLinks',
  'liveRefdomains',
]);

/** `removed 2, page-gone 1` (reasons in the ledger's order, zeros left out). */
export function lostReasons(row: HistoryReportRow): string {
  return LOST_REASONS.filter((r) => row.lostByReason[r] > 0)
    .map((r) => `${r} ${count(row.lostByReason[r])}`)
    .join(', ');
}

export function historyTable(rows: readonly HistoryReportRow[], by: HistoryPeriod, width: number): string[] {
  const period = (r: HistoryReportRow) => (by === 'month' ? r.period.slice(0, 7) : formatDay(r.period));
  return renderTable<HistoryReportRow>(
    [
      { header: by === 'week' ? 'Week of' : by === 'day' ? 'Day' : 'Month', cell: period },
      { header: 'New', cell: (r) => count(r.newLinks), align: 'right' },
      { header: 'Lost', cell: (r) => count(r.lostLinks), align: 'right' },
      { header: 'Lost by reason', cell: lostReasons, flex: 1, minWidth: 12, comfortWidth: 44 },
      { header: 'Rel changed', cell: (r) => count(r.relChanges), align: 'right', optional: 1 },
      { header: 'New domains', cell: (r) => count(r.newRefdomains), align: 'right' },
      { header: 'Lost domains', cell: (r) => count(r.lostRefdomains), align: 'right' },
      { header: 'Live links', cell: (r) => count(r.liveLinks), align: 'right' },
      { header: 'Live domains', cell: (r) => count(r.liveRefdomains), align: 'right' },
    ],
    rows,
    width,
  );
}

const GAP_COLUMNS = csvColumns<Omit<GapReportRow, 'linksPerCompetitor'>>()([
  'domain',
  'competitorCount',
  'competitors',
  'links',
  'authority',
  'firstSeen',
  'relevance',
]);

/** The fixed columns, then `links:COMPETITOR` for each competitor in the order given. */
export function* gapCsv(rows: readonly GapReportRow[], competitors: readonly string[]): Iterable<string> {
  yield csvLine([...GAP_COLUMNS, ...competitors.map((c) => `links:${c}`)]);
  for (const r of rows) {
    yield csvLine([...GAP_COLUMNS.map((c) => r[c]), ...competitors.map((c) => r.linksPerCompetitor[c] ?? 0)]);
  }
}

export function gapTable(rows: readonly GapReportRow[], competitors: number, width: number): string[] {
  return renderTable<GapReportRow>(
    [
      { header: 'Domain', cell: (r) => r.domain, flex: 2, minWidth: 16, comfortWidth: 24 },
      { header: 'DA', cell: (r) => authorityCell(r.authority), align: 'right' },
      { header: 'Competitors', cell: (r) => `${r.competitorCount}/${competitors}`, align: 'right' },
      { header: 'Links', cell: (r) => count(r.links), align: 'right' },
      { header: 'First seen', cell: (r) => formatDay(r.firstSeen), optional: 1 },
      {
        header: 'Links to',
        cell: (r) => r.competitors.map((c) => `${c} ${count(r.linksPerCompetitor[c]!)}`).join(', '),
        flex: 3,
      },
    ],
    rows,
    width,
  );
}

type BrokenCsvRow = Omit<BrokenPageReportRow, 'bestLinks'> & { bestLinks: string[] };

const BROKEN_CSV_COLUMNS = csvColumns<BrokenCsvRow>()([
  'targetUrl',
  'status',
  'checkedAt',
  'refdomains',
  'links',
  'dofollowLinks',
  'firstSeen',
  'lastSeen',
  'bestLinks',
]);

/** The best linking pages as their URLs, space-separated. */
export function brokenCsv(rows: readonly BrokenPageReportRow[]): Iterable<string> {
  return csvRows<BrokenCsvRow>(
    BROKEN_CSV_COLUMNS,
    rows.map((r) => ({ ...r, bestLinks: r.bestLinks.map((b) => b.sourceUrl) })),
  );
}

export function brokenTable(rows: readonly BrokenPageReportRow[], width: number): string[] {
  const best = (r: BrokenPageReportRow) => r.bestLinks[0];
  return renderTable<BrokenPageReportRow>(
    [
      { header: 'Broken page', cell: (r) => r.targetUrl, flex: 3, clip: 'middle', comfortWidth: 32 },
      { header: 'Status', cell: (r) => String(r.status), align: 'right' },
      { header: 'Checked', cell: (r) => formatDay(r.checkedAt), optional: 1 },
      { header: 'Ref. domains', cell: (r) => count(r.refdomains), align: 'right' },
      { header: 'Links', cell: (r) => count(r.links), align: 'right' },
      { header: 'Dofollow', cell: (r) => count(r.dofollowLinks), align: 'right', optional: 2 },
      { header: 'Best linking page', cell: (r) => best(r)?.sourceUrl ?? '', flex: 3, clip: 'middle' },
      { header: 'DA', cell: (r) => authorityCell(best(r)?.sourceDomainAuthority ?? null), align: 'right' },
    ],
    rows,
    width,
  );
}
