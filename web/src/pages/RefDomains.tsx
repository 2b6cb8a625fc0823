/**
 * The domains linking to the target: links and followed links from each, when first and last seen, its
 * domain authority and its best link (followed, in content, oldest first). Paged and sorted on the server.
 */
import type { Listing, RefDomain } from '../api/types.ts';
import { Badge } from '../components/Badges.tsx';
import type { Column } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ExternalUrl } from '../components/ExternalUrl.tsx';
import { Panel } from '../components/Panel.tsx';
import { REPORT_FILTERS, ReportFilters } from '../components/ReportFilters.tsx';
import {
  authorityColumn,
  dofollowColumn,
  domainColumn,
  firstSeenColumn,
  lastSeenColumn,
  linksColumn,
} from './columns.tsx';
import { CountTitle, ExportCsv, ListingTable } from './ListingTable.tsx';
import { filterQuery, sortStateOf, statusOf, useCounts, useListing } from './listing.ts';
import type { TargetPageProps } from './types.ts';

const SORTS = ['links', 'dofollow-links', 'first-seen', 'last-seen', 'domain'] as const;

const COLUMNS: Column<RefDomain>[] = [
  domainColumn({ sortable: true, width: '22%' }),
  authorityColumn(),
  linksColumn({ sortable: true }),
  dofollowColumn({ sortable: true }),
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
  firstSeenColumn({ sortable: true }),
  lastSeenColumn({ sortable: true }),
];

export function RefDomains({ target, params }: TargetPageProps) {
  const filters = filterQuery(target, params);
  const status = statusOf(params);
  const sort = sortStateOf(params, SORTS, 'links', (k) => (k === 'domain' ? 'asc' : 'desc'));
  const query = { ...filters, status, ...sort.query };
  const listing = useListing<Listing<RefDomain>>('refdomains', query, params);
  // The profile counts live referring domains only; other statuses go without a total.
  const counts = useCounts(status === 'live' ? filters : null);
  const total = status === 'live' && counts.data ? counts.data.refdomains : null;
  return (
    <div className="page-grid">
      <Panel
        title={
          <CountTitle
            total={total}
            heading="Referring domains"
            noun="referring domains"
            testId="refdomains-total"
          />
        }
        actions={<ExportCsv path="refdomains" query={query} filename={`refdomains-${target.target}.csv`} />}
        testId="panel-refdomains"
      >
        <ReportFilters params={params} show={REPORT_FILTERS} />
        <ListingTable
          listing={listing}
          testId="table-refdomains"
          columns={COLUMNS}
          rowKey={(r) => r.domain}
          sort={sort}
          total={total}
          empty={<EmptyState title="No referring domains match these filters" />}
        />
      </Panel>
    </div>
  );
}
