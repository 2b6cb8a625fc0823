/**
 * Streaming parser for edge lists: one `src dst` pair per line, the two labels separated by TABs or spaces
 * (Common Crawl's `src<TAB>dst`), `#` starting a comment line, blank lines and CRLF endings allowed.
 *
 * It works on bytes and never makes a string per line: integer labels (the common case) are accumulated
 * digit by digit into `Uint32Array`s; only when a label is not a canonical decimal integer below 2^32 - 1
 * does the parser switch to string labels (converting what it already read) and decode label bytes.
 * Chunks may split lines anywhere; only the partial last line of a chunk is copied.
 *
 * With a `resolver` (a vertex file was given) every label must name a known vertex; otherwise node ids are
 * assigned at the end: integer labels in ascending order, string labels in order of first appearance.
 *
 * Malformed lines (one field, three fields, control characters, unknown vertices) are an error naming the
 * line number, or with `lenient` are skipped and counted.
 */
import { Buffer } from 'node:buffer';
import { BadInputError } from '../../core/errors.ts';
import { type Allocator, heapAllocator } from '../../core/graph/allocator.ts';
import type { EdgeArrays } from '../../core/graph/build-csr.ts';
import type { NodeLabels } from '../../core/graph/node-labels.ts';
import { compactIntegerLabels } from './integer-labels.ts';

/** Maps labels of a vertex file to ids; -1 for unknown labels. */
export interface LabelResolver {
  integer(value: number): number;
  text(label: string): number;
}

export interface EdgeParserOptions {
  readonly lenient?: boolean;
  readonly resolver?: LabelResolver;
  /** For error messages. */
  readonly file?: string;
  /** Initial capacity in edges. */
  readonly capacity?: number;
  /** Where the edge arrays live (shared memory lets the caller reuse it for worker threads later). */
  readonly allocator?: Allocator;
}

export interface EdgeParseStats {
  readonly lines: number;
  readonly edges: number;
  readonly comments: number;
  readonly blankLines: number;
  /** Malformed lines skipped (lenient mode only). */
  readonly skippedLines: number;
  /** Line numbers of the first skipped lines (at most 10). */
  readonly firstSkipped: readonly number[];
}

export interface ParsedEdges extends EdgeArrays {
  readonly nodeCount: number;
  /** Null when a resolver assigned the ids (the vertex file holds the labels). */
  readonly labels: NodeLabels | null;
  readonly stats: EdgeParseStats;
}

const LF = 10;
const CR = 13;
const TAB = 9;
const SPACE = 32;
const HASH = 35;
const MAX_INTEGER_LABEL = 0xfffffffe;

export class EdgeParser {
  private src: Uint32Array;
  private dst: Uint32Array;
  private count = 0;
  private carry: Buffer | null = null;
  private stringMode = false;
  /** Largest integer label so far (integer mode), so that the ids need no extra pass to find it. */
  private maxLabel = -1;
  private readonly stringIds = new Map<string, number>();
  private readonly stringLabels: string[] = [];
  private line = 0;
  private comments = 0;
  private blankLines = 0;
  private skippedLines = 0;
  private readonly firstSkipped: number[] = [];
  private readonly lenient: boolean;
  private readonly resolver: LabelResolver | undefined;
  private readonly file: string | undefined;
  private readonly allocator: Allocator;

  constructor(options: EdgeParserOptions = {}) {
    const capacity = Math.max(1024, options.capacity ?? 1 << 16);
    this.allocator = options.allocator ?? heapAllocator;
    this.src = this.allocator.uint32(capacity);
    this.dst = this.allocator.uint32(capacity);
    this.lenient = options.lenient ?? false;
    this.resolver = options.resolver;
    this.file = options.file;
  }

  /** Feeds the next chunk of bytes. */
  push(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    if (this.carry !== null) {
      const newline = bytes.indexOf(LF);
      if (newline < 0) {
        this.carry = Buffer.concat([this.carry, bytes]);
        return;
      }
      const joined = Buffer.concat([this.carry, bytes.subarray(0, newline + 1)]);
      this.carry = null;
      this.parseLines(joined, 0, joined.length);
      start = newline + 1;
    }
    const lastNewline = bytes.lastIndexOf(LF);
    if (lastNewline < start) {
      if (start < bytes.length) this.carry = Buffer.from(bytes.subarray(start));
      return;
    }
    this.parseLines(bytes, start, lastNewline + 1);
    if (lastNewline + 1 < bytes.length) this.carry = Buffer.from(bytes.subarray(lastNewline + 1));
  }

