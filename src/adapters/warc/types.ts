/**
 * The shapes `readWarc` produces: records and problems, interleaved in file order in one stream.
 *
 * Real archives are damaged (truncated downloads, wrong Content-Length values, broken gzip members), so
 * damage is data: a `problem` event says what was skipped and where, and reading goes on. Only input that
 * is not a WARC at all is an error (`BadInputError`).
 */
import type { HeaderFields } from './header-fields.ts';

/**
 * How to read `offset`:
 *  - `file`: a byte offset in the input as read (plain WARC; for gzip problems, a compressed offset);
 *  - `member`: the compressed offset of the gzip member that starts with this record, the offset a
 *    Common Crawl index gives: seek there and gunzip one member to get the record back;
 *  - `decompressed`: an offset in the decompressed stream (gzip input where the record does not start a
 *    gzip member, e.g. a whole-file gzip, or where the member could not be identified).
 */
export type OffsetKind = 'file' | 'member' | 'decompressed';

export interface WarcPlace {
  offset: number;
  offsetKind: OffsetKind;
  /**
   * Offset in the decompressed byte stream (equal to `offset` for plain input). After gzip damage the
   * lost bytes are not counted, so this stays monotonic but is no longer a true position.
   */
  streamOffset: number;
}

export interface WarcRecord extends WarcPlace {
  kind: 'record';
  /** The version from the first line: `1.0`, `1.1`, `0.17`, `0.18`. */
  version: string;
  /** All header fields in file order, repeated names kept; lookups ignore case. */
  headers: HeaderFields;
  /** `WARC-Type` (`response`, `request`, `metadata`, ...), `''` when absent. */
  type: string;
  /** `WARC-Target-URI` with surrounding `<...>` removed (WARC/1.0 allows that form), or null. */
  targetUri: string | null;
  /** `WARC-Date` as written (ISO 8601), or null. */
  date: string | null;
  /** `WARC-Record-ID` as written (`<urn:uuid:...>`), or null. */
  recordId: string | null;
  /** The record's `Content-Type` (of the block, e.g. `application/http; msgtype=response`), or null. */
  contentType: string | null;
  /** The declared `Content-Length`. `block.length` differs only when a `bad-content-length` problem says so. */
  contentLength: number;
  /**
   * The record block. It may share memory with the buffer it was read from (no copy on the hot path):
   * copy it (`Uint8Array.prototype.slice`) before keeping many records alive.
   */
  block: Uint8Array;
}

export type WarcProblemReason =
  /** The header is not a WARC header (bad version line, no or unreadable Content-Length, too long). */
  | 'corrupt-header'
  /** Content-Length overran into the next record; the block was cut where that record starts. */
  | 'bad-content-length'
  /** Bytes that belong to no record (other than CR/LF) were skipped up to the next `WARC/` line. */
  | 'junk'
  /** The input ended inside a record or a gzip member. */
  | 'truncated'
  /** A record over `maxRecordBytes` was skipped unread. */
  | 'too-large'
  /** A gzip member could not be decompressed; reading resumed at the next member. */
  | 'gzip-error';

export interface WarcProblem extends WarcPlace {
  kind: 'problem';
  reason: WarcProblemReason;
  message: string;
  /** Bytes skipped or lost, when known (compressed bytes for `gzip-error`). */
  bytes?: number;
}

export type WarcEvent = WarcRecord | WarcProblem;

export interface ReadWarcOptions {
  /** Records with a larger block are skipped without being buffered. Default 32 MiB. */
  maxRecordBytes?: number;
  /** A header that does not end within this many bytes is corrupt. Default 64 KiB. */
  maxHeaderBytes?: number;
  /** Name of the input, for error messages. */
  file?: string;
}

export const DEFAULT_MAX_RECORD_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
