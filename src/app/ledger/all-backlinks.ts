/** Every backlink a filter selects, read page by page (for use cases that look at all of them). */
import type { LinkFilter } from '../../core/ledger/query.ts';
import type { BacklinkRow } from '../../core/ledger/rows.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';

const PAGE = 10_000;

export async function allBacklinks(store: LedgerStore, filter: LinkFilter): Promise<BacklinkRow[]> {
  const rows: BacklinkRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.backlinks({ ...filter, sort: 'source-url', order: 'asc', limit: PAGE, offset });
    rows.push(...page);
    if (page.length < PAGE) return rows;
  }
}
