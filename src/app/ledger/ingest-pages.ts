/**
 * Ingest extracted pages (the HTML extractor's / WAT reader's PageLinks) into the ledger: the entry point
 * for every source that yields whole pages (own crawl, WARC, WAT, a folder of HTML files).
 *
 * For a resumable file import, wrap the reader in an ImportSource (see pageImportSource) and use runImport;
 * for a one-off stream, call ingestPages directly.
 */
import type { Checkpoint, ImportStats } from '../../core/ledger/import-run.ts';
import { emptyStats } from '../../core/ledger/import-run.ts';
import type { ImportSource, IngestItem, InputIdentity } from '../../core/ledger/import-source.ts';
import type { CaptureInput, EpochMs, SourceTag } from '../../core/ledger/model.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import type { PageLinks } from '../../core/link/page.ts';
import { ingest, type WriterOptions } from './ledger-writer.ts';

/** One extracted page with where and when it was captured. */
export interface CapturedPageLinks extends PageLinks {
  source: SourceTag;
  capturedAt: EpochMs;
  contentHash?: string | null;
  textDigest?: string | null;
  /** Position just after this record in its input (for checkpoints). */
  end?: Checkpoint;
}

export function captureOf(p: CapturedPageLinks): CaptureInput {
  return {
    source: p.source,
    capturedAt: p.capturedAt,
    page: {
      url: p.page.url,
      status: p.page.status,
      canonical: p.page.canonical,
      title: p.page.title,
      lang: p.page.lang,
      noindex: p.page.noindex,
      contentHash: p.contentHash ?? null,
      textDigest: p.textDigest ?? null,
    },
    links: p.links,
  };
}

async function* asItems(
  pages: AsyncIterable<CapturedPageLinks> | Iterable<CapturedPageLinks>,
): AsyncIterable<IngestItem> {
  for await (const p of pages) {
    const item: IngestItem = { kind: 'capture', capture: captureOf(p) };
    if (p.end) item.end = p.end;
    yield item;
  }
}

/** Writes the pages in transactional batches; returns the statistics. */
export async function ingestPages(
  store: LedgerStore,
  pages: AsyncIterable<CapturedPageLinks> | Iterable<CapturedPageLinks>,
  options: Omit<WriterOptions, 'run'> = {},
): Promise<ImportStats> {
  return ingest(store, asItems(pages), emptyStats(), options);
}

/**
 * An ImportSource over a page reader that can start at a checkpoint (e.g. a WARC reader seeking to a byte
 * offset): `read(from)` must yield the records after `from`, each with its `end`.
 */
export function pageImportSource(spec: {
  identity: InputIdentity;
  format: string;
  source: SourceTag;
  totalBytes: number | null;
  read(from: Checkpoint): AsyncIterable<CapturedPageLinks>;
}): ImportSource {
  return {
    identity: spec.identity,
    format: spec.format,
    source: spec.source,
    totalBytes: spec.totalBytes,
    read: (from) => asItems(spec.read(from)),
  };
}
