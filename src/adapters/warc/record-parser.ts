/**
 * WARC record framing over decompressed bytes, pushed in chunks of any size (ISO 28500: a `WARC/x.y`
 * line, header fields, an empty line, Content-Length bytes of block, CRLF CRLF).
 *
 * Tolerance, because real files break the rules (see ../shared/data/conformance/SOURCE.txt):
 *  - whatever CR/LF bytes follow a block are skipped, not required to be exactly CRLF CRLF;
 *  - a complete record is held back until the next record's `WARC/` is seen: if something else follows,
 *    its Content-Length may have run into the next record, which is then found inside the block and
 *    read again from there (`bad-content-length`); otherwise the bytes are `junk` up to the next line
 *    starting with `WARC/`;
 *  - a corrupt header is reported and skipped the same way; a block over the size limit is streamed past
 *    without being buffered; the end of input inside a record is `truncated`.
 * Memory is bounded by the largest record: a block is either a view of the pushed chunk or one buffer.
 */
import { BadInputError } from '../../core/errors.ts';
import { findHeaderEnd } from './header-fields.ts';
import type { WarcEvent, WarcPlace, WarcProblem, WarcProblemReason, WarcRecord } from './types.ts';
import {
  findLineRecordStart,
  looksLikeRecordStart,
  PREFIX_LENGTH,
  parseWarcHeader,
  printable,
  RecordStartScanner,
  stripAngleBrackets,
} from './warc-header.ts';

export interface RecordParserOptions {
  maxRecordBytes: number;
  maxHeaderBytes: number;
  /** For gzip input: the compressed offset of the member starting at a decompressed offset, if any. */
  memberAt?: ((streamOffset: number) => number | undefined) | undefined;
  file?: string | undefined;
}

type State = 'seek' | 'header' | 'block' | 'skip' | 'resync';

interface Segment {
  bytes: Buffer;
  /** Stream offset of bytes[0]. */
  start: number;
}

const EMPTY = Buffer.alloc(0);
const CR = 0x0d;
const LF = 0x0a;
/** CR/LF bytes remembered after a block, to replay them if the block turns out to be too long. */
const MAX_SEPARATOR_BYTES = 256;

export class RecordParser {
  private state: State = 'seek';
  /** Stream offset just past the last byte pushed. */
  private end = 0;
  private started = false;
  private readonly queue: Segment[] = [];
  /** Segments a handler wants read again before the rest of the current one. */
  private replayed: Segment[] = [];

  // The record being read. Invariant in state `header`: the header's bytes so far are `held` (a copy),
  // or, when `held` is null, the record starts at the current index of the current segment.
  private recordStart = 0;
  private recordMember: number | undefined;
  private held: Buffer | null = null;
  private record: WarcRecord | null = null;
  private block: Buffer | null = null;
  private filled = 0;
  private skipLeft = 0;

  // A complete record waiting for the check of what follows it.
  private pending: WarcRecord | null = null;
  private pendingBlockStart = 0;
  private separators: number[] = [];

  // Junk: where it began, and whether to report it when the next record is found.
  private junkStart = 0;
  private junkMember: number | undefined;
  private reportJunk = false;
  private readonly scanner = new RecordStartScanner();

  constructor(private readonly options: RecordParserOptions) {}

  /** Parses the next bytes of the (decompressed) input; events are appended to `out`. */
  push(chunk: Buffer, out: WarcEvent[]): void {
    if (chunk.length === 0) return;
    this.queue.push({ bytes: chunk, start: this.end });
    this.end += chunk.length;
    this.run(out);
  }

  /**
   * Bytes were lost before the next push (gzip damage). A complete record whose block ends at or before
   * `validUpTo` (the end of the last gzip member that checked out) is kept; whatever was in progress is
   * dropped: the gzip problem already reports it.
   */
  gap(validUpTo: number, out: WarcEvent[]): void {
    if (this.pending && this.pendingBlockStart + this.pending.block.length <= validUpTo)
      out.push(this.pending);
    this.pending = null;
    this.resetRecord();
    this.reportJunk = false;
    this.state = 'seek';
    // Bytes past the last good member were dropped: offsets go on from there, the same however the
    // input was chunked (the gzip layer numbers what follows the same way).
    this.end = validUpTo;
  }

