/**
 * Competitor gap (link intersect): referring domains that link to at least `min` of the competitors but
 * not to the target, best prospects first (most competitors, then authority, then links).
 */
import type { GapDomain, Listing } from '../api/types.ts';
import type { Column } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Check, Field } from '../components/Field.tsx';
import { Panel } from '../components/Panel.tsx';
import { formatCount } from '../format.ts';
import { entriesOf, useDrafts } from '../router/drafts.ts';
import { updateParams } from '../router/hash.ts';
import { boolParam, flagValue, intParam, listParam } from '../router/params.ts';
import { authorityColumn, domainColumn, firstSeenColumn, linksColumn } from './columns.tsx';
import { ExportCsv, ListingTable } from './ListingTable.tsx';
import { useListing } from './listing.ts';
import type { TargetPageProps } from './types.ts';

export function Gap({ target, params }: TargetPageProps) {
  const competitors = listParam(params, 'competitor');
  const min = Math.max(1, intParam(params, 'min', 1));
  const allLinks = boolParam(params, 'allLinks');
  // Gap compares whole sites: a domain or a host (a URL target falls back to its domain).
  const scope = target.scope === 'host' ? 'host' : 'domain';
  const query = {
    target: target.target,
    scope,
    competitor: competitors.join(','),
    min: String(min),
    allLinks,
  };
  const gap = useListing<Listing<GapDomain>>('gap', competitors.length === 0 ? null : query, params);

  const columns: Column<GapDomain>[] = [
    domainColumn({ header: 'Referring domain' }),
    authorityColumn(),
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
    linksColumn({ width: '5.5rem' }),
    firstSeenColumn(),
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
            <ExportCsv path="gap" query={query} filename={`gap-${target.target}.csv`} />
          )
        }
        testId="panel-gap"
      >
        {competitors.length === 0 ? (
          <EmptyState title="Add competitors to compare" testId="gap-empty">
            Enter one or more competitor domains above: the table lists the domains that link to them but not
            to your target.
          </EmptyState>
        ) : (
          <ListingTable
            listing={gap}
            testId="table-gap"
            columns={columns}
            rowKey={(d) => d.domain}
            empty={<EmptyState title="No gap: every domain linking to these competitors links to you too" />}
          />
        )}
      </Panel>
    </div>
  );
}

function GapForm({ competitors, min, allLinks }: { competitors: string[]; min: number; allLinks: boolean }) {
  const drafts = useDrafts({ competitors: competitors.join('\n'), min: String(min) });
  return (
    <form
      className="panel gap-form"
      onSubmit={(event) => {
        event.preventDefault();
        const list = [...new Set(entriesOf(drafts.values.competitors))];
        const k = Number(drafts.values.min);
        updateParams({
          competitor: list.join(',') || null,
          min: Number.isInteger(k) && k > 1 ? String(Math.min(k, Math.max(list.length, 1))) : null,
          offset: null,
        });
      }}
    >
      <Field label="Competitors (one per line or comma-separated)" className="field-grow">
        <textarea
          rows={3}
          placeholder={'competitor-a.com\ncompetitor-b.com'}
          spellCheck={false}
          data-testid="gap-competitors"
          {...drafts.bind('competitors')}
        />
      </Field>
      <div className="gap-options">
        <Field label="Linking to at least" labelTitle="A domain must link to at least this many competitors">
          <input
            type="number"
            min={1}
            step={1}
            className="input-narrow"
            data-testid="gap-min"
            {...drafts.bind('min')}
          />
        </Field>
        <Check
          checked={allLinks}
          testId="gap-all-links"
          onChange={(on) => updateParams({ allLinks: flagValue(on), offset: null })}
        >
          Count nofollow links too
        </Check>
        <button type="submit" className="button button-primary" data-testid="gap-submit">
          Find gap
        </button>
      </div>
    </form>
  );
}