  /** Ends the input and returns the edges with dense node ids. */
  finish(): ParsedEdges {
    if (this.carry !== null) {
      const last = Buffer.concat([this.carry, Buffer.from([LF])]);
      this.carry = null;
      this.parseLines(last, 0, last.length);
    }
    const stats: EdgeParseStats = {
      lines: this.line,
      edges: this.count,
      comments: this.comments,
      blankLines: this.blankLines,
      skippedLines: this.skippedLines,
      firstSkipped: this.firstSkipped,
    };
    const edges = { src: this.src, dst: this.dst, count: this.count };
    if (this.resolver !== undefined) return { ...edges, nodeCount: -1, labels: null, stats };
    if (this.stringMode) {
      return {
        ...edges,
        nodeCount: this.stringLabels.length,
        labels: { kind: 'string', values: this.stringLabels },
        stats,
      };
    }
    const values = compactIntegerLabels(this.src, this.dst, this.count, this.maxLabel);
    return { ...edges, nodeCount: values.length, labels: { kind: 'integer', values }, stats };
  }

  /** Parses the complete lines in `bytes[start, end)`; `bytes[end - 1]` is a newline. */
  private parseLines(bytes: Buffer, start: number, end: number): void {
    let p = start;
    while (p < end) {
      if (!this.stringMode && this.resolver === undefined) {
        p = this.parseIntegerLines(bytes, p, end);
        if (p >= end) break;
      }
      this.line++;
      let c = bytes[p]!;
      while (c === SPACE || c === TAB) c = bytes[++p]!;
      if (c === LF || (c === CR && bytes[p + 1] === LF)) {
        this.blankLines++;
        p = bytes.indexOf(LF, p) + 1;
        continue;
      }
      if (c === HASH) {
        this.comments++;
        p = bytes.indexOf(LF, p) + 1;
        continue;
      }
      const lineStart = p;
      // First label.
      const a0 = p;
      let a = 0;
      let aIsInteger = true;
      while (c > SPACE) {
        const digit = c - 48;
        if (digit >= 0 && digit <= 9) a = a * 10 + digit;
        else aIsInteger = false;
        c = bytes[++p]!;
      }
      const a1 = p;
      if (c !== SPACE && c !== TAB) {
        p = this.malformed(bytes, lineStart, 'expected two labels separated by a TAB');
        continue;
      }
      while (c === SPACE || c === TAB) c = bytes[++p]!;
      // Second label.
      const b0 = p;
      let b = 0;
      let bIsInteger = true;
      while (c > SPACE) {
        const digit = c - 48;
        if (digit >= 0 && digit <= 9) b = b * 10 + digit;
        else bIsInteger = false;
        c = bytes[++p]!;
      }
      const b1 = p;
      while (c === SPACE || c === TAB || c === CR) c = bytes[++p]!;
      if (c !== LF || b1 === b0) {
        p = this.malformed(
          bytes,
          lineStart,
          b1 === b0 ? 'expected two labels separated by a TAB' : 'expected exactly two labels',
        );
        continue;
      }
      p++;
      aIsInteger = aIsInteger && isCanonical(bytes, a0, a1, a);
      bIsInteger = bIsInteger && isCanonical(bytes, b0, b1, b);
      if (this.resolver !== undefined) {
        const s = aIsInteger ? this.resolver.integer(a) : this.resolver.text(bytes.toString('utf8', a0, a1));
        const d = bIsInteger ? this.resolver.integer(b) : this.resolver.text(bytes.toString('utf8', b0, b1));
        if (s < 0 || d < 0) {
          const unknown = s < 0 ? bytes.toString('utf8', a0, a1) : bytes.toString('utf8', b0, b1);
          this.malformedAt(lineStart, `label "${unknown}" is not in the vertex file`, bytes);
          continue;
        }
        this.add(s, d);
      } else if (!this.stringMode && aIsInteger && bIsInteger) {
        this.maxLabel = Math.max(this.maxLabel, a, b);
        this.add(a, b);
      } else {
        if (!this.stringMode) this.switchToStrings();
        this.add(this.intern(bytes.toString('utf8', a0, a1)), this.intern(bytes.toString('utf8', b0, b1)));
      }
    }
  }

