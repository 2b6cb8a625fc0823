/**
 * Which gzip member each record starts, without decompressing member by member.
 *
 * The fast path inflates the whole file with one zlib stream (per-member streams cost more than the
 * inflating itself), and zlib does not say where members end. But every member ends with its
 * uncompressed size (ISIZE, RFC 1952), right before the next member's `1f 8b 08` header. So:
 *  1. `scan` finds the places in the compressed bytes that look like a member start, with the ISIZE
 *     stored just before each (a candidate);
 *  2. the record parser reports each decompressed offset where a record (or junk) begins;
 *  3. such an offset U starts the candidate member at P when U - (start of the previous member) equals
 *     P's ISIZE. A false candidate (`1f 8b 08` inside deflate data or a stored .gz payload) almost never
 *     passes: it needs the right flag bytes and a 32-bit size that lands exactly on a record start.
 * Common Crawl writes one record per member, so every record gets its compressed offset, the one its
 * CDX index gives. In a whole-file gzip no candidate matches and offsets stay decompressed.
 */
import { looksLikeMemberStart } from './gzip-member.ts';

const MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);
/** Bytes needed around a candidate: 4 before (ISIZE of the previous member), 10 from it (header). */
const BEFORE = 4;
const AFTER = 10;
const TAIL = BEFORE + AFTER - 1;
/**
 * A bound on unmatched candidates kept: enough for the compressed bytes read ahead of the parser even with
 * tiny members (a few MiB of 200-byte members), and a whole-file gzip, which never matches any, has very
 * few. Past it the index stops guessing (see `lost`) rather than match against a gap.
 */
const MAX_CANDIDATES = 1 << 18;
const TWO_32 = 2 ** 32;

export interface MemberStart {
  /** Compressed offset of the member. */
  file: number;
  /** Decompressed offset of its first byte. */
  stream: number;
}

interface Candidate {
  file: number;
  /** ISIZE of the member that ends here, -1 at the start of the file. */
  size: number;
}

export class MemberIndex {
  /** Known member starts, oldest first; the first is the base the next candidate is measured from. */
  private known: MemberStart[] = [];
  /** Candidates not yet matched or passed, from `head` on (a queue without per-record `splice`). */
  private candidates: Candidate[] = [];
  private head = 0;
  /** Last bytes of the previous chunk, so candidates across a chunk boundary are found. */
  private tail: Buffer = Buffer.alloc(0);
  /** Candidates at offsets below this were already looked for. */
  private scannedTo = 0;
  /**
   * Candidates were dropped unmatched: the next member could be among them, and a later one of the same
   * size would be matched in its place (records of one size are common), so until the next `anchor` no
   * offset is claimed (readers then fall back to decompressed offsets, which are right, only slower).
   */
  private lost = false;

  /** Looks for member starts in the next compressed chunk, which begins at file offset `start`. */
  scan(chunk: Buffer, start: number): void {
    // Positions near the chunk boundary need bytes from both sides: a small joined window covers them.
    const head = chunk.subarray(0, Math.min(chunk.length, 64));
    const window = this.tail.length === 0 ? head : Buffer.concat([this.tail, head]);
    const windowStart = start - this.tail.length;
    this.scanIn(window, windowStart);
    if (chunk.length > head.length) this.scanIn(chunk, start);
    const joinedEnd = chunk.length >= TAIL ? chunk : Buffer.concat([this.tail, chunk]);
    this.tail = Buffer.from(joinedEnd.subarray(Math.max(0, joinedEnd.length - TAIL)));
  }

  /** Finds candidates p in `bytes` with p >= scannedTo whose header bytes are all inside `bytes`. */
  private scanIn(bytes: Buffer, bytesStart: number): void {
    const last = bytes.length - AFTER; // last local index whose header fits
    let i = Math.max(0, this.scannedTo - bytesStart);
    while (i <= last) {
      i = bytes.indexOf(MAGIC, i);
      if (i === -1 || i > last) break;
      const file = bytesStart + i;
      if (looksLikeMemberStart(bytes, i)) {
        const size = i >= BEFORE ? bytes.readUInt32LE(i - BEFORE) : file === 0 ? -1 : -2;
        if (size !== -2) this.addCandidate({ file, size });
      }
      i++;
    }
    this.scannedTo = Math.max(this.scannedTo, bytesStart + last + 1);
  }

  private addCandidate(candidate: Candidate): void {
    if (candidate.size < 0) return; // offset 0 is always known through `anchor`
    this.candidates.push(candidate);
    if (this.candidates.length - this.head > MAX_CANDIDATES) {
      this.candidates = [];
      this.head = 0;
      this.lost = true;
    }
  }

  /** A member known to start at `file` and to decompress to offset `stream` (stream start, or careful decoding). */
  anchor(file: number, stream: number): void {
    // Keep the list ordered: anything at or after this point was a guess that is now superseded.
    while (this.known.length > 0 && this.known[this.known.length - 1]!.stream >= stream) this.known.pop();
    this.known.push({ file, stream });
    this.lost = false;
    this.dropCandidatesUpTo(file);
  }

  /**
   * The parser found a record (or junk) starting at decompressed offset `stream`: returns the compressed
   * offset of the member starting there, or undefined when it starts none that we can tell.
   */
  memberAt(stream: number): number | undefined {
    const known = this.known;
    while (known.length > 1 && known[1]!.stream <= stream) known.shift();
    const base = known[0];
    if (base === undefined) return undefined;
    if (this.lost && stream !== base.stream) return undefined;
    if (base.stream === stream) return base.file;
    if (stream < base.stream) return undefined;
    const size = (stream - base.stream) % TWO_32;
    const limit = known[1]?.file ?? Number.POSITIVE_INFINITY;
    for (let k = this.head; k < this.candidates.length; k++) {
      const candidate = this.candidates[k]!;
      if (candidate.file <= base.file) continue;
      if (candidate.file >= limit) break;
      if (candidate.size === size) {
        known[0] = { file: candidate.file, stream };
        this.dropCandidatesUpTo(candidate.file);
        return candidate.file;
      }
    }
    return undefined;
  }

  /** The latest known member start at or before decompressed offset `stream`: where careful decoding can restart. */
  restartPoint(stream: number): MemberStart | undefined {
    for (let i = this.known.length - 1; i >= 0; i--)
      if (this.known[i]!.stream <= stream) return this.known[i];
    return undefined;
  }

  /** First candidate member start after `file`, for resynchronising after damage. */
  nextCandidateAfter(file: number): number | undefined {
    for (let k = this.head; k < this.candidates.length; k++) {
      if (this.candidates[k]!.file > file) return this.candidates[k]!.file;
    }
    return undefined;
  }

  private dropCandidatesUpTo(file: number): void {
    while (this.head < this.candidates.length && this.candidates[this.head]!.file <= file) this.head++;
    this.compact();
  }

  /** Drops passed candidates now and then, not per record (a `splice` per record was 3% of a run). */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.candidates.length) {
      this.candidates = this.candidates.slice(this.head);
      this.head = 0;
    }
  }
}