  /** End of input. `truncatedAt` is set when the gzip layer found the last member cut short. */
  finish(out: WarcEvent[], truncatedAt?: WarcPlace): void {
    const before = out.length;
    this.finishState(out);
    this.flushPending(out);
    if (!this.started) {
      throw new BadInputError(
        'not a WARC file: the input ends before the first record header',
        this.where(0),
      );
    }
    const reported = out.slice(before).some((e) => e.kind === 'problem' && e.reason === 'truncated');
    if (truncatedAt && !reported) {
      out.push({
        kind: 'problem',
        reason: 'truncated',
        ...truncatedAt,
        message: 'the input ends inside a gzip member',
      });
    }
  }

  private finishState(out: WarcEvent[]): void {
    switch (this.state) {
      case 'header': {
        const head = this.held ?? EMPTY;
        if (looksLikeRecordStart(head, true)) {
          this.flushPending(out);
          this.problem(out, 'truncated', 'the input ends inside a record header');
          this.resetRecord();
          return;
        }
        this.notARecord(out, head, 0);
        break;
      }
      case 'block': {
        const partial = this.block === null ? EMPTY : this.block.subarray(0, this.filled);
        const again = this.lookBack(out, this.record!, partial, this.end - this.filled, []);
        if (again === null) {
          const record = this.record!;
          const message = `the input ends inside a record block (${this.filled} of ${record.contentLength} bytes)`;
          this.problem(out, 'truncated', message, this.filled);
          this.resetRecord();
          return;
        }
        this.replayed = again;
        break;
      }
      case 'skip': {
        const message = `the input ends inside a record too large to read (${this.record!.contentLength} bytes)`;
        this.problem(out, 'truncated', message);
        this.resetRecord();
        return;
      }
      case 'resync':
        if (this.reportJunk) this.junkFound(out, this.end);
        this.reportJunk = false;
        return;
      case 'seek':
        return;
    }
    // A record was found again inside bytes already read: read them, then finish again.
    this.queue.unshift(...this.replayed);
    this.replayed = [];
    this.run(out);
    this.finishState(out);
  }

  private run(out: WarcEvent[]): void {
    while (this.queue.length > 0) {
      const { bytes, start } = this.queue.shift()!;
      let i = 0;
      while (i < bytes.length) {
        let next: number;
        switch (this.state) {
          case 'seek':
            next = this.seek(bytes, i, start);
            break;
          case 'header':
            next = this.header(bytes, i, out);
            break;
          case 'block':
            next = this.readBlock(bytes, i, start);
            break;
          case 'skip':
            next = this.skip(bytes, i, out);
            break;
          case 'resync':
            next = this.resync(bytes, i, start, out);
            break;
        }
        if (next < 0) {
          // Read the replayed bytes first, then this segment from the index given.
          const rest = -next - 1;
          const again = this.replayed.filter((s) => s.bytes.length > 0);
          if (rest < bytes.length) again.push({ bytes: bytes.subarray(rest), start: start + rest });
          this.queue.unshift(...again);
          this.replayed = [];
          break;
        }
        i = next;
      }
    }
  }

  /** Queues `segments` to be read again, then the current segment from `restIndex`. */
  private replay(segments: Segment[], restIndex: number): number {
    this.replayed = segments;
    return -restIndex - 1;
  }

  private seek(bytes: Buffer, i: number, start: number): number {
    const n = bytes.length;
    while (i < n) {
      const b = bytes[i]!;
      if (b !== CR && b !== LF) break;
      if (this.pending && this.separators.length <= MAX_SEPARATOR_BYTES) this.separators.push(b);
      i++;
    }
    if (i === n) return i;
    this.recordStart = start + i;
    this.recordMember = this.options.memberAt?.(this.recordStart);
    this.held = null;
    this.state = 'header';
    return i;
  }

