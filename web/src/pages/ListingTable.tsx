/**
 * The parts every server-paged listing shows (Backlinks, Referring domains, Anchors, Pages, Gap): the
 * error banner, the table of the page of rows `useListing` loaded and the pager under it; the CSV export
 * of the same query; a panel title with the listing's total.
 */
import type { ReactNode } from 'react';
import type { ApiError, Query } from '../api/client.ts';
import type { Listing } from '../api/types.ts';
import { type Column, DataTable, type SortState } from '../components/DataTable.tsx';
import { DownloadLink } from '../components/DownloadLink.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { Pager } from '../components/Pager.tsx';
import { formatCount } from '../format.ts';
import { type ListingState, MAX_EXPORT_ROWS, setLimit, setOffset } from './listing.ts';

interface Props<T> {
  listing: ListingState<Listing<T>>;
  testId: string;
  columns: readonly Column<T>[];
  rowKey: (row: T, index: number) => string;
  empty: ReactNode;
  sort?: SortState;
  /** All rows with these filters, when known (from the profile): the pager shows "of N". */
  total?: number | null;
  /** The error shown over the table; by default the listing's. */
  error?: ApiError | null;
}

export function ListingTable<T>({ listing, total = null, error = listing.error, ...table }: Props<T>) {
  const page = listing.data?.page;
  return (
    <>
      <ErrorBanner error={error} onRetry={listing.reload} />
      <DataTable {...table} rows={listing.data?.data ?? null} loading={listing.loading} />
      <Pager
        offset={page?.offset ?? listing.paging.offset}
        limit={listing.paging.limit}
        count={page?.count ?? 0}
        nextOffset={page?.nextOffset ?? null}
        total={total}
        onOffset={setOffset}
        onLimit={setLimit}
      />
    </>
  );
}

/** "Export CSV": the listing's query (without paging) as CSV, up to the API's largest page. */
export function ExportCsv({
  path,
  query,
  filename,
  title,
  streamed = false,
}: {
  path: string;
  query: Query;
  filename: string;
  title?: string;
  /** `path` is an export endpoint that streams the whole listing as CSV (no format, no page size). */
  streamed?: boolean;
}) {
  return (
    <DownloadLink
      path={path}
      query={streamed ? query : { ...query, format: 'csv', limit: MAX_EXPORT_ROWS }}
      filename={filename}
      testId="export-csv"
      title={title}
    >
      Export CSV
    </DownloadLink>
  );
}

/** A listing panel's title: "1,234 backlinks" once the total is known, else the plain heading. */
export function CountTitle({
  total,
  heading,
  noun,
  testId,
}: {
  total: number | null;
  heading: string;
  noun: string;
  testId: string;
}) {
  if (total === null) return heading;
  return (
    <>
      <span data-testid={testId}>{formatCount(total)}</span> {noun}
    </>
  );
}
