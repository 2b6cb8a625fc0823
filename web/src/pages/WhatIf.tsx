/**
 * What-if: how a page's authority (and its host's and domain's) would move if some pages linked to it, or
 * stopped linking to it. The server re-runs PageRank from the stored scores with the links changed.
 */
import { AUTHORITY_LEVELS, type Backlink, type Listing, type WhatIf as WhatIfResult } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { ExternalUrl } from '../components/ExternalUrl.tsx';
import { Field } from '../components/Field.tsx';
import { Panel } from '../components/Panel.tsx';
import { formatAuthority, formatDay, formatDelta, formatRank } from '../format.ts';
import { entriesOf, useDrafts } from '../router/drafts.ts';
import { updateParams } from '../router/hash.ts';
import { listParam } from '../router/params.ts';
import type { PageProps } from './types.ts';

const LEVEL_LABELS = { page: 'Page', host: 'Host', domain: 'Domain' } as const;

/** A sensible page to start from: the target itself when it is a URL, else its home page. */
function defaultPage(target: string | null, scope: string): string {
  if (!target) return '';
  if (scope === 'url' || /^https?:\/\//i.test(target)) return target;
  return `https://${target.replace(/\/+$/, '')}/`;
}

export function WhatIf({ target, params }: PageProps) {
  const page = params.get('page') ?? '';
  const add = listParam(params, 'add');
  const remove = listParam(params, 'remove');
  const ready = page !== '' && add.length + remove.length > 0;
  const result = useApi<WhatIfResult>(
    ready ? { path: 'whatif', query: { target: page, addLink: add, removeLink: remove } } : null,
  );
  return (
    <div className="page-grid">
      <WhatIfForm page={page || defaultPage(target.target, target.scope)} add={add} remove={remove} />
      <Panel title="Authority before and after" testId="panel-whatif">
        <ErrorBanner error={result.error} onRetry={result.reload} />
        {!ready ? (
          <EmptyState title="Add or remove a link to see the effect" testId="whatif-empty">
            Give the page, then one or more pages that would link to it (or stop linking to it), one URL per
            line.
          </EmptyState>
        ) : (
          <WhatIfTable result={result.data} loading={result.loading} />
        )}
      </Panel>
      {page !== '' && <CurrentLinks page={page} add={add} remove={remove} />}
    </div>
  );
}

const CANDIDATES = 8;

/**
 * The strongest pages linking to the page now (by domain authority of the first page of backlinks):
 * one click simulates losing one of them, the usual question before a link cleanup.
 */
function CurrentLinks({ page, add, remove }: { page: string; add: string[]; remove: string[] }) {
  const links = useApi<Listing<Backlink>>({
    path: 'backlinks',
    query: { target: page, scope: 'url', dofollow: true, limit: 100 },
  });
  const sources = [...new Map((links.data?.data ?? []).map((l) => [l.sourceUrl, l])).values()]
    .sort((a, b) => (b.sourceDomainAuthority ?? -1) - (a.sourceDomainAuthority ?? -1))
    .slice(0, CANDIDATES);
  if (links.error || (links.data && sources.length === 0)) return null;
  return (
    <Panel title="Pages linking to it now" testId="panel-whatif-links">
      <table className="table table-compact">
        <tbody>
          {sources.map((l) => (
            <tr key={l.sourceUrl}>
              <td>
                <ExternalUrl url={l.sourceUrl} />
              </td>
              <td className="align-right" style={{ width: '9rem' }}>
                <span className="cell-sub">DA </span>
                {formatAuthority(l.sourceDomainAuthority)}
              </td>
              <td className="align-right" style={{ width: '11.5rem' }}>
                <button
                  type="button"
                  className="button button-small"
                  disabled={remove.includes(l.sourceUrl)}
                  data-testid="whatif-try-remove"
                  onClick={() =>
                    updateParams({
                      page,
                      add: add.join(',') || null,
                      remove: [...remove, l.sourceUrl].join(','),
                    })
                  }
                >
                  Simulate losing it
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

/** The two lists of linking pages: the same control, the same parsing; what they mean differs. */
const CHANGES = {
  add: { label: 'Add a link from (one URL per line)', example: 'https://news.example/story' },
  remove: { label: 'Remove the link from (one URL per line)', example: 'https://old-partner.example/links' },
} as const;

function WhatIfForm({ page, add, remove }: { page: string; add: string[]; remove: string[] }) {
  const drafts = useDrafts({ page, add: add.join('\n'), remove: remove.join('\n') });
  const urls = (text: string) => [...new Set(entriesOf(text))].join(',') || null;
  return (
    <form
      className="panel whatif-form"
      onSubmit={(event) => {
        event.preventDefault();
        updateParams({
          page: drafts.values.page.trim() || null,
          add: urls(drafts.values.add),
          remove: urls(drafts.values.remove),
        });
      }}
    >
      <Field label="Page" className="field-full">
        <input
          type="text"
          placeholder="https://example.com/page"
          spellCheck={false}
          data-testid="whatif-page"
          {...drafts.bind('page')}
        />
      </Field>
      {(['add', 'remove'] as const).map((change) => (
        <Field key={change} label={CHANGES[change].label}>
          <textarea
            rows={4}
            spellCheck={false}
            placeholder={CHANGES[change].example}
            data-testid={`whatif-${change}`}
            {...drafts.bind(change)}
          />
        </Field>
      ))}
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="whatif-submit">
          Compute
        </button>
      </div>
    </form>
  );
}

function WhatIfTable({ result, loading }: { result: WhatIfResult | null; loading: boolean }) {
  return (
    <div className="table-wrap" data-testid="table-whatif" data-loading={loading ? 'true' : 'false'}>
      <table className={`table${loading && result ? ' is-stale' : ''}`}>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Key</th>
            <th scope="col" className="align-right">
              Before
            </th>
            <th scope="col" className="align-right">
              After
            </th>
            <th scope="col" className="align-right">
              Change
            </th>
            <th scope="col" className="align-right" title="Raw PageRank before → after">
              PageRank
            </th>
          </tr>
        </thead>
        <tbody>
          {AUTHORITY_LEVELS.map((level) => {
            const move = result?.moves[level];
            const run = result?.runs[level];
            return (
              <tr key={level} data-testid={`whatif-${level}`}>
                <th scope="row">{LEVEL_LABELS[level]}</th>
                <td>
                  {move ? (
                    level === 'page' ? (
                      <ExternalUrl url={move.key} />
                    ) : (
                      move.key
                    )
                  ) : (
                    <span className="skeleton" />
                  )}
                </td>
                <td className="align-right" data-testid={`whatif-${level}-before`}>
                  {move ? formatAuthority(move.before) : ''}
                </td>
                <td className="align-right" data-testid={`whatif-${level}-after`}>
                  {move ? formatAuthority(move.after) : ''}
                </td>
                <td
                  className={`align-right ${move && move.delta > 0 ? 'tone-gained' : move && move.delta < 0 ? 'tone-lost' : 'muted'}`}
                  data-testid={`whatif-${level}-delta`}
                >
                  {move ? formatDelta(move.delta) : ''}
                </td>
                <td
                  className="align-right muted"
                  title={
                    run ? `${run.iterations} iterations${run.converged ? '' : ', not converged'}` : undefined
                  }
                >
                  {move ? `${formatRank(move.rankBefore)} → ${formatRank(move.rankAfter)}` : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {result && (
        <p className="note">
          From the rank run of {formatDay(result.rankedAt)},{' '}
          {result.warmStart ? 'warm-started from the stored scores' : 'cold start'}.
          {result.added.length > 0 &&
            ` Added: ${result.added.length} link${result.added.length === 1 ? '' : 's'}.`}
          {result.removed.length > 0 &&
            ` Removed: ${result.removed.length} link${result.removed.length === 1 ? '' : 's'}.`}
        </p>
      )}
    </div>
  );
}
