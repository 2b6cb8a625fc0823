/**
 * The WARC record header (ISO 28500 section 5): the `WARC/x.y` version line and the named fields, and
 * the byte patterns the record parser uses to find where a record starts.
 */
import { type HeaderFields, parseFieldLines } from './header-fields.ts';

const WARC_PREFIX = Buffer.from('WARC/');
const LINE_WARC = Buffer.from('\nWARC/');
/** Bytes needed to tell a record start: `WARC/` and a digit. */
export const PREFIX_LENGTH = 6;
/** What resynchronisation looks for after junk: `WARC/`, a digit, a dot (`WARC/1.`, `WARC/0.18`). */
export const RECORD_START_LENGTH = 7;

export type ParsedWarcHeader =
  | { ok: true; version: string; fields: HeaderFields; contentLength: number }
  | { ok: false; why: string };

/**
 * Parses a complete header (version line to the empty line). Versions 1.0 and 1.1 and the drafts 0.17
 * and 0.18 (Heritrix 1) share this layout. Content-Length must be plain digits: anything else makes the
 * record unreadable, since the block's end cannot be found.
 */
export function parseWarcHeader(head: Buffer): ParsedWarcHeader {
  const lines = head.toString('utf8').split('\n');
  const firstLine = lines[0]!.trimEnd();
  const version = /^WARC\/(\d+\.\d+)/.exec(firstLine)?.[1];
  if (version === undefined)
    return { ok: false, why: `bad version line ${JSON.stringify(firstLine.slice(0, 40))}` };
  const { fields } = parseFieldLines(lines, 1);
  const declared = fields.get('content-length');
  if (declared === undefined || !/^\d{1,15}$/.test(declared)) {
    const shown = declared === undefined ? 'missing' : JSON.stringify(declared.slice(0, 40));
    return { ok: false, why: `Content-Length ${shown}` };
  }
  return { ok: true, version, fields, contentLength: Number(declared) };
}

/** `WARC/` and a digit; with `partial`, a shorter prefix of that also counts. */
export function looksLikeRecordStart(bytes: Uint8Array, partial: boolean): boolean {
  if (bytes.length < PREFIX_LENGTH && !partial) return false;
  const n = Math.min(bytes.length, PREFIX_LENGTH);
  for (let k = 0; k < n; k++) {
    if (k < WARC_PREFIX.length ? bytes[k] !== WARC_PREFIX[k] : !isDigit(bytes[k]!)) return false;
  }
  return true;
}

/**
 * Index of the first `WARC/<digit>.` at or after `from`, anywhere (junk before a record rarely ends
 * with a line break), or -1.
 */
export function findRecordStart(bytes: Buffer, from: number): number {
  let k = bytes.indexOf(WARC_PREFIX, from);
  while (k !== -1) {
    if (k + RECORD_START_LENGTH <= bytes.length && isDigit(bytes[k + 5]!) && bytes[k + 6] === 0x2e) return k;
    k = bytes.indexOf(WARC_PREFIX, k + 1);
  }
  return -1;
}

/** Finds `WARC/<digit>.` in bytes arriving in segments, including a match split across two. */
export class RecordStartScanner {
  /** The last bytes of the previous segment (fewer than a whole pattern). */
  private carry: Buffer = Buffer.alloc(0);

  reset(): void {
    this.carry = Buffer.alloc(0);
  }

  /**
   * Looks in bytes[from..] (stream offset of bytes[0]: `start`). Returns the stream offset `at` of the
   * match and where reading resumes: bytes[index], after the `carried` bytes of the previous segment
   * when the match began there. Null when there is no match yet.
   */
  scan(bytes: Buffer, from: number, start: number): { at: number; index: number; carried: Buffer } | null {
    const carry = this.carry;
    if (carry.length > 0) {
      const window = Buffer.concat([carry, bytes.subarray(from, from + RECORD_START_LENGTH)]);
      const at = findRecordStart(window, 0);
      if (at !== -1 && at < carry.length) {
        this.reset();
        return { at: start + from - carry.length + at, index: from, carried: carry.subarray(at) };
      }
    }
    const at = findRecordStart(bytes, from);
    if (at !== -1) {
      this.reset();
      return { at: start + at, index: at, carried: Buffer.alloc(0) };
    }
    const keep = RECORD_START_LENGTH - 1;
    const joined =
      bytes.length - from >= keep
        ? bytes.subarray(bytes.length - keep)
        : Buffer.concat([carry, bytes.subarray(from)]);
    this.carry = Buffer.from(joined.subarray(Math.max(0, joined.length - keep)));
    return null;
  }
}

/**
 * Index of the first `WARC/<digit>` at the start of a line inside a block, or -1. Stricter than
 * `findRecordStart`: a block's content is real data, and a record that a too-long Content-Length ran
 * into starts on a line of its own.
 */
export function findLineRecordStart(block: Buffer): number {
  let k = block.indexOf(LINE_WARC);
  while (k !== -1) {
    if (k + LINE_WARC.length < block.length && isDigit(block[k + LINE_WARC.length]!)) return k + 1;
    k = block.indexOf(LINE_WARC, k + 1);
  }
  return -1;
}

/** `<uri>` -> `uri` (WARC/1.0 allows the bracketed form; wget writes it). */
export function stripAngleBrackets(uri: string): string {
  return uri.length >= 2 && uri.startsWith('<') && uri.endsWith('>') ? uri.slice(1, -1).trim() : uri;
}

export function printable(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 16), (b) =>
    b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.',
  ).join('');
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}
