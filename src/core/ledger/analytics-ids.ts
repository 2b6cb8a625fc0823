/**
 * How a page's analytics / ad account ids (CapturedPage.analyticsIds) are stored: one string, the ids
 * sorted and distinct with one space between (StoredPage.analyticsIds, DuckDB `pages.analytics_ids`).
 */

/** Analytics ids as stored: sorted, distinct, one space between; null for none. */
export function storedAnalyticsIds(ids: readonly string[] | null | undefined): string | null {
  if (ids == null || ids.length === 0) return null;
  return [...new Set(ids)].sort().join(' ');
}

/** Stored analytics ids back as a list. */
export function analyticsIdList(stored: string | null | undefined): string[] {
  return stored == null || stored === '' ? [] : stored.split(' ');
}
