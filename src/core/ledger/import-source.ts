/**
 * The import-source port: anything that can feed the ledger from a position onwards (a CSV export, a web
 * graph, a WARC). Adapters (src/adapters/imports, the WARC/WAT readers) implement it; the run-import use case
 * (src/app/ledger/run-import.ts) drives it, records the run and resumes it after a crash.
 */
import type { Checkpoint } from './import-run.ts';
import type { CaptureInput, ObservationInput, SourceTag } from './model.ts';

/** One input record, with the position just after it (what a checkpoint after this record holds). */
export type IngestItem =
  | { kind: 'capture'; capture: CaptureInput; end?: Checkpoint }
  | { kind: 'observation'; observation: ObservationInput; end?: Checkpoint }
  | { kind: 'bad-row'; line: number; reason: string; end?: Checkpoint }
  | { kind: 'skip'; reason: string; end?: Checkpoint };

/** What identifies an input, so a re-run finds the interrupted run of the same input. */
export interface InputIdentity {
  /** A path or a name. */
  input: string;
  size: number;
  mtimeMs: number;
  /** A hash of the first bytes (or of the whole input when small). */
  headHash: string;
}

export interface ImportSource {
  identity: InputIdentity;
  /** Format id (`gsc-latest-links`, `ahrefs`, `cc-webgraph`, `warc`...). */
  format: string;
  source: SourceTag;
  /** Input size in bytes when known, for progress. */
  totalBytes: number | null;
  /** Records from `from` on; `{offset: 0, line: 1}` is the start. */
  read(from: Checkpoint): AsyncIterable<IngestItem>;
  /** Advice for the user about this input (e.g. how to tag it better), shown with the import's summary. */
  hint?: string;
}

export const START: Checkpoint = { offset: 0, line: 1 };

/** What the user says about a set of inputs to import (`linkledger import` flags). */
export interface ImportSourceOptions {
  /** Import time (epoch ms): the capture time of inputs that carry none. */
  now: number;
  /** Record the links under this source tag instead of the detected one. */
  source?: string | null;
  /** The site a Search Console export is about; for web graphs, keep only links to it. */
  target?: string | null;
  /** URL of a loose HTML file, or the base of a folder's files. */
  baseUrl?: string | null;
  /** Common Crawl crawl id of a web graph. */
  crawlId?: string | null;
  /** Force a CSV format id instead of detecting it. */
  format?: string | null;
}
