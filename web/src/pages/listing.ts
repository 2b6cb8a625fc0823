/**
 * What the listing pages share: the API query of the current filters (exactly the parameters the
 * filters write into the route), the sort state of the table headers, paging, and the hook that loads
 * the page of rows the route names (shown by ListingTable.tsx).
 */

import type { Query } from '../api/client.ts';
import { type Order, type Profile, STATUSES } from '../api/types.ts';
import { type ApiState, useApi } from '../api/useApi.ts';
import type { SortState } from '../components/DataTable.tsx';
import { PAGE_SIZES } from '../components/Pager.tsx';
import { updateParams } from '../router/hash.ts';
import { boolParam, intParam, oneOfParam } from '../router/params.ts';
import { type TargetState, targetQuery } from '../target.ts';

export const DEFAULT_PAGE_SIZE = 50;
/** The API's largest page: CSV exports ask for this many rows. */
export const MAX_EXPORT_ROWS = 100_000;

/** target, scope and the filters: the query shared by a listing and the profile that counts it. */
export function filterQuery(target: TargetState & { target: string }, params: URLSearchParams): Query {
  return {
    ...targetQuery(target),
    dofollow: boolParam(params, 'dofollow'),
    kind: params.get('kind'),
    placement: params.get('placement'),
    since: params.get('since'),
    includeInternal: boolParam(params, 'internal'),
  };
}

export interface Paging {
  limit: number;
  offset: number;
}

export function pagingOf(params: URLSearchParams): Paging {
  const limit = intParam(params, 'limit', DEFAULT_PAGE_SIZE);
  return {
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE,
    offset: intParam(params, 'offset', 0),
  };
}

export function statusOf(params: URLSearchParams) {
  return oneOfParam(params, 'status', STATUSES, 'live');
}

/** The header sort state; `natural` is the API's default order for each sort key. */
export function sortStateOf(
  params: URLSearchParams,
  allowed: readonly string[],
  fallback: string,
  natural: (key: string) => Order,
): SortState & { query: { sort: string | null; order: Order | null } } {
  const key = oneOfParam(params, 'sort', allowed, fallback);
  const asked = params.get('order');
  const order: Order = asked === 'asc' || asked === 'desc' ? asked : natural(key);
  return {
    key,
    order,
    onSort: (next, nextOrder) =>
      updateParams({
        sort: next === fallback ? null : next,
        order: nextOrder === natural(next) ? null : nextOrder,
        offset: null,
      }),
    // Only what differs from the API's default goes in the request (shorter URLs, same answer).
    query: { sort: params.get('sort') === null ? null : key, order: asked === null ? null : order },
  };
}

export const setOffset = (offset: number) => updateParams({ offset: offset === 0 ? null : String(offset) });
export const setLimit = (limit: number) =>
  updateParams({ limit: limit === DEFAULT_PAGE_SIZE ? null : String(limit), offset: null });

export interface ListingState<L> extends ApiState<L> {
  /** The page the route asks for (what the pager shows before the first answer). */
  paging: Paging;
}

/**
 * The page of the listing at `path` that the route names: the caller's query (null: nothing to list yet)
 * with the route's `limit` and `offset`. The CSV export is the same query without them.
 */
export function useListing<L>(path: string, query: Query | null, params: URLSearchParams): ListingState<L> {
  const paging = pagingOf(params);
  const state = useApi<L>(query === null ? null : { path, query: { ...query, ...paging } });
  return { ...state, paging };
}

/**
 * The profile with a listing's filters (null: not wanted), which counts what the listing pages through in
 * one aggregate query; `top: 1` keeps its top lists short, only the totals are read.
 */
export function useCounts(filters: Query | null): ApiState<Profile> {
  return useApi<Profile>(filters === null ? null : { path: 'profile', query: { ...filters, top: 1 } });
}
