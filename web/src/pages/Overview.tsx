/**
 * The site explorer's first screen: authority, the live totals, how referring domains and backlinks
 * moved month by month, the anchor profile, kinds, placements and TLDs, the top referring domains, and
 * what was gained and lost in the last 30 and 90 days. Each block loads on its own, so a slow report
 * never holds the others back.
 */
import type { AnchorListing, History, Listing, Profile, RefDomain, WindowCounts } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { AnchorClassChart } from '../charts/AnchorClassChart.tsx';
import { DistributionChart } from '../charts/DistributionChart.tsx';
import { HistoryChart } from '../charts/HistoryChart.tsx';
import { type Column, DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { Panel } from '../components/Panel.tsx';
import { StatCard } from '../components/StatCard.tsx';
import { formatAuthority, formatCount, formatShare } from '../format.ts';
import { hrefOf } from '../router/hash.ts';
import { targetQuery } from '../target.ts';
import { authorityColumn, dofollowColumn, domainColumn, firstSeenColumn, linksColumn } from './columns.tsx';
import type { TargetPageProps } from './types.ts';

const TOP_DOMAINS = 10;

export function Overview({ target, ledger }: TargetPageProps) {
  const q = targetQuery(target);
  const profile = useApi<Profile>({ path: 'profile', query: { ...q, top: TOP_DOMAINS } });
  const history = useApi<History>({ path: 'history', query: { ...q, by: 'month' } });
  const anchors = useApi<AnchorListing>({ path: 'anchors', query: { ...q, limit: 1 } });
  const refdomains = useApi<Listing<RefDomain>>({ path: 'refdomains', query: { ...q, limit: TOP_DOMAINS } });
  const p = profile.data;
  const keep = { target: target.target, scope: target.scope === 'domain' ? null : target.scope };

  return (
    <div className="page-grid" data-testid="overview" data-loading={profile.loading ? 'true' : 'false'}>
      <ErrorBanner error={profile.error} onRetry={profile.reload} />
      <div className="stats">
        <AuthorityCards
          profile={p}
          scope={target.scope}
          ranked={ledger === null ? null : ledger.rankedAt !== null}
        />
        <StatCard
          label="Backlinks"
          testId="stat-backlinks"
          value={p && formatCount(p.links.live)}
          detail={p && `${formatCount(p.links.lost)} lost · ${formatCount(p.links.total)} seen`}
        />
        <StatCard
          label="Referring domains"
          testId="stat-refdomains"
          value={p && formatCount(p.refdomains)}
          detail={p && `${formatCount(p.last30Days.newRefdomains)} new in 30 days`}
        />
        <StatCard label="Referring pages" testId="stat-refpages" value={p && formatCount(p.refpages)} />
        <StatCard
          label="Dofollow"
          testId="stat-dofollow"
          value={p && formatShare(p.dofollowShare)}
          detail={p && `${formatCount(p.dofollowLinks)} of ${formatCount(p.links.live)} links`}
        />
      </div>

      <div className="row row-2">
        <Panel title="Referring domains over time" testId="panel-history-refdomains">
          <ErrorBanner error={history.error} onRetry={history.reload} />
          <HistoryChart
            rows={history.data?.data ?? []}
            measure="refdomains"
            testId="chart-history-refdomains"
          />
        </Panel>
        <Panel title="Backlinks over time" testId="panel-history-links">
          <HistoryChart rows={history.data?.data ?? []} measure="links" testId="chart-history-links" />
        </Panel>
      </div>

      <div className="row row-3">
        <div className="stack">
          <Panel title="New and lost" testId="panel-changes">
            <ChangesTable p={p} />
          </Panel>
          <Panel title="Link kinds" testId="panel-kinds">
            <DistributionChart rows={p?.kinds ?? []} testId="chart-kinds" label="Links per kind" max={6} />
          </Panel>
        </div>
        <Panel
          title="Anchors"
          actions={
            <a className="panel-link" href={hrefOf('anchors', keep)}>
              All anchors →
            </a>
          }
          testId="panel-anchors"
        >
          <ErrorBanner error={anchors.error} onRetry={anchors.reload} />
          <AnchorClassChart classes={anchors.data?.classes ?? {}} testId="chart-anchors" />
        </Panel>
        <Panel title="Placements" testId="panel-placements">
          <DistributionChart
            rows={p?.placements ?? []}
            testId="chart-placements"
            label="Links per placement"
          />
        </Panel>
      </div>

      <div className="row row-3">
        <Panel
          title="Top referring domains"
          className="span-2"
          actions={
            <a className="panel-link" href={hrefOf('refdomains', keep)}>
              All referring domains →
            </a>
          }
          testId="panel-top-domains"
        >
          <ErrorBanner error={refdomains.error} onRetry={refdomains.reload} />
          <TopDomains rows={refdomains.data?.data ?? null} loading={refdomains.loading} />
        </Panel>
        <Panel title="Top-level domains" testId="panel-tlds">
          <DistributionChart
            rows={p?.tlds ?? []}
            testId="chart-tlds"
            label="Links per TLD"
            max={10}
            prefix="."
          />
        </Panel>
      </div>
    </div>
  );
}

/**
 * Domain, host and page authority. Null means "not ranked" (no `linkledger rank` yet, or the target is not
 * in the ranked graph), except page authority of a target that is not a single URL: that has none.
 */
function AuthorityCards({
  profile,
  scope,
  ranked,
}: {
  profile: Profile | null;
  scope: string;
  ranked: boolean | null;
}) {
  const a = profile?.authority ?? null;
  const card = (level: 'domain' | 'host' | 'page', label: string) => {
    if (profile === null)
      return <StatCard key={level} label={label} testId={`stat-authority-${level}`} value={null} />;
    const score = a?.[level] ?? null;
    const notApplicable = level === 'page' && scope !== 'url' && ranked !== false;
    return (
      <StatCard
        key={level}
        label={label}
        testId={`stat-authority-${level}`}
        muted={score === null}
        value={score === null && notApplicable ? '—' : formatAuthority(score)}
        detail={
          score === null
            ? notApplicable
              ? 'only for a URL target'
              : ranked === false
                ? 'run linkledger rank'
                : 'not in the ranked graph'
            : 'of 100'
        }
      />
    );
  };
  return (
    <>
      {card('domain', 'Domain authority')}
      {card('host', 'Host authority')}
      {card('page', 'Page authority')}
    </>
  );
}

const WINDOW_COLUMNS: { key: keyof WindowCounts; label: string; tone: 'gained' | 'lost' }[] = [
  { key: 'newRefdomains', label: 'New domains', tone: 'gained' },
  { key: 'lostRefdomains', label: 'Lost domains', tone: 'lost' },
  { key: 'newLinks', label: 'New links', tone: 'gained' },
  { key: 'lostLinks', label: 'Lost links', tone: 'lost' },
];

function ChangesTable({ p }: { p: Profile | null }) {
  const windows = [
    { id: '30', label: 'Last 30 days', counts: p?.last30Days ?? null },
    { id: '90', label: 'Last 90 days', counts: p?.last90Days ?? null },
  ];
  return (
    <table className="table table-compact" data-testid="changes">
      <thead>
        <tr>
          <th scope="col" />
          {windows.map((w) => (
            <th key={w.id} scope="col" className="align-right">
              {w.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {WINDOW_COLUMNS.map((c) => (
          <tr key={c.key}>
            <th scope="row">{c.label}</th>
            {windows.map((w) => (
              <td key={w.id} className={`align-right tone-${c.tone}`} data-testid={`change-${c.key}-${w.id}`}>
                {w.counts === null ? (
                  <span className="skeleton skeleton-short" />
                ) : (
                  formatSigned(w.counts[c.key], c.tone)
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function formatSigned(n: number, tone: 'gained' | 'lost'): string {
  if (n === 0) return '0';
  return `${tone === 'gained' ? '+' : '−'}${formatCount(n)}`;
}

const TOP_DOMAIN_COLUMNS: Column<RefDomain>[] = [
  domainColumn(),
  authorityColumn({
    hint: 'Domain authority of the referring domain (0-100, from linkledger rank)',
    width: '5rem',
  }),
  linksColumn({ width: '5rem' }),
  dofollowColumn({ width: '6rem' }),
  firstSeenColumn({ width: '7rem' }),
];

function TopDomains({ rows, loading }: { rows: RefDomain[] | null; loading: boolean }) {
  return (
    <DataTable
      testId="table-top-domains"
      columns={TOP_DOMAIN_COLUMNS}
      rows={rows}
      rowKey={(r) => r.domain}
      loading={loading}
      placeholderRows={TOP_DOMAINS}
      empty={<EmptyState title="No referring domains" />}
    />
  );
}
