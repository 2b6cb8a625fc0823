/**
 * Extracted pages as ledger input: a page with its links, where and when it was captured, turned into the
 * capture items the ledger writer takes. Pure; shared by the app's ingestion and the page import sources.
 */

import type { PageLinks } from '../link/page.ts';
import type { Checkpoint } from './import-run.ts';
import type { ImportSource, IngestItem, InputIdentity } from './import-source.ts';
import type { CaptureInput, EpochMs, SourceTag } from './model.ts';

/** One extracted page with where and when it was captured. */
export interface CapturedPageLinks extends PageLinks {
  source: SourceTag;
  capturedAt: EpochMs;
  contentHash?: string | null;
  /** Overrides `page.textDigest` (the digest the extractor computed) when set. */
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
      textDigest: p.textDigest ?? p.page.textDigest ?? null,
      analyticsIds: p.page.analyticsIds ?? null,
      remoteAddress: p.page.remoteAddress ?? null,
      ...(p.page.truncated === true ? { truncated: true } : {}),
    },
    links: p.links,
  };
}

/**
 * Damage in a page input (a truncated WARC record, a WAT record that is not JSON, an HTML file without a
 * page URL): reported as a bad row. It carries no checkpoint: a batch never closes on it (it adds no
 * link), so it is committed with the page after it, and a resumed import does not count it twice.
 */
export interface InputProblem {
  problem: { line: number; reason: string };
}

export async function* asItems(
  pages: AsyncIterable<CapturedPageLinks | InputProblem> | Iterable<CapturedPageLinks | InputProblem>,
): AsyncIterable<IngestItem> {
  for await (const p of pages) {
    if ('problem' in p) {
      yield { kind: 'bad-row', line: p.problem.line, reason: p.problem.reason };
      continue;
    }
    const item: IngestItem = { kind: 'capture', capture: captureOf(p) };
    if (p.end) item.end = p.end;
    yield item;
  }
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
  read(from: Checkpoint): AsyncIterable<CapturedPageLinks | InputProblem>;
}): ImportSource {
  return {
    identity: spec.identity,
    format: spec.format,
    source: spec.source,
    totalBytes: spec.totalBytes,
    read: (from) => asItems(spec.read(from)),
  };
}
