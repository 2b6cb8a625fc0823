/**
 * A streaming CSV/TSV reader that knows where every record ends in bytes, so an import can checkpoint and
 * resume mid-file. RFC 4180 quoting (a quoted field may hold delimiters, newlines and doubled quotes), CRLF
 * or LF line ends, a UTF-8 BOM skipped. Bad data is tolerated: a stray quote inside an unquoted field is
 * kept as text; a quoted field that never closes (or grows past `maxRecordBytes`) yields a `bad` record for
 * its line and reading resumes on the next line, so the good rows around it are kept.
 *
 * UTF-16 files (Excel-style exports: Ahrefs offers UTF-16 TSV) and files that are not UTF-8 (read as
 * Windows-1252) are transcoded to UTF-8 as a stream first; offsets then count bytes of the transcoded
 * stream, and resuming re-decodes from the start and skips.
 * Parsing works on bytes (delimiters, quotes and newlines are ASCII, never part of a UTF-8 sequence), so
 * chunk boundaries cannot split a character that matters; fields are decoded once they are complete.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { startsWithGzipMagic } from '../graph-files/byte-source.ts';

export interface CsvRecord {
  kind: 'record';
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
  /** Byte offset just after the record (and its line end). */
  end: number;
  /** The line the next record starts on. */
  nextLine: number;
}

export interface CsvBadRecord {
  kind: 'bad';
  line: number;
  reason: string;
  end: number;
  nextLine: number;
}

export interface CsvReadOptions {
  delimiter: string;
  /** Honour quotes (default true); false for plain tab-separated files like web graphs. */
  quote?: boolean;
  /** Start at this byte offset (of the decoded stream) and call its line `line`. */
  offset?: number;
  line?: number;
  chunkSize?: number;
  maxRecordBytes?: number;
}

/** `windows1252`: a file that is not UTF-8 (Excel's "CSV" on Western Windows, older vendor exports). */
export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'windows1252';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * A file's encoding from its first bytes: UTF-16 by its BOM; UTF-8 when they decode as UTF-8 (a character
 * cut by the end of `head` aside); else Windows-1252, where every byte is a character, rather than
 * turning each accented letter into U+FFFD.
 */
export function encodingOf(head: Uint8Array): Encoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf8';
  } catch {
    return 'windows1252';
  }
}

const DECODERS: Record<Exclude<Encoding, 'utf8'>, string> = {
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  windows1252: 'windows-1252',
};

export { startsWithGzipMagic as isGzipFile };

/**
 * Thrown by utf8Bytes where gzip data is damaged or cut short: the bytes before it were good, and the CSV
 * reader reports it as the input's last (bad) record instead of failing the import.
 */
export class DamagedGzip extends Error {
  constructor(cause: Error) {
    super(`damaged or cut-short gzip data (${cause.message}): the rows before it were read`);
    this.name = 'DamagedGzip';
  }
}

/** The byte stream of a file as UTF-8 (gunzipped if it is gzip, transcoded from UTF-16, BOM removed). */
export async function* utf8Bytes(
  path: string,
  encoding: Encoding,
  chunkSize = 1 << 16,
): AsyncIterable<Uint8Array> {
  let stream: Readable = createReadStream(path, { highWaterMark: chunkSize });
  if (startsWithGzipMagic(path)) {
    const gunzip = createGunzip({ chunkSize: Math.max(64, chunkSize) });
    stream.on('error', (error) => gunzip.destroy(error));
    stream = stream.pipe(gunzip);
    yield* damageAware(stream, encoding);
    return;
  }
  yield* decoded(stream, encoding);
}

async function* damageAware(stream: Readable, encoding: Encoding): AsyncIterable<Uint8Array> {
  try {
    yield* decoded(stream, encoding);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    // zlib's errors (Z_BUF_ERROR: cut short, Z_DATA_ERROR: damaged); a read error stays what it is.
    if (error instanceof Error && typeof code === 'string' && code.startsWith('Z_'))
      throw new DamagedGzip(error);
    throw error;
  }
}

async function* decoded(stream: Readable, encoding: Encoding): AsyncIterable<Uint8Array> {
  if (encoding === 'utf8') {
    // Hold back the first bytes until we know whether they are a BOM (chunks can be tiny).
    let head: Buffer | null = Buffer.alloc(0);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (head === null) {
        yield chunk;
        continue;
      }
      head = Buffer.concat([head, chunk]);
      if (head.length < 3) continue;
      yield head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
      head = null;
    }
    if (head !== null && head.length > 0) yield head;
    return;
  }
  const decoder = new TextDecoder(DECODERS[encoding], { ignoreBOM: false });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.decode();
  if (rest !== '') yield Buffer.from(rest, 'utf8');
}

type Parsed =
  | { status: 'more' }
  | { status: 'record'; fields: string[]; next: number; lines: number }
  | { status: 'bad'; reason: string };

/**
 * Parses one record at `pos`. Returns `more` when the record may continue past the buffer (unless `done`).
 * Re-parsing a record from its start when more bytes arrive keeps this simple; records are short.
 */
