/**
 * Output of the report commands (`backlinks`, `refdomains`, `anchors`, `pages`, `profile`) in three formats:
 * - `json`: the app layer's objects exactly (src/app/ledger/reports.ts): an array of rows, one per line, or
 *   one object (`profile`, and `anchors`, whose report carries the per-class totals beside its rows);
 * - `csv`: a header and one line per row; arrays joined by spaces, nested objects flattened into
 *   dot-prefixed columns (`bestLink.sourceUrl`); `profile` as `field,name,value` lines;
 * - `table`: for people, fitted to the terminal width (see text-table.ts).
 * Every formatter yields chunks, so a large export streams instead of becoming one string.
 */
import type {
  AnchorReport,
  AnchorReportRow,
  BacklinkReportRow,
  PageReportRow,
  ProfileReport,
  RefDomainReportRow,
} from '../../../app/ledger/reports.ts';
import { ANCHOR_CLASSES } from '../../../core/ledger/anchor-class.ts';
import { csvLine } from './csv.ts';
import { formatCount, formatDay, formatShare, renderTable, type TableColumn } from './text-table.ts';

export const REPORT_FORMATS = ['table', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

// ---- JSON -------------------------------------------------------------------------------------------

/** One JSON array, one element per line: valid JSON that `grep` and `head` still work on. */
export function* jsonArray(rows: readonly unknown[]): Iterable<string> {
  if (rows.length === 0) {
    yield '[]\n';
    return;
  }
  yield '[\n';
  for (let i = 0; i < rows.length; i++) {
    yield `${JSON.stringify(rows[i])}${i + 1 < rows.length ? ',' : ''}\n`;
  }
  yield ']\n';
}

export function* jsonObject(value: unknown): Iterable<string> {
  yield `${JSON.stringify(value, null, 2)}\n`;
}

// ---- CSV --------------------------------------------------------------------------------------------

/** The CSV column names of a row type: its keys, and `key.sub` for each key of a nested object. */
export type FlatKeys<T> = {
  [K in keyof T & string]: T[K] extends readonly unknown[]
    ? K
    : T[K] extends object
      ? `${K}.${keyof T[K] & string}`
      : K;
}[keyof T & string];

/**
 * Declares the CSV columns of a row type; the compiler rejects a list that misses a field (the type of the
 * argument then names the missing ones), so the CSV cannot silently drift from the JSON.
 */
export function csvColumns<T>() {
  return <const C extends readonly FlatKeys<T>[]>(
    columns: C &
      ([Exclude<FlatKeys<T>, C[number]>] extends [never]
        ? unknown
        : { missing: Exclude<FlatKeys<T>, C[number]> }),
  ): C => columns;
}

export const BACKLINK_CSV_COLUMNS = csvColumns<Omit<BacklinkReportRow, 'quality'>>()([
  'sourceUrl',
  'targetUrl',
  'anchor',
  'rel',
  'nofollow',
  'sponsored',
  'ugc',
  'kind',
  'placement',
  'firstSeen',
  'lastSeen',
  'lostAt',
  'lostReason',
  'sources',
  'sourceHost',
  'sourceDomain',
  'sourceAuthority',
  'sourceDomainAuthority',
]);

/** `backlinks --quality`: the same columns and the quality score. */
export const BACKLINK_QUALITY_CSV_COLUMNS: readonly FlatKeys<BacklinkReportRow>[] = [
  ...BACKLINK_CSV_COLUMNS,
  'quality',
];

export const REFDOMAIN_CSV_COLUMNS = csvColumns<RefDomainReportRow>()([
  'domain',
  'links',
  'dofollowLinks',
  'firstSeen',
  'lastSeen',
  'bestLink.sourceUrl',
  'bestLink.targetUrl',
  'bestLink.anchor',
  'bestLink.kind',
  'bestLink.dofollow',
  'bestLink.placement',
  'authority',
]);

export const ANCHOR_CSV_COLUMNS = csvColumns<AnchorReportRow>()([
  'anchor',
  'class',
  'image',
  'links',
  'dofollowLinks',
  'refdomains',
  'firstSeen',
  'lastSeen',
]);

export const PAGE_CSV_COLUMNS = csvColumns<PageReportRow>()([
  'targetUrl',
  'links',
  'dofollowLinks',
  'refdomains',
  'firstSeen',
  'lastSeen',
]);

export const PROFILE_CSV_COLUMNS = ['field', 'name', 'value'] as const;

function valueAt(row: unknown, path: string): unknown {
  let value = row;
  for (const key of path.split('.')) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

export function* csvRows<T>(columns: readonly FlatKeys<T>[], rows: readonly T[]): Iterable<string> {
  yield csvLine(columns);
  for (const row of rows) yield csvRow(columns, row);
}

/** One row as a CSV line of these columns. */
export function csvRow<T>(columns: readonly FlatKeys<T>[], row: T): string {
  return csvLine(columns.map((c) => valueAt(row, c)));
}

/**
 * The profile as `field,name,value` lines: a figure has its path as field (`links.total`,
 * `last30Days.newLinks`); a breakdown has one line per entry and count (`kinds.links,a,120`).
 */
export function* profileCsv(p: ProfileReport): Iterable<string> {
  yield csvLine(PROFILE_CSV_COLUMNS);
  for (const [field, value] of Object.entries(p)) {
    if (Array.isArray(value)) {
      for (const entry of value as ProfileReport['kinds']) {
        yield csvLine([`${field}.links`, entry.name, entry.links]);
        yield csvLine([`${field}.refdomains`, entry.name, entry.refdomains]);
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [key, figure] of Object.entries(value)) yield csvLine([`${field}.${key}`, '', figure]);
    } else {
      yield csvLine([field, '', value]);
    }
  }
}

// ---- tables -----------------------------------------------------------------------------------------

const count = (value: number) => formatCount(value);

/** The kind and, for a link that is not followed, why: `a`, `a nofollow`, `a ugc+nofollow`, `iframe`. */
function kindAndRel(row: { kind: string; nofollow: boolean; sponsored: boolean; ugc: boolean }): string {
  const flags = [row.sponsored && 'sponsored', row.ugc && 'ugc', row.nofollow && 'nofollow'].filter(Boolean);
  return flags.length === 0 ? row.kind : `${row.kind} ${flags.join('+')}`;
}

export function backlinkTable(
  rows: readonly BacklinkReportRow[],
  width: number,
  showLost: boolean,
): string[] {
  const columns: TableColumn<BacklinkReportRow>[] = [
    {
      header: 'Source URL',
      cell: (r) => r.sourceUrl,
      flex: 5,
      clip: 'middle',
      minWidth: 16,
      comfortWidth: 32,
    },
    {
      header: 'Target URL',
      cell: (r) => r.targetUrl,
      flex: 4,
      clip: 'middle',
      minWidth: 16,
      comfortWidth: 28,
    },
    { header: 'Anchor', cell: (r) => r.anchor, flex: 2 },
    { header: 'DA', cell: (r) => authorityCell(r.sourceDomainAuthority), align: 'right', optional: 1 },
    ...(rows[0]?.quality === undefined
      ? []
      : [
          {
            header: 'Quality',
            cell: (r: BacklinkReportRow) => authorityCell(r.quality ?? null),
            align: 'right' as const,
          },
        ]),
    { header: 'Link', cell: kindAndRel },
    { header: 'Placement', cell: (r) => r.placement, optional: 3 },
    { header: 'First seen', cell: (r) => formatDay(r.firstSeen) },
    { header: 'Last seen', cell: (r) => formatDay(r.lastSeen), optional: 2 },
  ];
  if (showLost) {
    columns.push({
      header: 'Lost',
      cell: (r) => (r.lostAt === null ? 'live' : `${formatDay(r.lostAt)} ${r.lostReason ?? ''}`),
    });
  }
  columns.push({ header: 'Sources', cell: (r) => r.sources.join(' '), flex: 1, optional: 1 });
  return renderTable(columns, rows, width);
}

/** An authority score for a table cell: one decimal, `-` before the first `linkledger rank`. */
function authorityCell(score: number | null): string {
  return score === null ? '-' : score.toFixed(1);
}

export function refDomainTable(rows: readonly RefDomainReportRow[], width: number): string[] {
  return renderTable<RefDomainReportRow>(
    [
      { header: 'Domain', cell: (r) => r.domain, flex: 3, minWidth: 16, comfortWidth: 24 },
      { header: 'DA', cell: (r) => authorityCell(r.authority), align: 'right', optional: 3 },
      { header: 'Links', cell: (r) => count(r.links), align: 'right' },
      { header: 'Dofollow', cell: (r) => count(r.dofollowLinks), align: 'right' },
      { header: 'First seen', cell: (r) => formatDay(r.firstSeen), optional: 2 },
      { header: 'Last seen', cell: (r) => formatDay(r.lastSeen), optional: 1 },
      { header: 'Best link', cell: (r) => r.bestLink.sourceUrl, flex: 4, clip: 'middle', comfortWidth: 28 },
      { header: 'Anchor', cell: (r) => r.bestLink.anchor, flex: 2 },
      { header: 'Link', cell: (r) => `${r.bestLink.kind}${r.bestLink.dofollow ? '' : ' nofollow'}` },
    ],
    rows,
    width,
  );
}

export function anchorTable(report: AnchorReport, width: number): string[] {
  const lines = renderTable<AnchorReportRow>(
    [
      { header: 'Anchor', cell: (r) => (r.image ? `[image] ${r.anchor}` : r.anchor), flex: 1 },
      { header: 'Class', cell: (r) => r.class },
      { header: 'Links', cell: (r) => count(r.links), align: 'right' },
      { header: 'Dofollow', cell: (r) => count(r.dofollowLinks), align: 'right' },
      { header: 'Ref. domains', cell: (r) => count(r.refdomains), align: 'right' },
      { header: 'First seen', cell: (r) => formatDay(r.firstSeen) },
      { header: 'Last seen', cell: (r) => formatDay(r.lastSeen) },
    ],
    report.anchors,
    width,
  );
  const total = ANCHOR_CLASSES.reduce((sum, c) => sum + report.classes[c], 0);
  if (total > 0) {
    const classes = ANCHOR_CLASSES.filter((c) => report.classes[c] > 0)
      .sort((a, b) => report.classes[b] - report.classes[a])
      .map((c) => `${c} ${count(report.classes[c])} (${formatShare(report.classes[c] / total)})`);
    lines.push(
      '',
      `Links by anchor class${report.truncated ? ' (first anchors only)' : ''}: ${classes.join(', ')}`,
    );
  }
  return lines;
}

export function pageTable(rows: readonly PageReportRow[], width: number): string[] {
  return renderTable<PageReportRow>(
    [
      { header: 'Target URL', cell: (r) => r.targetUrl, flex: 1, clip: 'middle', comfortWidth: 40 },
      { header: 'Ref. domains', cell: (r) => count(r.refdomains), align: 'right' },
      { header: 'Links', cell: (r) => count(r.links), align: 'right' },
      { header: 'Dofollow', cell: (r) => count(r.dofollowLinks), align: 'right' },
      { header: 'First seen', cell: (r) => formatDay(r.firstSeen), optional: 2 },
      { header: 'Last seen', cell: (r) => formatDay(r.lastSeen), optional: 1 },
    ],
    rows,
    width,
  );
}
