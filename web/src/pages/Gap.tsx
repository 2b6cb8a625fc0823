/**
 * Competitor gap (link intersect): referring domains that link to at least `min` of the competitors but
 * not to the target, best prospects first (most competitors, then authority, then links).
 */
import { useEffect, useState } from 'react';
import type { GapDomain, Listing } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { AuthorityValue } from '../components/Badges.tsx';
import { type Column, DataTable } from '../components/DataTable.tsx';
import { DownloadLink } from '../components/DownloadLink.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { ExternalUrl } from '../components/ExternalUrl.tsx';
import { Pager } from '../components/Pager.tsx';
import { Panel } from '../components/Panel.tsx';
import { formatCount, formatDay } from '../format.ts';
import { updateParams } from '../router/hash.ts';
import { boolParam, flagValue, intParam, listParam } from '../router/params.ts';
import { MAX_EXPORT_ROWS, pagingOf, setLimit, setOffset } from './listing.ts';
import type { TargetPageProps } from './types.ts';

export function Gap({ target, params }: TargetPageProps) {
  const competitors = listParam(params, 'competitor');
  const min = Math.max(1, intParam(params, 'min', 1));
  const allLinks = boolParam(params, 'allLinks');
  // Gap compares whole sites: a domain or a host (a URL target falls back to its domain).
  const scope = target.scope === 'host' ? 'host' : 'domain';
  const paging = pagingOf(params);
  const query = {
    target: target.target,
    scope,
    competitor: competitors.join(','),
    min: String(min),
    allLinks,
  };
  const gap = useApi<Listing<GapDomain>>(
    competitors.length === 0 ? null : { path: 'gap', query: { ...query, ...paging } },
  );
  const page = gap.data?.page;

  const columns: Column<GapDomain>[] = [
    {
      id: 'domain',
      header: 'Referring domain',
      render: (d) => <ExternalUrl url={`http://${d.domain}/`} label={d.domain} />,
    },
    {
      id: 'authority',
      header: 'DA',
      hint: 'Domain authority (0-100, from linkledger rank)',
      align: 'right',
      width: '5.5rem',
      render: (d) => <AuthorityValue score={d.authority} />,
    },
    {
      id: 'count',
      header: 'Competitors',
      hint: 'How many of the competitors the domain links to',
      align: 'right',
      width: '8.5rem',
      render: (d) => `${d.competitorCount} of ${competitors.length}`,
    },
    ...competitors.map(
      (c): Column<GapDomain> => ({
        id: `c-${c}`,
        header: <span title={`Links from the domain to ${c}`}>{c}</span>,
        align: 'right',
        width: '8rem',
        render: (d) => {
          const n = d.linksPerCompetitor[c] ?? 0;
          return n === 0 ? <span className="muted">—</span> : formatCount(n);
        },
      }),
    ),
    { id: 'links', header: 'Links', align: 'right', width: '5.5rem', render: (d) => formatCount(d.links) },
    {
      id: 'first',
      header: 'First seen',
      align: 'right',
      width: '7.5rem',
      render: (d) => formatDay(d.firstSeen),
    },
  ];

  return (
    <div className="page-grid">
      <GapForm competitors={competitors} min={min} allLinks={allLinks} />
      <Panel
        title={
          <>
            Domains linking to competitors, not to <span className="target-name">{target.target}</span>
          </>
        }
        actions={
          competitors.length > 0 && (
            <DownloadLink
              path="gap"
              query={{ ...query, format: 'csv', limit: MAX_EXPORT_ROWS }}
              filename={`gap-${target.target}.csv`}
              testId="export-csv"
            >
              Export CSV
            </DownloadLink>
          )
        }
        testId="panel-gap"
      >
        <ErrorBanner error={gap.error} onRetry={gap.reload} />
        {competitors.length === 0 ? (
          <EmptyState title="Add competitors to compare" testId="gap-empty">
            Enter one or more competitor domains above: the table lists the domains that link to them but not
            to your target.
          </EmptyState>
        ) : (
          <>
            <DataTable
              testId="table-gap"
              columns={columns}
              rows={gap.data?.data ?? null}
              rowKey={(d) => d.domain}
              loading={gap.loading}
              empty={
                <EmptyState title="No gap: every domain linking to these competitors links to you too" />
              }
            />
            <Pager
              offset={page?.offset ?? paging.offset}
              limit={paging.limit}
              count={page?.count ?? 0}
              nextOffset={page?.nextOffset ?? null}
              onOffset={setOffset}
              onLimit={setLimit}
            />
          </>
        )}
      </Panel>
    </div>
  );
}

function GapForm({ competitors, min, allLinks }: { competitors: string[]; min: number; allLinks: boolean }) {
  const [text, setText] = useState(competitors.join('\n'));
  const [minText, setMinText] = useState(String(min));
  const key = `${competitors.join(',')}|${min}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the route values
  useEffect(() => {
    setText(competitors.join('\n'));
    setMinText(String(min));
  }, [key]);
  return (
    <form
      className="panel gap-form"
      onSubmit={(event) => {
        event.preventDefault();
        const list = [
          ...new Set(
            text
              .split(/[\s,]+/)
              .map((c) => c.trim())
              .filter((c) => c !== ''),
          ),
        ];
        const k = Number(minText);
        updateParams({
          competitor: list.join(',') || null,
          min: Number.isInteger(k) && k > 1 ? String(Math.min(k, Math.max(list.length, 1))) : null,
          offset: null,
        });
      }}
    >
      <label className="field field-grow">
        <span className="field-label">Competitors (one per line or comma-separated)</span>
        <textarea
          rows={3}
          value={text}
          placeholder={'competitor-a.com\ncompetitor-b.com'}
          spellCheck={false}
          data-testid="gap-competitors"
          onChange={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <div className="gap-options">
        <label className="field">
          <span className="field-label" title="A domain must link to at least this many competitors">
            Linking to at least
          </span>
          <input
            type="number"
            min={1}
            step={1}
            value={minText}
            className="input-narrow"
            data-testid="gap-min"
            onChange={(e) => setMinText(e.currentTarget.value)}
          />
        </label>
        <label className="filter filter-check">
          <input
            type="checkbox"
            checked={allLinks}
            data-testid="gap-all-links"
            onChange={(e) => updateParams({ allLinks: flagValue(e.currentTarget.checked), offset: null })}
          />
          Count nofollow links too
        </label>
        <button type="submit" className="button button-primary" data-testid="gap-submit">
          Find gap
        </button>
      </div>
    </form>
  );
}