function parseRecord(buf: Buffer, pos: number, done: boolean, delimiter: number, quoting: boolean): Parsed {
  const fields: string[] = [];
  let i = pos;
  let lines = 0;
  let fieldStart = i;
  let inQuotes = false;
  let quoted = false;
  let doubled = false;
  while (i < buf.length) {
    const c = buf[i]!;
    if (inQuotes) {
      if (c === QUOTE) {
        if (i + 1 >= buf.length && !done) return { status: 'more' };
        if (buf[i + 1] === QUOTE) {
          doubled = true;
          i += 2;
          continue;
        }
        inQuotes = false;
      } else if (c === LF) lines += 1;
      i += 1;
      continue;
    }
    if (c === QUOTE && quoting && i === fieldStart) {
      inQuotes = true;
      quoted = true;
      i += 1;
      continue;
    }
    if (c === delimiter) {
      fields.push(fieldText(buf, fieldStart, i, quoted, doubled));
      quoted = false;
      doubled = false;
      i += 1;
      fieldStart = i;
      continue;
    }
    if (c === LF || c === CR) {
      if (c === CR && i + 1 >= buf.length && !done) return { status: 'more' };
      fields.push(fieldText(buf, fieldStart, i, quoted, doubled));
      const next = c === CR && buf[i + 1] === LF ? i + 2 : i + 1;
      return { status: 'record', fields, next, lines: lines + 1 };
    }
    i += 1;
  }
  if (!done) return { status: 'more' };
  if (inQuotes) return { status: 'bad', reason: 'a quoted field is never closed' };
  fields.push(fieldText(buf, fieldStart, i, quoted, doubled));
  return { status: 'record', fields, next: i, lines: 0 };
}

/** Records of a UTF-8 byte stream, from `options.offset` on (bytes before it are skipped). */
export async function* csvRecords(
  bytes: AsyncIterable<Uint8Array>,
  options: CsvReadOptions,
): AsyncIterable<CsvRecord | CsvBadRecord> {
  const delimiter = options.delimiter.charCodeAt(0);
  const quoting = options.quote !== false;
  const maxRecord = options.maxRecordBytes ?? 4 << 20;
  let skip = options.offset ?? 0;
  let base = skip; // stream offset of buf[0]
  let line = options.line ?? 1;
  let buf: Buffer = Buffer.alloc(0);
  let pos = 0;
  let done = false;
  const iterator = bytes[Symbol.asyncIterator]();

  let damage: DamagedGzip | null = null;
  const more = async (): Promise<void> => {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await iterator.next();
      } catch (error) {
        if (!(error instanceof DamagedGzip)) throw error;
        damage = error;
        done = true;
        return;
      }
      if (next.done) {
        done = true;
        return;
      }
      let chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      if (skip > 0) {
        if (chunk.length <= skip) {
          skip -= chunk.length;
          continue;
        }
        chunk = chunk.subarray(skip);
        skip = 0;
      }
      if (pos > 0) {
        buf = buf.subarray(pos);
        base += pos;
        pos = 0;
      }
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      return;
    }
  };

  for (;;) {
    if (pos >= buf.length) {
      if (done) {
        if (damage !== null) {
          // Whatever followed is unreadable: one bad record for it, at the line it would have started.
          yield {
            kind: 'bad',
            line,
            reason: (damage as DamagedGzip).message,
            end: base + pos,
            nextLine: line,
          };
        }
        return;
      }
      await more();
      continue;
    }
    let parsed = parseRecord(buf, pos, done, delimiter, quoting);
    if (parsed.status === 'more') {
      if (buf.length - pos > maxRecord) {
        parsed = { status: 'bad', reason: `a record runs past ${maxRecord} bytes (unclosed quote?)` };
      } else {
        await more();
        continue;
      }
    }
    if (parsed.status === 'bad') {
      // Resynchronise on the line after the record's first line: the rows after it are kept. That line
      // may end beyond what is buffered (one line longer than maxRecord): read on, dropping its bytes.
      let nl = buf.indexOf(LF, pos);
      while (nl === -1 && !done) {
        pos = buf.length;
        await more();
        nl = buf.indexOf(LF, pos);
      }
      pos = nl === -1 ? buf.length : nl + 1;
      yield { kind: 'bad', line, reason: parsed.reason, end: base + pos, nextLine: line + 1 };
      line += 1;
      continue;
    }
    const recordLine = line;
    const start = pos;
    line += parsed.lines;
    pos = parsed.next;
    const empty = parsed.fields.every((f) => f.trim() === '');
    if (empty) continue;
    // A byte sequence that is not UTF-8 decodes to U+FFFD: a row whose URL or anchor would be silently
    // altered. The encoding was chosen from the file's head, so this is damage further on.
    if (parsed.fields.some((f) => f.includes('\uFFFD')) && !isUtf8(buf.subarray(start, pos))) {
      yield { kind: 'bad', line: recordLine, reason: 'not valid UTF-8', end: base + pos, nextLine: line };
      continue;
    }
    yield { kind: 'record', fields: parsed.fields, line: recordLine, end: base + pos, nextLine: line };
  }
}

function fieldText(buf: Buffer, start: number, end: number, quoted: boolean, doubled: boolean): string {
  if (!quoted) return buf.toString('utf8', start, end);
  // Quoted: drop the opening quote and the closing one; text after the closing quote is kept (tolerant
  // reading of `"a"b`), doubled quotes become one.
  let text = buf.toString('utf8', start + 1, end);
  const close = text.lastIndexOf('"');
  if (close !== -1) text = text.slice(0, close) + text.slice(close + 1);
  return doubled ? text.replace(/""/g, '"') : text;
}
