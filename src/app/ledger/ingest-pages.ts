/**
 * Ingest extracted pages (the HTML extractor's / WAT reader's PageLinks) into the ledger: the entry point
 * for every source that yields whole pages (own crawl, WARC, WAT, a folder of HTML files).
 *
 * For a resumable file import, wrap the reader in an ImportSource (see pageImportSource) and use runImport;
 * for a one-off stream, call ingestPages directly.
 */
import { emptyStats, type ImportStats } from '../../core/ledger/import-run.ts';
import { asItems, type CapturedPageLinks } from '../../core/ledger/page-capture.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { ingest, type WriterOptions } from './ledger-writer.ts';

export { type CapturedPageLinks, captureOf, pageImportSource } from '../../core/ledger/page-capture.ts';

/** Writes the pages in transactional batches; returns the statistics. */
export async function ingestPages(
  store: LedgerStore,
  pages: AsyncIterable<CapturedPageLinks> | Iterable<CapturedPageLinks>,
  options: Omit<WriterOptions, 'run'> = {},
): Promise<ImportStats> {
  return ingest(store, asItems(pages), emptyStats(), options);
}
