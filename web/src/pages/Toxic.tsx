/**
 * Toxic review: the backlinks that look harmful, each with a score, its reasons and the evidence (every
 * reason tied to one of Google's link-scheme examples), grouped by referring domain too. From here a
 * reviewer whitelists what is fine and generates the disavow file for the rest.
 */
import type { ToxicDomain, ToxicLink, ToxicReport, Whitelist } from '../api/types.ts';
import { useAction } from '../api/useAction.ts';
import { useApi } from '../api/useApi.ts';
import { ToxicScore } from '../components/Badges.tsx';
import { type Column, DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { ExternalUrl } from '../components/ExternalUrl.tsx';
import { Check, Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { Pager } from '../components/Pager.tsx';
import { Panel } from '../components/Panel.tsx';
import { StatCard } from '../components/StatCard.tsx';
import { formatCount } from '../format.ts';
import { entriesOf, useDrafts } from '../router/drafts.ts';
import { updateParams } from '../router/hash.ts';
import { boolParam, flagValue, intParam, listParam, oneOfParam } from '../router/params.ts';
import { targetQuery } from '../target.ts';
import { domainColumn } from './columns.tsx';
import { type ExplainSpec, explainSpecOf, openExplain, sameLink } from './explain/explainParam.ts';
import { QualityDrawer } from './explain/QualityDrawer.tsx';
import { DisavowPanel } from './toxic/DisavowPanel.tsx';
import { changeWhitelist, WhitelistPanel } from './toxic/WhitelistPanel.tsx';
import type { TargetPageProps } from './types.ts';

/** The report is computed whole on the server; the browser shows it a page at a time. */
const ROWS_PER_PAGE = 50;

export function Toxic({ target, params }: TargetPageProps) {
  const all = boolParam(params, 'all');
  const minScoreText = params.get('minScore');
  const minScore =
    minScoreText !== null && /^\d{1,3}(\.\d+)?$/.test(minScoreText) ? Number(minScoreText) : null;
  const trusted = listParam(params, 'trusted');
  const view = oneOfParam(params, 'view', ['domains', 'links'] as const, 'domains');
  const offset = intParam(params, 'offset', 0);
  const explain = explainSpecOf(params);
  const report = useApi<ToxicReport>({
    path: 'toxic',
    query: { ...targetQuery(target), all, minScore: minScoreText, trusted: trusted.join(',') },
  });
  const whitelist = useApi<Whitelist>({ path: 'whitelist', query: { target: target.target } });
  const action = useAction();
  const r = report.data;
  const flaggedDomains = r ? r.domains.filter((d) => all || d.flaggedLinks > 0) : null;

  const whitelistAndReload = (entry: string) =>
    void action
      .run(async () => {
        await changeWhitelist(target.target, { add: [entry], note: 'reviewed in the dashboard' });
        return `${entry} whitelisted: it no longer counts as toxic.`;
      })
      .then((ok) => {
        if (!ok) return;
        report.reload();
        whitelist.reload();
      });

  return (
    <div className="page-grid">
      <ToxicControls params={params} />
      <ErrorBanner error={report.error} onRetry={report.reload} />
      <div className="stats">
        <StatCard
          label={all ? 'Assessed links' : 'Toxic links'}
          testId="stat-toxic-links"
          value={r && formatCount(r.links.length)}
        />
        <StatCard
          label="Domains"
          testId="stat-toxic-domains"
          value={flaggedDomains && formatCount(flaggedDomains.length)}
          detail={r && `of ${formatCount(r.domains.length)} referring domains`}
        />
        <StatCard
          label="Whitelisted links"
          testId="stat-whitelisted"
          value={r && formatCount(r.whitelisted.links)}
        />
        <StatCard
          label="Checks not run"
          testId="stat-unavailable"
          value={r && formatCount(r.unavailable.length)}
          detail={r && (r.unavailable.length === 0 ? 'every detector ran' : 'missing facts, see below')}
        />
      </div>
      <Notice notice={action.notice} error={action.error} testId="toxic-action" />
      <div className="row row-toxic">
        <Panel
          title={
            <div className="segmented" role="tablist" aria-label="Group by">
              {(['domains', 'links'] as const).map((v) => (
                <button
                  key={v}
                  type="button"
                  role="tab"
                  aria-selected={view === v}
                  className={view === v ? 'is-active' : ''}
                  data-testid={`toxic-view-${v}`}
                  onClick={() => updateParams({ view: v === 'domains' ? null : v, offset: null })}
                >
                  {v === 'domains' ? 'By domain' : 'By link'}
                </button>
              ))}
            </div>
          }
          testId="panel-toxic"
        >
          {view === 'domains' ? (
            <ToxicDomains
              rows={flaggedDomains}
              loading={report.loading}
              offset={offset}
              busy={action.busy}
              onWhitelist={whitelistAndReload}
            />
          ) : (
            <ToxicLinks
              rows={r?.links ?? null}
              loading={report.loading}
              offset={offset}
              busy={action.busy}
              onWhitelist={whitelistAndReload}
              explain={explain}
            />
          )}
          {r && r.unavailable.length > 0 && (
            <details className="details" data-testid="toxic-unavailable">
              <summary>Checks that could not run ({r.unavailable.length})</summary>
              <ul className="plain-list">
                {r.unavailable.map((u) => (
                  <li key={u.code}>
                    <code>{u.code}</code>: {u.why}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {r && r.unknownSeeds.length > 0 && (
            <p className="note">
              Trusted domains the ledger does not know (they seed nothing): {r.unknownSeeds.join(', ')}
            </p>
          )}
        </Panel>
        <div className="stack">
          <DisavowPanel target={target.target} scope={target.scope} minScore={minScore} trusted={trusted} />
          <WhitelistPanel
            target={target.target}
            whitelist={whitelist}
            onChanged={() => {
              report.reload();
              whitelist.reload();
            }}
          />
        </div>
      </div>
      <QualityDrawer spec={explain} />
    </div>
  );
}

/** Score threshold, "all assessed links", trusted domains: applied on submit (the report is heavy). */
function ToxicControls({ params }: { params: URLSearchParams }) {
  // Any change of the route (the view, the page too) sets the drafts back to what it says.
  const drafts = useDrafts(
    { minScore: params.get('minScore') ?? '', trusted: listParam(params, 'trusted').join(', ') },
    params.toString(),
  );
  return (
    <form
      className="filters panel"
      onSubmit={(event) => {
        event.preventDefault();
        updateParams({
          minScore: drafts.values.minScore.trim() || null,
          trusted: entriesOf(drafts.values.trusted).join(',') || null,
          offset: null,
        });
      }}
    >
      <Field look="filter" label="Min. score">
        <input
          type="number"
          min={0}
          max={100}
          step={1}
          placeholder="default"
          className="input-narrow"
          data-testid="toxic-min-score"
          {...drafts.bind('minScore')}
        />
      </Field>
      <Field
        look="filter"
        label="Trusted domains"
        className="filter-wide"
        title="Domains you trust: with them, each referring domain's spam mass is computed"
      >
        <input
          type="text"
          placeholder="wikipedia.org, bbc.co.uk"
          data-testid="toxic-trusted"
          {...drafts.bind('trusted')}
        />
      </Field>
      <Check
        checked={boolParam(params, 'all')}
        testId="toxic-all"
        onChange={(on) => updateParams({ all: flagValue(on), offset: null })}
      >
        All assessed links
      </Check>
      <button type="submit" className="button" data-testid="toxic-apply">
        Apply
      </button>
    </form>
  );
}

interface TableProps<T> {
  rows: readonly T[] | null;
  loading: boolean;
  offset: number;
  busy: boolean;
  onWhitelist: (entry: string) => void;
}

/** Both views lead with the row's toxicity score. */
const scoreColumn = <T extends { score: number }>(): Column<T> => ({
  id: 'score',
  header: 'Score',
  align: 'right',
  width: '4.5rem',
  render: (row) => <ToxicScore score={row.score} />,
});

function ToxicDomains({ rows, loading, offset, busy, onWhitelist }: TableProps<ToxicDomain>) {
  const columns: Column<ToxicDomain>[] = [
    scoreColumn(),
    domainColumn({ width: '24%' }),
    {
      id: 'flagged',
      header: 'Flagged links',
      align: 'right',
      width: '8rem',
      render: (d) => `${formatCount(d.flaggedLinks)} of ${formatCount(d.links)}`,
    },
    {
      id: 'reasons',
      header: 'Reasons',
      render: (d) => (
        <div className="badges">
          {d.reasons.map((reason) => (
            <span
              key={reason.code}
              className="badge badge-warn"
              title={`Google link scheme: ${reason.scheme}`}
            >
              {reason.code} ×{formatCount(reason.links)}
            </span>
          ))}
        </div>
      ),
    },
    {
      id: 'action',
      header: '',
      align: 'right',
      width: '8.5rem',
      render: (d) => (
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          data-testid="whitelist-domain"
          data-domain={d.domain}
          onClick={() => onWhitelist(`domain:${d.domain}`)}
        >
          Whitelist
        </button>
      ),
    },
  ];
  return (
    <PagedRows
      testId="table-toxic-domains"
      columns={columns}
      rows={rows}
      loading={loading}
      offset={offset}
      keyOf={(d) => d.domain}
    />
  );
}

/** A toxic link's quality: the report has no kind per row, so the drawer shows every link source → target. */
const specOf = (l: ToxicLink): ExplainSpec => ({
  source: l.sourceUrl,
  target: l.targetUrl,
  kind: l.kind,
  followed: !l.nofollow && !l.sponsored && !l.ugc,
});

function ToxicLinks({
  rows,
  loading,
  offset,
  busy,
  onWhitelist,
  explain,
}: TableProps<ToxicLink> & { explain: ExplainSpec | null }) {
  const columns: Column<ToxicLink>[] = [
    scoreColumn(),
    {
      id: 'link',
      header: 'Linking page → target',
      width: '34%',
      render: (l) => (
        <div className="cell-stack">
          <ExternalUrl url={l.sourceUrl} />
          <span className="cell-sub">
            → <ExternalUrl url={l.targetUrl} />
          </span>
        </div>
      ),
    },
    {
      id: 'reasons',
      header: 'Reasons and evidence',
      render: (l) =>
        l.reasons.length === 0 ? (
          <span className="muted">
            {l.qualified ? 'nofollow/sponsored/ugc: passes no credit' : 'no reason found'}
          </span>
        ) : (
          <ul className="reasons">
            {l.reasons.map((reason) => (
              <li key={reason.code}>
                <span className="badge badge-warn" title={`Google link scheme: ${reason.scheme}`}>
                  {reason.code}
                </span>{' '}
                <span className="evidence">{reason.evidence}</span>
              </li>
            ))}
          </ul>
        ),
    },
    {
      id: 'action',
      header: '',
      align: 'right',
      width: '9.5rem',
      render: (l) => (
        <div className="button-column">
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            data-testid="whitelist-url"
            onClick={() => onWhitelist(l.sourceUrl)}
          >
            Whitelist page
          </button>
          <button
            type="button"
            className="button button-small button-quiet"
            disabled={busy}
            data-testid="whitelist-link-domain"
            onClick={() => onWhitelist(`domain:${l.sourceDomain}`)}
          >
            Whole domain
          </button>
          <button
            type="button"
            className={`button button-small button-quiet${explain !== null && sameLink(explain, specOf(l)) ? ' is-open' : ''}`}
            aria-haspopup="dialog"
            title="The link's quality score (0-100) and the factors that make it"
            data-testid="explain-open"
            onClick={(event) => openExplain(specOf(l), event.currentTarget)}
          >
            Quality score
          </button>
        </div>
      ),
    },
  ];
  return (
    <PagedRows
      testId="table-toxic-links"
      columns={columns}
      rows={rows}
      loading={loading}
      offset={offset}
      keyOf={(l) => `${l.index}`}
    />
  );
}

/**
 * A page of rows the browser already holds (the whole report came in one answer). Not ListingTable: that
 * pages on the server through the route's `limit` and `offset`, this one slices, with a fixed page size.
 */
function PagedRows<T>(props: {
  testId: string;
  columns: Column<T>[];
  rows: readonly T[] | null;
  loading: boolean;
  offset: number;
  keyOf: (row: T) => string;
}) {
  const { rows, offset } = props;
  // A whitelisting can shrink the list under the current page: stay on the last page that exists.
  const lastStart =
    rows && rows.length > 0 ? Math.floor((rows.length - 1) / ROWS_PER_PAGE) * ROWS_PER_PAGE : 0;
  const start = Math.min(offset, lastStart);
  const shown = rows === null ? null : rows.slice(start, start + ROWS_PER_PAGE);
  return (
    <>
      <DataTable
        testId={props.testId}
        columns={props.columns}
        rows={shown}
        rowKey={props.keyOf}
        loading={props.loading}
        empty={<EmptyState title="Nothing looks toxic at this threshold" />}
      />
      <Pager
        offset={start}
        limit={ROWS_PER_PAGE}
        count={shown?.length ?? 0}
        nextOffset={rows !== null && start + ROWS_PER_PAGE < rows.length ? start + ROWS_PER_PAGE : null}
        total={rows?.length ?? null}
        onOffset={(o) => updateParams({ offset: o === 0 ? null : String(o) })}
      />
    </>
  );
}
