/**
 * The anchor texts of the target's links, counted and classified (branded, exact and partial match,
 * generic, naked URL, image, empty): an over-optimised profile shows as a large exact-match share.
 */
import type { AnchorClass, AnchorListing, AnchorRow } from '../api/types.ts';
import { ANCHOR_CLASS_LABELS, AnchorClassChart } from '../charts/AnchorClassChart.tsx';
import type { Column } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Panel } from '../components/Panel.tsx';
import { REPORT_FILTERS, ReportFilters } from '../components/ReportFilters.tsx';
import { formatCount, formatShare } from '../format.ts';
import {
  dofollowColumn,
  firstSeenColumn,
  lastSeenColumn,
  linksColumn,
  refdomainsColumn,
} from './columns.tsx';
import { ExportCsv, ListingTable } from './ListingTable.tsx';
import { filterQuery, MAX_EXPORT_ROWS, sortStateOf, statusOf, useListing } from './listing.ts';
import type { TargetPageProps } from './types.ts';

const SORTS = ['links', 'refdomains', 'first-seen', 'anchor'] as const;

const CLASS_TONES: Record<AnchorClass, string> = {
  branded: 'good',
  exact: 'bad',
  partial: 'warn',
  generic: 'muted',
  'naked-url': 'info',
  image: 'info',
  empty: 'muted',
  other: 'muted',
};

const COLUMNS: Column<AnchorRow>[] = [
  {
    id: 'anchor',
    header: 'Anchor',
    sortKey: 'anchor',
    firstOrder: 'asc',
    render: (r) =>
      r.anchor.trim() === '' ? (
        <span className="muted">{r.image ? '(image without alt text)' : '(no anchor text)'}</span>
      ) : (
        <span className="anchor-text" title={r.anchor}>
          {r.anchor}
        </span>
      ),
  },
  {
    id: 'class',
    header: 'Class',
    width: '8.5rem',
    render: (r) => (
      <span className={`badge badge-${CLASS_TONES[r.class]}`}>{ANCHOR_CLASS_LABELS[r.class]}</span>
    ),
  },
  refdomainsColumn({ sortable: true }),
  linksColumn({ sortable: true }),
  dofollowColumn(),
  firstSeenColumn({ sortable: true }),
  lastSeenColumn(),
];

export function Anchors({ target, params }: TargetPageProps) {
  const sort = sortStateOf(params, SORTS, 'links', (k) => (k === 'anchor' ? 'asc' : 'desc'));
  const query = { ...filterQuery(target, params), status: statusOf(params), ...sort.query };
  const listing = useListing<AnchorListing>('anchors', query, params);
  const classes = listing.data?.classes ?? {};
  const totalLinks = Object.values(classes).reduce((s, n) => s + (n ?? 0), 0);
  return (
    <div className="page-grid">
      <div className="row row-anchors">
        <Panel
          title="Anchor texts"
          actions={<ExportCsv path="anchors" query={query} filename={`anchors-${target.target}.csv`} />}
          testId="panel-anchors"
        >
          <ReportFilters params={params} show={REPORT_FILTERS} />
          <ListingTable
            listing={listing}
            testId="table-anchors"
            columns={COLUMNS}
            rowKey={(r, i) => `${listing.paging.offset + i}|${r.anchor}|${r.image}`}
            sort={sort}
            empty={<EmptyState title="No anchors match these filters" />}
          />
        </Panel>
        <Panel title="Anchor classes" testId="panel-anchor-classes">
          <AnchorClassChart classes={classes} testId="chart-anchors" />
          <table className="table table-compact" data-testid="anchor-classes">
            <tbody>
              {Object.entries(ANCHOR_CLASS_LABELS).map(([key, label]) => {
                const n = classes[key as AnchorClass] ?? 0;
                return (
                  <tr key={key}>
                    <th scope="row">{label}</th>
                    <td className="align-right" data-testid={`class-${key}`}>
                      {formatCount(n)}
                    </td>
                    <td className="align-right muted">
                      {totalLinks === 0 ? '—' : formatShare(n / totalLinks)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {listing.data?.truncated && (
            <p className="note">Counted over the first {formatCount(MAX_EXPORT_ROWS)} anchors only.</p>
          )}
        </Panel>
      </div>
    </div>
  );
}
