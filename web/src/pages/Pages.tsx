/**
 * The target's pages by the links they get, or (`broken=true`) its broken pages: pages whose latest
 * capture answered 4xx while live links still point at them, with the best of those links. Redirect or
 * restore them to win the links back.
 */
import type { BrokenPage, LinkedPage, Listing } from '../api/types.ts';
import { AuthorityValue } from '../components/Badges.tsx';
import type { Column } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ExternalUrl } from '../components/ExternalUrl.tsx';
import { Panel } from '../components/Panel.tsx';
import { REPORT_FILTERS, ReportFilters } from '../components/ReportFilters.tsx';
import { formatDay } from '../format.ts';
import { updateParams } from '../router/hash.ts';
import { boolParam, flagValue } from '../router/params.ts';
import {
  dofollowColumn,
  firstSeenColumn,
  lastSeenColumn,
  linksColumn,
  refdomainsColumn,
} from './columns.tsx';
import { ExportCsv, ListingTable } from './ListingTable.tsx';
import { filterQuery, sortStateOf, statusOf, useListing } from './listing.ts';
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
  refdomainsColumn({ sortable: true }),
  linksColumn({ sortable: true }),
  dofollowColumn({ sortable: true }),
  firstSeenColumn({ sortable: true }),
  lastSeenColumn({ sortable: true }),
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
  refdomainsColumn({ width: '7.5rem' }),
  linksColumn({ width: '5.5rem' }),
  dofollowColumn(),
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
  const sort = sortStateOf(params, SORTS, 'refdomains', (k) => (k === 'url' ? 'asc' : 'desc'));
  // Broken pages have their own order (most referring domains first): the API refuses sort with them.
  const query = broken
    ? { ...filters, broken: true }
    : { ...filters, status: statusOf(params), ...sort.query };
  // One listing per row shape: the two never mix, and only the one shown is fetched.
  const linked = useListing<Listing<LinkedPage>>('pages', broken ? null : query, params);
  const brokenPages = useListing<Listing<BrokenPage>>('pages', broken ? query : null, params);
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
            <ExportCsv
              path="pages"
              query={query}
              filename={`${broken ? 'broken-pages' : 'pages'}-${target.target}.csv`}
            />
          </>
        }
        testId="panel-pages"
      >
        <ReportFilters
          params={params}
          show={broken ? REPORT_FILTERS.filter((f) => f !== 'status') : REPORT_FILTERS}
        />
        {broken ? (
          <ListingTable
            listing={brokenPages}
            testId="table-broken-pages"
            columns={BROKEN_COLUMNS}
            rowKey={(r) => r.targetUrl}
            empty={
              <EmptyState title="No broken pages known">
                The ledger knows a page is broken once it has a 4xx capture of it: crawl or verify the
                target's pages (<code>linkledger crawl</code>, <code>linkledger verify</code>), or import
                them.
              </EmptyState>
            }
          />
        ) : (
          <ListingTable
            listing={linked}
            testId="table-pages"
            columns={LINKED_COLUMNS}
            rowKey={(r) => r.targetUrl}
            sort={sort}
            empty={<EmptyState title="No linked pages match these filters" />}
          />
        )}
      </Panel>
    </div>
  );
}
