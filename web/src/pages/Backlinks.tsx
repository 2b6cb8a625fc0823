/**
 * Every link to the target, one row per ledger link, paged on the server (`limit` / `offset`): the page
 * never asks for more rows than it shows, so a target with a million links is as quick as one with ten.
 * The total comes from the profile with the same filters (one aggregate query). CSV export downloads
 * the whole listing from `backlinks/export`, which streams it (no page size).
 */
import type { ReactNode } from 'react';
import type { Backlink, Listing } from '../api/types.ts';
import { AuthorityValue as Authority, Badge, QualityScore, RelBadges } from '../components/Badges.tsx';
import type { Column } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ExternalUrl } from '../components/ExternalUrl.tsx';
import { Panel } from '../components/Panel.tsx';
import { REPORT_FILTERS, ReportFilters } from '../components/ReportFilters.tsx';
import { formatDay, formatDecimal } from '../format.ts';
import { boolParam } from '../router/params.ts';
import { firstSeenColumn, lastSeenColumn } from './columns.tsx';
import { type ExplainSpec, explainSpecOf, openExplain, sameLink } from './explain/explainParam.ts';
import { QualityDrawer } from './explain/QualityDrawer.tsx';
import { CountTitle, ExportCsv, ListingTable } from './ListingTable.tsx';
import { filterQuery, sortStateOf, statusOf, useCounts, useListing } from './listing.ts';
import type { TargetPageProps } from './types.ts';

const SORTS = ['first-seen', 'last-seen', 'lost-at', 'source-url', 'source-domain', 'anchor'] as const;

export function Backlinks({ target, params }: TargetPageProps) {
  const filters = filterQuery(target, params);
  const status = statusOf(params);
  const quality = boolParam(params, 'quality');
  const sort = sortStateOf(params, SORTS, 'first-seen', () => 'desc');
  const query = { ...filters, status, ...sort.query, quality };
  const listing = useListing<Listing<Backlink>>('backlinks', query, params);
  const counts = useCounts(filters);
  const total = counts.data ? counts.data.links[status === 'all' ? 'total' : status] : null;
  const explain = explainSpecOf(params);
  const explainedRow = explain ? listing.data?.data.find((r) => sameLink(explain, specOf(r))) : undefined;

  return (
    <div className="page-grid">
      <Panel
        title={<CountTitle total={total} heading="Backlinks" noun="backlinks" testId="backlinks-total" />}
        actions={
          <ExportCsv
            path="backlinks/export"
            streamed
            query={{ ...query, quality: null }}
            filename={`backlinks-${target.target}.csv`}
            title="Every backlink with these filters and sort, as CSV (streamed: no row limit)"
          />
        }
        testId="panel-backlinks"
      >
        <ReportFilters params={params} show={[...REPORT_FILTERS, 'quality']} />
        <ListingTable
          listing={listing}
          error={listing.error ?? counts.error}
          testId="table-backlinks"
          columns={columnsFor(status, quality, explain)}
          rowKey={(r, i) => `${listing.paging.offset + i}|${r.sourceUrl}|${r.targetUrl}`}
          sort={sort}
          total={total}
          empty={<EmptyState title="No backlinks match these filters" />}
        />
      </Panel>
      <QualityDrawer spec={explain} shownScore={explainedRow?.quality} />
    </div>
  );
}

/** A backlink row as the explain route names it: source, target, kind and follow state. */
function specOf(r: Backlink): ExplainSpec {
  const followed = !r.nofollow && !r.sponsored && !r.ugc;
  return { source: r.sourceUrl, target: r.targetUrl, kind: r.kind, followed };
}

function anchorText(r: Backlink): ReactNode {
  if (r.anchor.trim() !== '') return r.anchor;
  return <span className="muted">{r.kind === 'img' ? '(image)' : '(no anchor text)'}</span>;
}

function columnsFor(status: string, quality: boolean, explain: ExplainSpec | null): Column<Backlink>[] {
  const columns: Column<Backlink>[] = [
    {
      id: 'source',
      header: 'Referring page',
      sortKey: 'source-url',
      firstOrder: 'asc',
      render: (r) => (
        <div className="cell-stack">
          <ExternalUrl url={r.sourceUrl} />
          <span className="cell-sub">{r.sourceDomain}</span>
        </div>
      ),
    },
    {
      id: 'da',
      header: 'DA',
      hint: 'Domain authority of the linking domain (0-100, from linkledger rank)',
      align: 'right',
      width: '4.5rem',
      render: (r) => <Authority score={r.sourceDomainAuthority} />,
    },
    {
      id: 'pa',
      header: 'PA',
      hint: 'Page authority of the linking page (0-100, from linkledger rank)',
      align: 'right',
      width: '4.5rem',
      render: (r) => <Authority score={r.sourceAuthority} />,
    },
    {
      id: 'anchor',
      header: 'Anchor and target URL',
      sortKey: 'anchor',
      firstOrder: 'asc',
      render: (r) => (
        <div className="cell-stack">
          <span className="anchor-text" title={r.anchor}>
            {anchorText(r)}
          </span>
          <ExternalUrl url={r.targetUrl} className="cell-sub" />
        </div>
      ),
    },
    {
      id: 'type',
      header: 'Type',
      width: '13.5rem',
      render: (r) => (
        <div className="badges">
          <RelBadges link={r} />
          <Badge>{r.kind}</Badge>
          <Badge tone="info">{r.placement}</Badge>
        </div>
      ),
    },
    firstSeenColumn({ sortable: true }),
    lastSeenColumn({ sortable: true }),
  ];
  if (status !== 'live')
    columns.push({
      id: 'lost',
      header: 'Lost',
      sortKey: 'lost-at',
      align: 'right',
      width: '9rem',
      render: (r) =>
        r.lostAt === null ? (
          <span className="muted">live</span>
        ) : (
          <div className="cell-stack">
            <span>{formatDay(r.lostAt)}</span>
            {r.lostReason && <span className="cell-sub tone-lost">{r.lostReason}</span>}
          </div>
        ),
    });
  if (quality)
    columns.push({
      id: 'quality',
      header: 'Quality',
      hint: 'Quality of the link, 0-100 (authority, relevance, anchor, placement...): click a score for its factors',
      align: 'right',
      width: '5.5rem',
      render: (r) => {
        if (r.quality === undefined) return <QualityScore score={undefined} />;
        const spec = specOf(r);
        const open = explain !== null && sameLink(explain, spec);
        return (
          <button
            type="button"
            className={`score-button${open ? ' is-open' : ''}`}
            aria-haspopup="dialog"
            aria-expanded={open}
            aria-label={`Quality ${formatDecimal(r.quality)}: why?`}
            title="Why this score? (the factors and their points)"
            data-testid="explain-open"
            onClick={(event) => openExplain(spec, event.currentTarget)}
          >
            <QualityScore score={r.quality} />
          </button>
        );
      },
    });
  return columns;
}
