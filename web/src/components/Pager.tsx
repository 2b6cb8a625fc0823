/**
 * Offset paging over the API's `limit` / `offset` / `page.nextOffset`. The server never counts the
 * whole listing for a page (that is what keeps a 1M-link target fast); when the caller knows the total
 * from the profile it is shown, else "Next" is enabled by `nextOffset` alone.
 */
import { formatCount } from '../format.ts';

export const PAGE_SIZES = [25, 50, 100, 250] as const;

interface Props {
  offset: number;
  limit: number;
  /** Rows on this page. */
  count: number;
  nextOffset: number | null;
  total?: number | null;
  onOffset: (offset: number) => void;
  onLimit?: (limit: number) => void;
  testId?: string;
}

export function Pager({
  offset,
  limit,
  count,
  nextOffset,
  total,
  onOffset,
  onLimit,
  testId = 'pager',
}: Props) {
  const first = count === 0 ? 0 : offset + 1;
  const last = offset + count;
  const hasTotal = total !== null && total !== undefined;
  const hasNext = nextOffset !== null && (!hasTotal || nextOffset < total);
  return (
    <div className="pager" data-testid={testId}>
      <span className="pager-range" data-testid={`${testId}-range`}>
        {/* An empty first page says so in the table itself; past the end, say where we are. */}
        {count === 0
          ? offset === 0
            ? ''
            : `No rows after ${formatCount(offset)}`
          : `${formatCount(first)}–${formatCount(last)}`}
        {hasTotal && count > 0 && (
          <>
            {' of '}
            <span data-testid={`${testId}-total`}>{formatCount(total)}</span>
          </>
        )}
      </span>
      {onLimit && (
        <label className="pager-size">
          Rows
          <select
            value={limit}
            data-testid={`${testId}-size`}
            onChange={(e) => onLimit(Number(e.currentTarget.value))}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      )}
      <button
        type="button"
        className="button button-small"
        disabled={offset === 0}
        data-testid={`${testId}-prev`}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        ← Prev
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={!hasNext}
        data-testid={`${testId}-next`}
        onClick={() => nextOffset !== null && onOffset(nextOffset)}
      >
        Next →
      </button>
    </div>
  );
}
