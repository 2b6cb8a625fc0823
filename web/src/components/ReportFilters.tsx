/**
 * The report filters, each one an API query parameter kept in the route (so a filtered view is a link):
 * status, dofollow, kind, placement, since, includeInternal, and quality for backlinks. Changing a filter
 * goes back to the first page.
 */
import { LINK_KINDS, PLACEMENTS, STATUSES } from '../api/types.ts';
import { updateParams } from '../router/hash.ts';
import { boolParam, flagValue, oneOfParam } from '../router/params.ts';
import { Check, Field } from './Field.tsx';

export type FilterName = 'status' | 'dofollow' | 'kind' | 'placement' | 'since' | 'internal' | 'quality';

interface Props {
  params: URLSearchParams;
  show: readonly FilterName[];
}

/** The filters of every link listing (`filterQuery` and `statusOf` read them). */
export const REPORT_FILTERS: readonly FilterName[] = [
  'status',
  'kind',
  'placement',
  'since',
  'dofollow',
  'internal',
];

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

/** `[value, label]`; the value '' is the filter's absence. */
type Option = readonly [string, string];

const STATUS_OPTIONS = STATUSES.map(
  (s): Option => [s, s === 'all' ? 'Live and lost' : s === 'live' ? 'Live' : 'Lost'],
);
const KIND_OPTIONS: Option[] = [
  ['', 'Hyperlinks'],
  ['all', 'All kinds'],
  ...LINK_KINDS.map((k): Option => [k, k]),
];
const PLACEMENT_OPTIONS: Option[] = [['', 'Anywhere'], ...PLACEMENTS.map((p): Option => [p, p])];

export function ReportFilters({ params, show }: Props) {
  const has = (f: FilterName) => show.includes(f);
  // A checkbox filter: present in the route when on.
  const flag = (name: FilterName, label: string) =>
    has(name) && (
      <Check
        checked={boolParam(params, name)}
        testId={`filter-${name}`}
        onChange={(on) => set(name, flagValue(on))}
      >
        {label}
      </Check>
    );
  return (
    <div className="filters" data-testid="filters">
      {has('status') && (
        <SelectFilter
          name="status"
          label="Status"
          value={oneOfParam(params, 'status', STATUSES, 'live')}
          fallback="live"
          options={STATUS_OPTIONS}
        />
      )}
      {has('kind') && (
        <SelectFilter name="kind" label="Kind" value={params.get('kind') ?? ''} options={KIND_OPTIONS} />
      )}
      {has('placement') && (
        <SelectFilter
          name="placement"
          label="Placement"
          value={params.get('placement') ?? ''}
          options={PLACEMENT_OPTIONS}
        />
      )}
      {has('since') && (
        <Field look="filter" label="First seen since">
          <input
            type="date"
            value={validDay(params.get('since'))}
            data-testid="filter-since"
            onChange={(e) => set('since', e.currentTarget.value || null)}
          />
        </Field>
      )}
      {flag('dofollow', 'Dofollow only')}
      {flag('internal', 'Include internal')}
      {has('quality') && (
        // Quality only adds a column: the page of rows stays the same, so the offset is kept.
        <Check
          checked={boolParam(params, 'quality')}
          testId="filter-quality"
          title="Score every link 0-100 (docs/quality.md); slower on big pages"
          onChange={(on) => updateParams({ quality: flagValue(on) })}
        >
          Quality score
        </Check>
      )}
    </div>
  );
}

/** A select filter; choosing `fallback` (the API's default) takes the parameter out of the route. */
function SelectFilter(props: {
  name: FilterName;
  label: string;
  value: string;
  fallback?: string;
  options: readonly Option[];
}) {
  const { name, value, fallback = '' } = props;
  return (
    <Field look="filter" label={props.label}>
      <select
        value={value}
        data-testid={`filter-${name}`}
        onChange={(e) => set(name, e.currentTarget.value === fallback ? null : e.currentTarget.value)}
      >
        {props.options.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
    </Field>
  );
}