  private header(bytes: Buffer, i: number, out: WarcEvent[]): number {
    const held = this.held;
    const heldLength = held === null ? 0 : held.length;
    const max = this.options.maxHeaderBytes;
    const takeEnd = Math.min(bytes.length, i + Math.max(0, max - heldLength));
    const view = held === null ? bytes : Buffer.concat([held, bytes.subarray(i, takeEnd)]);
    const from = held === null ? i : 0;
    const viewEnd = held === null ? takeEnd : view.length;
    const available = viewEnd - from;
    if (available < PREFIX_LENGTH) {
      this.held = Buffer.from(view.subarray(from, viewEnd));
      return takeEnd;
    }
    if (!looksLikeRecordStart(view.subarray(from, from + PREFIX_LENGTH), false)) {
      return this.notARecord(out, view.subarray(from, viewEnd), i);
    }
    // `WARC/` and a digit: this is a WARC, even if this header turns out to be damaged.
    this.started = true;
    const end = findHeaderEnd(view, held === null ? from : Math.max(0, heldLength - 3), viewEnd);
    if (end === -1) {
      if (available >= max) return this.corrupt(out, i, `no end of header within ${max} bytes`);
      this.held = Buffer.from(view.subarray(from, viewEnd)); // a copy: the chunk may be large
      return takeEnd;
    }
    return this.startBlock(out, view.subarray(from, end), i, i + (end - from - heldLength));
  }

  /** A whole header is in `head`; the block starts at bytes[next]. `i` is as in `header`. */
  private startBlock(out: WarcEvent[], head: Buffer, i: number, next: number): number {
    const parsed = parseWarcHeader(head);
    if (!parsed.ok) return this.corrupt(out, i, parsed.why);
    const { version, fields, contentLength } = parsed;
    this.flushPending(out);
    this.held = null;
    const target = fields.get('warc-target-uri');
    this.record = {
      kind: 'record',
      ...this.place(this.recordStart, this.recordMember),
      version,
      headers: fields,
      type: fields.get('warc-type') ?? '',
      targetUri: target === undefined ? null : stripAngleBrackets(target),
      date: fields.get('warc-date') ?? null,
      recordId: fields.get('warc-record-id') ?? null,
      contentType: fields.get('content-type') ?? null,
      contentLength,
      block: EMPTY,
    };
    if (contentLength > this.options.maxRecordBytes) {
      this.skipLeft = contentLength;
      this.state = 'skip';
      return next;
    }
    this.block = null;
    this.filled = 0;
    this.state = 'block';
    if (contentLength === 0) this.completeBlock(EMPTY, this.recordStart + head.length);
    return next;
  }

  private readBlock(bytes: Buffer, i: number, start: number): number {
    const length = this.record!.contentLength;
    if (this.block === null) {
      if (bytes.length - i >= length) {
        this.completeBlock(bytes.subarray(i, i + length), start + i); // no copy: a view of the chunk
        return i + length;
      }
      this.block = Buffer.allocUnsafe(length);
      this.filled = 0;
    }
    const take = Math.min(length - this.filled, bytes.length - i);
    bytes.copy(this.block, this.filled, i, i + take);
    this.filled += take;
    if (this.filled === length) this.completeBlock(this.block, start + i + take - length);
    return i + take;
  }

  private completeBlock(block: Buffer, blockStart: number): void {
    const record = this.record!;
    record.block = block;
    this.pending = record;
    this.pendingBlockStart = blockStart;
    this.separators = [];
    this.resetRecord();
    this.state = 'seek';
  }

  private skip(bytes: Buffer, i: number, out: WarcEvent[]): number {
    const take = Math.min(this.skipLeft, bytes.length - i);
    this.skipLeft -= take;
    if (this.skipLeft === 0) {
      const record = this.record!;
      const what = `${record.type || 'record'}${record.targetUri ? ` of ${record.targetUri}` : ''}`;
      const message = `${what}: ${record.contentLength} bytes, over the ${this.options.maxRecordBytes}-byte limit, skipped`;
      this.problem(out, 'too-large', message, record.contentLength);
      this.resetRecord();
      this.state = 'seek';
    }
    return i + take;
  }

  /**
   * The bytes at the record start (`head`) are not `WARC/`. If a complete record precedes them, its
   * Content-Length may have overrun: look for the next record inside its block. Otherwise it is junk.
   */
  private notARecord(out: WarcEvent[], head: Buffer, i: number): number {
    if (!this.started) {
      const where = `${this.options.memberAt ? 'decompressed ' : ''}byte ${this.recordStart}`;
      const message = `not a WARC file: expected "WARC/" at ${where}, found ${JSON.stringify(printable(head))}`;
      throw new BadInputError(message, this.where(this.recordStart));
    }
    const pending = this.pending;
    if (pending) {
      const after: Segment[] = [
        { bytes: Buffer.from(this.separators), start: this.pendingBlockStart + pending.block.length },
      ];
      if (this.held !== null) after.push({ bytes: this.held, start: this.recordStart });
      const again = this.lookBack(out, pending, asBuffer(pending.block), this.pendingBlockStart, after);
      if (again !== null) {
        this.pending = null;
        this.resetRecord();
        this.state = 'seek';
        return this.replay(again, i);
      }
      this.flushPending(out);
    }
    this.junkStart = this.recordStart;
    this.junkMember = this.recordMember;
    this.reportJunk = true;
    return this.enterResync(i);
  }

