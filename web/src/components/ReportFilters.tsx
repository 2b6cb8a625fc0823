/**
 * The report filters, each one an API query parameter kept in the route (so a filtered view is a link):
 * status, dofollow, kind, placement, since, includeInternal, and quality for backlinks. Changing a filter
 * goes back to the first page.
 */
import { LINK_KINDS, PLACEMENTS, STATUSES } from '../api/types.ts';
import { updateParams } from '../router/hash.ts';
import { boolParam, flagValue, oneOfParam } from '../router/params.ts';

export type FilterName = 'status' | 'dofollow' | 'kind' | 'placement' | 'since' | 'internal' | 'quality';

interface Props {
  params: URLSearchParams;
  show: readonly FilterName[];
}

const set = (name: string, value: string | null) => updateParams({ [name]: value, offset: null });

/**
 * A date input only takes a real `YYYY-MM-DD` day (anything else makes the browser warn); a bad one from
 * a hand-edited URL shows an empty input, while the API's 400 about it shows in the error banner.
 */
function validDay(value: string | null): string {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return '';
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value ? value : '';
}

export function ReportFilters({ params, show }: Props) {
  const has = (f: FilterName) => show.includes(f);
  return (
    <div className="filters" data-testid="filters">
      {has('status') && (
        <label className="filter">
          <span className="filter-label">Status</span>
          <select
            value={oneOfParam(params, 'status', STATUSES, 'live')}
            data-testid="filter-status"
            onChange={(e) => set('status', e.currentTarget.value === 'live' ? null : e.currentTarget.value)}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === 'all' ? 'Live and lost' : s === 'live' ? 'Live' : 'Lost'}
              </option>
            ))}
          </select>
        </label>
      )}
      {has('kind') && (
        <label className="filter">
          <span className="filter-label">Kind</span>
          <select
            value={params.get('kind') ?? ''}
            data-testid="filter-kind"
            onChange={(e) => set('kind', e.currentTarget.value || null)}
          >
            <option value="">Hyperlinks</option>
            <option value="all">All kinds</option>
            {LINK_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
      )}
      {has('placement') && (
        <label className="filter">
          <span className="filter-label">Placement</span>
          <select
            value={params.get('placement') ?? ''}
            data-testid="filter-placement"
            onChange={(e) => set('placement', e.currentTarget.value || null)}
          >
            <option value="">Anywhere</option>
            {PLACEMENTS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      )}
      {has('since') && (
        <label className="filter">
          <span className="filter-label">First seen since</span>
          <input
            type="date"
            value={validDay(params.get('since'))}
            data-testid="filter-since"
            onChange={(e) => set('since', e.currentTarget.value || null)}
          />
        </label>
      )}
      {has('dofollow') && (
        <label className="filter filter-check">
          <input
            type="checkbox"
            checked={boolParam(params, 'dofollow')}
            data-testid="filter-dofollow"
            onChange={(e) => set('dofollow', flagValue(e.currentTarget.checked))}
          />
          Dofollow only
        </label>
      )}
      {has('internal') && (
        <label className="filter filter-check">
          <input
            type="checkbox"
            checked={boolParam(params, 'internal')}
            data-testid="filter-internal"
            onChange={(e) => set('internal', flagValue(e.currentTarget.checked))}
          />
          Include internal
        </label>
      )}
      {has('quality') && (
        <label
          className="filter filter-check"
          title="Score every link 0-100 (docs/quality.md); slower on big pages"
        >
          <input
            type="checkbox"
            checked={boolParam(params, 'quality')}
            data-testid="filter-quality"
            onChange={(e) => updateParams({ quality: flagValue(e.currentTarget.checked) })}
          />
          Quality score
        </label>
      )}
    </div>
  );
}