  /**
   * The fast path for the common line `digits<TAB>digits\n` (Common Crawl's layout): no function calls,
   * no strings. Stops at the first line of another shape (or when the arrays are full) and returns its
   * start, for the general path to handle.
   */
  private parseIntegerLines(bytes: Buffer, start: number, end: number): number {
    const { src, dst } = this;
    const capacity = src.length;
    let count = this.count;
    let lines = 0;
    let max = this.maxLabel;
    let p = start;
    while (p < end && count < capacity) {
      const lineStart = p;
      let c = bytes[p]!;
      // First label: canonical decimal (no leading zero), at most 10 digits.
      if (c < 49 || c > 57) {
        if (c !== 48 || bytes[p + 1] !== TAB) break; // "0" alone is fine; anything else: general path
      }
      let a = 0;
      let digits = 0;
      while (c >= 48 && c <= 57) {
        a = a * 10 + (c - 48);
        digits++;
        c = bytes[++p]!;
      }
      if (c !== TAB || digits > 10 || a > MAX_INTEGER_LABEL) {
        p = lineStart;
        break;
      }
      c = bytes[++p]!;
      if (c < 49 || c > 57) {
        if (c !== 48 || (bytes[p + 1] !== LF && bytes[p + 1] !== CR)) {
          p = lineStart;
          break;
        }
      }
      let b = 0;
      digits = 0;
      while (c >= 48 && c <= 57) {
        b = b * 10 + (c - 48);
        digits++;
        c = bytes[++p]!;
      }
      if (c === CR) c = bytes[++p]!;
      if (c !== LF || digits > 10 || b > MAX_INTEGER_LABEL) {
        p = lineStart;
        break;
      }
      p++;
      src[count] = a;
      dst[count] = b;
      if (a > max) max = a;
      if (b > max) max = b;
      count++;
      lines++;
    }
    this.maxLabel = max;
    this.count = count;
    this.line += lines;
    return p;
  }

  private add(s: number, d: number): void {
    if (this.count === this.src.length) {
      const capacity = this.src.length * 2;
      if (capacity > 2 ** 32 - 1) throw new BadInputError('more than 2^32 - 1 edges', fileOnly(this.file));
      const src = this.allocator.uint32(capacity);
      src.set(this.src);
      this.src = src;
      const dst = this.allocator.uint32(capacity);
      dst.set(this.dst);
      this.dst = dst;
    }
    this.src[this.count] = s;
    this.dst[this.count] = d;
    this.count++;
  }

  private intern(label: string): number {
    let id = this.stringIds.get(label);
    if (id === undefined) {
      id = this.stringLabels.length;
      this.stringIds.set(label, id);
      this.stringLabels.push(label);
    }
    return id;
  }

  /** The first non-integer label: re-key what was read so far as strings, in order of appearance. */
  private switchToStrings(): void {
    this.stringMode = true;
    for (let e = 0; e < this.count; e++) {
      this.src[e] = this.intern(String(this.src[e]));
      this.dst[e] = this.intern(String(this.dst[e]));
    }
  }

  private malformed(bytes: Buffer, lineStart: number, why: string): number {
    this.malformedAt(lineStart, why, bytes);
    return bytes.indexOf(LF, lineStart) + 1;
  }

  private malformedAt(lineStart: number, why: string, bytes: Buffer): void {
    if (!this.lenient) {
      const lineEnd = bytes.indexOf(LF, lineStart);
      const text = bytes.toString('utf8', lineStart, Math.min(lineEnd, lineStart + 80)).replace(/\r$/, '');
      throw new BadInputError(
        `line ${this.line}: ${why}: ${JSON.stringify(text)} (use --lenient to skip and count such lines)`,
        fileOnly(this.file),
      );
    }
    this.skippedLines++;
    if (this.firstSkipped.length < 10) this.firstSkipped.push(this.line);
  }
}

function fileOnly(file: string | undefined): { file?: string } {
  return file === undefined ? {} : { file };
}

/** Digits only, no leading zero, below 2^32 - 1: a label that round-trips through a number. */
function isCanonical(bytes: Buffer, start: number, end: number, value: number): boolean {
  const length = end - start;
  if (length === 0 || length > 10) return false;
  if (length > 1 && bytes[start] === 48) return false;
  return value <= MAX_INTEGER_LABEL;
}
