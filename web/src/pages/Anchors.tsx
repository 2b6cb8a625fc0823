/**
 * The anchor texts of the target's links, counted and classified (branded, exact and partial match,
 * generic, naked URL, image, empty): an over-optimised profile shows as a large exact-match share.
 */
import type { AnchorClass, AnchorListing, AnchorRow } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ANCHOR_CLASS_LABELS, AnchorClassChart } from '../charts/AnchorClassChart.tsx';
import { type Column, DataTable } from '../components/DataTable.tsx';
import { DownloadLink } from '../components/DownloadLink.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { Pager } from '../components/Pager.tsx';
import { Panel } from '../components/Panel.tsx';
import { ReportFilters } from '../components/ReportFilters.tsx';
import { formatCount, formatDay, formatShare } from '../format.ts';
import {
  filterQuery,
  MAX_EXPORT_ROWS,
  pagingOf,
  setLimit,
  setOffset,
  sortStateOf,
  statusOf,
} from './listing.ts';
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
  {
    id: 'refdomains',
    header: 'Ref. domains',
    sortKey: 'refdomains',
    align: 'right',
    width: '8.5rem',
    render: (r) => formatCount(r.refdomains),
  },
  {
    id: 'links',
    header: 'Links',
    sortKey: 'links',
    align: 'right',
    width: '6rem',
    render: (r) => formatCount(r.links),
  },
  {
    id: 'dofollow',
    header: 'Dofollow',
    align: 'right',
    width: '6.5rem',
    render: (r) => formatCount(r.dofollowLinks),
  },
  {
    id: 'first',
    header: 'First seen',
    sortKey: 'first-seen',
    align: 'right',
    width: '7.5rem',
    render: (r) => formatDay(r.firstSeen),
  },
  { id: 'last', header: 'Last seen', align: 'right', width: '7.5rem', render: (r) => formatDay(r.lastSeen) },
];

export function Anchors({ target, params }: TargetPageProps) {
  const filters = filterQuery(target, params);
  const status = statusOf(params);
  const paging = pagingOf(params);
  const sort = sortStateOf(params, SORTS, 'links', (k) => (k === 'anchor' ? 'asc' : 'desc'));
  const query = { ...filters, status, ...sort.query };
  const listing = useApi<AnchorListing>({ path: 'anchors', query: { ...query, ...paging } });
  const classes = listing.data?.classes ?? {};
  const totalLinks = Object.values(classes).reduce((s, n) => s + (n ?? 0), 0);
  const page = listing.data?.page;
  return (
    <div className="page-grid">
      <div className="row row-anchors">
        <Panel
          title="Anchor texts"
          actions={
            <DownloadLink
              path="anchors"
              query={{ ...query, format: 'csv', limit: MAX_EXPORT_ROWS }}
              filename={`anchors-${target.target}.csv`}
              testId="export-csv"
            >
              Export CSV
            </DownloadLink>
          }
          testId="panel-anchors"
        >
          <ReportFilters
            params={params}
            show={['status', 'kind', 'placement', 'since', 'dofollow', 'internal']}
          />
          <ErrorBanner error={listing.error} onRetry={listing.reload} />
          <DataTable
            testId="table-anchors"
            columns={COLUMNS}
            rows={listing.data?.data ?? null}
            rowKey={(r, i) => `${paging.offset + i}|${r.anchor}|${r.image}`}
            loading={listing.loading}
            sort={sort}
            empty={<EmptyState title="No anchors match these filters" />}
          />
          <Pager
            offset={page?.offset ?? paging.offset}
            limit={paging.limit}
            count={page?.count ?? 0}
            nextOffset={page?.nextOffset ?? null}
            onOffset={setOffset}
            onLimit={setLimit}
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
