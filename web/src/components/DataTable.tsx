/**
 * The table every report uses. Numbers are right-aligned (`align: 'right'`, tabular figures in CSS);
 * sortable columns name the API's `sort` value, so sorting happens on the server over all rows, not just
 * the page on screen. While the next page loads the current rows stay, dimmed, so nothing jumps; on the
 * first load placeholder rows hold the space.
 */
import type { ReactNode } from 'react';
import type { Order } from '../api/types.ts';

export interface Column<T> {
  id: string;
  header: ReactNode;
  render: (row: T, index: number) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** The API's sort key for this column; clicking the header sorts by it. */
  sortKey?: string;
  /** The order a first click asks for (numbers: desc; names: asc). */
  firstOrder?: Order;
  /** Header tooltip: what the column means. */
  hint?: string;
  /** CSS width, e.g. '7rem' or '40%'. */
  width?: string;
}

export interface SortState {
  key: string;
  order: Order;
  onSort: (key: string, order: Order) => void;
}

interface Props<T> {
  testId: string;
  columns: readonly Column<T>[];
  /** null: nothing loaded yet. */
  rows: readonly T[] | null;
  rowKey: (row: T, index: number) => string;
  loading: boolean;
  empty: ReactNode;
  sort?: SortState;
  /** Rows shown as placeholders on the first load. */
  placeholderRows?: number;
  rowTestId?: string;
}

export function DataTable<T>(props: Props<T>) {
  const { testId, columns, rows, rowKey, loading, empty, sort, placeholderRows = 8 } = props;
  const alignClass = (c: Column<T>) => (c.align && c.align !== 'left' ? `align-${c.align}` : undefined);
  return (
    <div className="table-wrap" data-testid={testId} data-loading={loading ? 'true' : 'false'}>
      <table className={`table${loading && rows !== null ? ' is-stale' : ''}`}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.id}
                className={alignClass(c)}
                title={c.hint}
                scope="col"
                aria-sort={ariaSort(c, sort)}
              >
                {c.sortKey && sort ? (
                  <button
                    type="button"
                    className="sort-button"
                    data-testid={`sort-${c.id}`}
                    onClick={() => {
                      const key = c.sortKey!;
                      const order: Order =
                        sort.key === key
                          ? sort.order === 'desc'
                            ? 'asc'
                            : 'desc'
                          : (c.firstOrder ?? 'desc');
                      sort.onSort(key, order);
                    }}
                  >
                    {c.header}
                    <span className="sort-mark" aria-hidden="true">
                      {sort.key === c.sortKey ? (sort.order === 'desc' ? '▼' : '▲') : '↕'}
                    </span>
                  </button>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows === null &&
            Array.from({ length: loading ? placeholderRows : 0 }, (_, i) => (
              // Placeholders have no identity; their position is their key.
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows
              <tr key={`placeholder-${i}`} className="placeholder-row">
                {columns.map((c) => (
                  <td key={c.id}>
                    <span className="skeleton" />
                  </td>
                ))}
              </tr>
            ))}
          {rows !== null && rows.length === 0 && !loading && (
            <tr className="empty-row">
              <td colSpan={columns.length} data-testid={`${testId}-empty`}>
                {empty}
              </td>
            </tr>
          )}
          {rows?.map((row, i) => (
            <tr key={rowKey(row, i)} data-testid={props.rowTestId ?? 'row'}>
              {columns.map((c) => (
                <td key={c.id} className={alignClass(c)}>
                  {c.render(row, i)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ariaSort<T>(c: Column<T>, sort: SortState | undefined): 'ascending' | 'descending' | undefined {
  if (!sort || !c.sortKey || sort.key !== c.sortKey) return undefined;
  return sort.order === 'asc' ? 'ascending' : 'descending';
}