  /**
   * Looks for a record start inside `block` (a Content-Length that overran into the next record). When
   * found, emits the record cut there with a `bad-content-length` problem and returns the bytes to read
   * again: the block from the found record on, then `after`.
   */
  private lookBack(
    out: WarcEvent[],
    record: WarcRecord,
    block: Buffer,
    blockStart: number,
    after: Segment[],
  ): Segment[] | null {
    if (this.separators.length > MAX_SEPARATOR_BYTES) return null;
    const k = findLineRecordStart(block);
    if (k === -1) return null;
    let cut = k;
    while (cut > 0 && (block[cut - 1] === LF || block[cut - 1] === CR)) cut--;
    record.block = block.subarray(0, cut);
    out.push(record);
    const member = record.offsetKind === 'member' ? record.offset : undefined;
    const message = `Content-Length ${record.contentLength} runs into the next record; block cut to ${cut} bytes`;
    this.problem(out, 'bad-content-length', message, record.contentLength - cut, {
      stream: record.streamOffset,
      member,
    });
    this.resetRecord();
    return [{ bytes: block.subarray(k), start: blockStart + k }, ...after];
  }

  private corrupt(out: WarcEvent[], i: number, why: string): number {
    this.flushPending(out);
    this.problem(out, 'corrupt-header', `corrupt record header: ${why}`);
    this.reportJunk = false;
    return this.enterResync(i);
  }

  /** Looks for the next `WARC/` line from one byte after the record start. `i` is as in `header`. */
  private enterResync(i: number): number {
    const held = this.held;
    const start = this.recordStart;
    this.resetRecord();
    this.state = 'resync';
    this.scanner.reset();
    if (held === null) return i + 1;
    return this.replay([{ bytes: held.subarray(1), start: start + 1 }], i);
  }

  private resync(bytes: Buffer, i: number, start: number, out: WarcEvent[]): number {
    const found = this.scanner.scan(bytes, i, start);
    if (found === null) return bytes.length;
    if (this.reportJunk) this.junkFound(out, found.at);
    this.reportJunk = false;
    this.state = 'seek';
    // A start that began in the previous segment is read again in front of this one.
    if (found.carried.length === 0) return found.index;
    return this.replay([{ bytes: found.carried, start: found.at }], found.index);
  }

  private junkFound(out: WarcEvent[], end: number): void {
    const bytes = end - this.junkStart;
    const at = { stream: this.junkStart, member: this.junkMember };
    this.problem(out, 'junk', `${bytes} bytes between records skipped`, bytes, at);
  }

  private flushPending(out: WarcEvent[]): void {
    if (this.pending) out.push(this.pending);
    this.pending = null;
  }

  private resetRecord(): void {
    this.record = null;
    this.block = null;
    this.filled = 0;
    this.skipLeft = 0;
    this.held = null;
  }

  private place(streamOffset: number, member: number | undefined): WarcPlace {
    if (!this.options.memberAt) return { offset: streamOffset, offsetKind: 'file', streamOffset };
    if (member !== undefined) return { offset: member, offsetKind: 'member', streamOffset };
    return { offset: streamOffset, offsetKind: 'decompressed', streamOffset };
  }

  /** Reports a problem at the current record's start unless told where. */
  private problem(
    out: WarcEvent[],
    reason: WarcProblemReason,
    message: string,
    bytes?: number,
    at: { stream: number; member: number | undefined } = {
      stream: this.recordStart,
      member: this.recordMember,
    },
  ): void {
    const problem: WarcProblem = { kind: 'problem', reason, ...this.place(at.stream, at.member), message };
    if (bytes !== undefined) problem.bytes = bytes;
    out.push(problem);
  }

  private where(offset: number): { file?: string; offset: number } {
    return this.options.file === undefined ? { offset } : { file: this.options.file, offset };
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
