/**
 * The domains linking to the target: links and followed links from each, when first and last seen, its
 * domain authority and its best link (followed, in content, oldest first). Paged and sorted on the server.
 */
import type { Listing, Profile, RefDomain } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { AuthorityValue, Badge } from '../components/Badges.tsx';
import { type Column, DataTable } from '../components/DataTable.tsx';
import { DownloadLink } from '../components/DownloadLink.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { ExternalUrl } from '../components/ExternalUrl.tsx';
import { Pager } from '../components/Pager.tsx';
import { Panel } from '../components/Panel.tsx';
import { ReportFilters } from '../components/ReportFilters.tsx';
import { formatCount, formatDay } from '../format.ts';
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

const SORTS = ['links', 'dofollow-links', 'first-seen', 'last-seen', 'domain'] as const;

const COLUMNS: Column<RefDomain>[] = [
  {
    id: 'domain',
    header: 'Domain',
    sortKey: 'domain',
    firstOrder: 'asc',
    width: '22%',
    render: (r) => <ExternalUrl url={`http://${r.domain}/`} label={r.domain} />,
  },
  {
    id: 'authority',
    header: 'DA',
    hint: 'Domain authority (0-100, from linkledger rank)',
    align: 'right',
    width: '5.5rem',
    render: (r) => <AuthorityValue score={r.authority} />,
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
    sortKey: 'dofollow-links',
    align: 'right',
    width: '6.5rem',
    render: (r) => formatCount(r.dofollowLinks),
  },
  {
    id: 'best',
    header: 'Best link',
    hint: 'Followed, in the content, oldest first',
    render: (r) => (
      <div className="cell-stack">
        <ExternalUrl url={r.bestLink.sourceUrl} />
        <span className="cell-sub">
          {r.bestLink.anchor.trim() === '' ? (
            <span className="muted">(no anchor text)</span>
          ) : (
            r.bestLink.anchor
          )}{' '}
          <Badge tone={r.bestLink.dofollow ? 'good' : 'muted'}>
            {r.bestLink.dofollow ? 'dofollow' : 'nofollow'}
          </Badge>{' '}
          <Badge tone="info">{r.bestLink.placement}</Badge>
        </span>
      </div>
    ),
  },
  {
    id: 'first',
    header: 'First seen',
    sortKey: 'first-seen',
    align: 'right',
    width: '7.5rem',
    render: (r) => formatDay(r.firstSeen),
  },
  {
    id: 'last',
    header: 'Last seen',
    sortKey: 'last-seen',
    align: 'right',
    width: '7.5rem',
    render: (r) => formatDay(r.lastSeen),
  },
];

export function RefDomains({ target, params }: TargetPageProps) {
  const filters = filterQuery(target, params);
  const status = statusOf(params);
  const paging = pagingOf(params);
  const sort = sortStateOf(params, SORTS, 'links', (k) => (k === 'domain' ? 'asc' : 'desc'));
  const query = { ...filters, status, ...sort.query };
  const listing = useApi<Listing<RefDomain>>({ path: 'refdomains', query: { ...query, ...paging } });
  // The profile counts live referring domains only; other statuses go without a total.
  const counts = useApi<Profile>(
    status === 'live' ? { path: 'profile', query: { ...filters, top: 1 } } : null,
  );
  const total = status === 'live' && counts.data ? counts.data.refdomains : null;
  const page = listing.data?.page;
  return (
    <div className="page-grid">
      <Panel
        title={
          total === null ? (
            'Referring domains'
          ) : (
            <>
              <span data-testid="refdomains-total">{formatCount(total)}</span> referring domains
            </>
          )
        }
        actions={
          <DownloadLink
            path="refdomains"
            query={{ ...query, format: 'csv', limit: MAX_EXPORT_ROWS }}
            filename={`refdomains-${target.target}.csv`}
            testId="export-csv"
          >
            Export CSV
          </DownloadLink>
        }
        testId="panel-refdomains"
      >
        <ReportFilters
          params={params}
          show={['status', 'kind', 'placement', 'since', 'dofollow', 'internal']}
        />
        <ErrorBanner error={listing.error} onRetry={listing.reload} />
        <DataTable
          testId="table-refdomains"
          columns={COLUMNS}
          rows={listing.data?.data ?? null}
          rowKey={(r) => r.domain}
          loading={listing.loading}
          sort={sort}
          empty={<EmptyState title="No referring domains match these filters" />}
        />
        <Pager
          offset={page?.offset ?? paging.offset}
          limit={paging.limit}
          count={page?.count ?? 0}
          nextOffset={page?.nextOffset ?? null}
          total={total}
          onOffset={setOffset}
          onLimit={setLimit}
        />
      </Panel>
    </div>
  );
}
