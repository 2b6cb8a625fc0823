/**
 * Columns that several tables show the same way: the same field under the same header, formatted alike,
 * with the API's sort key for it (every listing that sorts by a field calls it the same). A table states
 * what differs: whether its listing sorts by the column (`sortable`; the API refuses the sort keys a
 * listing does not have), and a width, header or hint of its own.
 */
import type { ReactNode } from 'react';
import { AuthorityValue } from '../components/Badges.tsx';
import type { Column } from '../components/DataTable.tsx';
import { ExternalUrl } from '../components/ExternalUrl.tsx';
import { formatCount, formatDay } from '../format.ts';

interface Options {
  /** The table sorts by this column (on the server). */
  sortable?: boolean;
  width?: string;
  header?: string;
  hint?: string;
}

/** Everything but the cell: `render` shows the row's `field` through `format`. */
type Base = Omit<Column<never>, 'render'>;

function fieldColumn<K extends string, V>(field: K, format: (value: V) => ReactNode, base: Base) {
  const { sortKey, firstOrder, ...always } = base;
  return <T extends Record<K, V>>({ sortable = false, ...own }: Options = {}): Column<T> => ({
    ...always,
    ...(sortable && sortKey !== undefined ? { sortKey, ...(firstOrder && { firstOrder }) } : {}),
    ...own,
    render: (row) => format(row[field]),
  });
}

/** A referring domain, linked to its home page. */
export const domainColumn = fieldColumn(
  'domain',
  (domain: string) => <ExternalUrl url={`http://${domain}/`} label={domain} />,
  { id: 'domain', header: 'Domain', sortKey: 'domain', firstOrder: 'asc' },
);

/** The referring domain's authority. */
export const authorityColumn = fieldColumn(
  'authority',
  (score: number | null) => <AuthorityValue score={score} />,
  {
    id: 'authority',
    header: 'DA',
    hint: 'Domain authority (0-100, from linkledger rank)',
    align: 'right',
    width: '5.5rem',
  },
);

/** A right-aligned count column: the row's field, the column's id, header, API sort key and width. */
const count = <K extends string>(field: K, id: string, header: string, sortKey: string, width: string) =>
  fieldColumn(field, formatCount, { id, header, sortKey, align: 'right', width });

export const refdomainsColumn = count('refdomains', 'refdomains', 'Ref. domains', 'refdomains', '8.5rem');
export const linksColumn = count('links', 'links', 'Links', 'links', '6rem');
export const dofollowColumn = count('dofollowLinks', 'dofollow', 'Dofollow', 'dofollow-links', '6.5rem');

/** A day column: the row's field, the column's id, header and API sort key. */
const day = <K extends string>(field: K, id: string, header: string, sortKey: string) =>
  fieldColumn(field, formatDay, { id, header, sortKey, align: 'right', width: '7.5rem' });

export const firstSeenColumn = day('firstSeen', 'first', 'First seen', 'first-seen');
export const lastSeenColumn = day('lastSeen', 'last', 'Last seen', 'last-seen');
