/**
 * The target's pages by the links they get, or (`broken=true`) its broken pages: pages whose latest
 * capture answered 4xx while live links still point at them, with the best of those links. Redirect or
 * restore them to win the links back.
 */
import type { BrokenPage, LinkedPage, Listing } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { AuthorityValue } from '../components/Badges.tsx';
import { type Column, DataTable } from '../components/DataTable.tsx';
import { DownloadLink } from '../components/DownloadLink.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { ExternalUrl } from '../components/ExternalUrl.tsx';
import { Pager } from '../components/Pager.tsx';
import { Panel } from '../components/Panel.tsx';
import { ReportFilters } from '../components/ReportFilters.tsx';
import { formatCount, formatDay } from '../format.ts';
import { updateParams } from '../router/hash.ts';
import { boolParam, flagValue } from '../router/params.ts';
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

const SORTS = ['refdomains', 'links', 'dofollow-links', 'first-seen', 'last-seen', 'url'] as const;

const LINKED_COLUMNS: Column<LinkedPage>[] = [
  {
    id: 'url',
    header: 'Page',
    sortKey: 'url',
    firstOrder: 'asc',
    render: (r) => <ExternalUrl url={r.targetUrl} />,
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
    sortKey: 'dofollow-links',
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
  {
    id: 'last',
    header: 'Last seen',
    sortKey: 'last-seen',
    align: 'right',
    width: '7.5rem',
    render: (r) => formatDay(r.lastSeen),
  },
];

const BROKEN_COLUMNS: Column<BrokenPage>[] = [
  { id: 'url', header: 'Broken page', render: (r) => <ExternalUrl url={r.targetUrl} /> },
  {
    id: 'status',
    header: 'Status',
    align: 'right',
    width: '5rem',
    render: (r) => <span className="tone-lost">{r.status}</span>,
  },
  {
    id: 'checked',
    header: 'Checked',
    align: 'right',
    width: '7.5rem',
    render: (r) => formatDay(r.checkedAt),
  },
  {
    id: 'refdomains',
    header: 'Ref. domains',
    align: 'right',
    width: '7.5rem',
    render: (r) => formatCount(r.refdomains),
  },
  { id: 'links', header: 'Links', align: 'right', width: '5.5rem', render: (r) => formatCount(r.links) },
  {
    id: 'dofollow',
    header: 'Dofollow',
    align: 'right',
    width: '6.5rem',
    render: (r) => formatCount(r.dofollowLinks),
  },
  {
    id: 'best',
    header: 'Best links to win back',
    render: (r) => (
      <ul className="plain-list">
        {r.bestLinks.map((b) => (
          <li key={b.sourceUrl}>
            <ExternalUrl url={b.sourceUrl} /> <span className="cell-sub">DA </span>
            <AuthorityValue score={b.sourceDomainAuthority} />
          </li>
        ))}
      </ul>
    ),
  },
];

export function Pages({ target, params }: TargetPageProps) {
  const broken = boolParam(params, 'broken');
  const filters = filterQuery(target, params);
  const status = statusOf(params);
  const paging = pagingOf(params);
  const sort = sortStateOf(params, SORTS, 'refdomains', (k) => (k === 'url' ? 'asc' : 'desc'));
  // Broken pages have their own order (most referring domains first): the API refuses sort with them.
  const query = broken ? { ...filters, broken: true } : { ...filters, status, ...sort.query };
  // One hook per listing: the two row shapes never mix, and only the one shown is fetched.
  const linked = useApi<Listing<LinkedPage>>(
    broken ? null : { path: 'pages', query: { ...query, ...paging } },
  );
  const brokenPages = useApi<Listing<BrokenPage>>(
    broken ? { path: 'pages', query: { ...query, ...paging } } : null,
  );
  const listing = broken ? brokenPages : linked;
  const page = listing.data?.page;
  return (
    <div className="page-grid">
      <Panel
        title={broken ? 'Broken pages' : 'Most linked pages'}
        actions={
          <>
            <fieldset className="segmented" aria-label="Pages shown">
              <button
                type="button"
                className={broken ? '' : 'is-active'}
                aria-pressed={!broken}
                data-testid="pages-linked"
                onClick={() => updateParams({ broken: null, offset: null, sort: null, order: null })}
              >
                Most linked
              </button>
              <button
                type="button"
                className={broken ? 'is-active' : ''}
                aria-pressed={broken}
                data-testid="pages-broken"
                onClick={() =>
                  updateParams({ broken: flagValue(true), offset: null, sort: null, order: null })
                }
              >
                Broken (4xx)
              </button>
            </fieldset>
            <DownloadLink
              path="pages"
              query={{ ...query, format: 'csv', limit: MAX_EXPORT_ROWS }}
              filename={`${broken ? 'broken-pages' : 'pages'}-${target.target}.csv`}
              testId="export-csv"
            >
              Export CSV
            </DownloadLink>
          </>
        }
        testId="panel-pages"
      >
        <ReportFilters
          params={params}
          show={
            broken
              ? ['kind', 'placement', 'since', 'dofollow', 'internal']
              : ['status', 'kind', 'placement', 'since', 'dofollow', 'internal']
          }
        />
        <ErrorBanner error={listing.error} onRetry={listing.reload} />
        {broken ? (
          <DataTable
            testId="table-broken-pages"
            columns={BROKEN_COLUMNS}
            rows={brokenPages.data?.data ?? null}
            rowKey={(r) => r.targetUrl}
            loading={listing.loading}
            empty={
              <EmptyState title="No broken pages known">
                The ledger knows a page is broken once it has a 4xx capture of it: crawl or verify the
                target's pages (<code>linkledger crawl</code>, <code>linkledger verify</code>), or import
                them.
              </EmptyState>
            }
          />
        ) : (
          <DataTable
            testId="table-pages"
            columns={LINKED_COLUMNS}
            rows={linked.data?.data ?? null}
            rowKey={(r) => r.targetUrl}
            loading={listing.loading}
            sort={sort}
            empty={<EmptyState title="No linked pages match these filters" />}
          />
        )}
        <Pager
          offset={page?.offset ?? paging.offset}
          limit={paging.limit}
          count={page?.count ?? 0}
          nextOffset={page?.nextOffset ?? null}
          onOffset={setOffset}
          onLimit={setLimit}
        />
      </Panel>
    </div>
  );
}
