/**
 * One gzip member at a time (RFC 1952), synchronously: the careful path used only around damage.
 *
 * The fast path (gunzip-members.ts) streams the whole file through one zlib stream, which cannot say
 * where a member ends and loses the output of a call that fails. Around a failure we need exact member
 * boundaries, so here the gzip header is parsed by hand and the deflate data inflated raw: zlib then
 * reports how many bytes it consumed, i.e. where the member's trailer (CRC-32, size) sits.
 */
import { constants, crc32, inflateRawSync } from 'node:zlib';

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const FRESERVED = 0xe0;

/** Length of the gzip header at `at`, 0 when it is not one, -1 when `bytes` ends inside it. */
export function gzipHeaderLength(bytes: Uint8Array, at: number): number {
  if (bytes.length - at < 10) return isGzipPrefix(bytes, at) ? -1 : 0;
  if (bytes[at] !== 0x1f || bytes[at + 1] !== 0x8b || bytes[at + 2] !== 0x08) return 0;
  const flags = bytes[at + 3]!;
  if (flags & FRESERVED) return 0;
  let p = at + 10;
  if (flags & FEXTRA) {
    if (p + 2 > bytes.length) return -1;
    p += 2 + (bytes[p]! | (bytes[p + 1]! << 8));
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (flags & flag) {
      const zero = bytes.indexOf(0, p);
      if (zero === -1) return -1;
      p = zero + 1;
    }
  }
  if (flags & FHCRC) p += 2;
  return p > bytes.length ? -1 : p - at;
}

function isGzipPrefix(bytes: Uint8Array, at: number): boolean {
  const magic = [0x1f, 0x8b, 0x08];
  for (let i = at; i < bytes.length && i - at < 3; i++) if (bytes[i] !== magic[i - at]) return false;
  return true;
}

/**
 * Could a gzip member start at `p`? Checks the magic, the reserved flag bits and XFL (0, 2 or 4: what
 * writers really put there), so that `1f 8b 08` inside compressed data is rarely taken for a member.
 * Not the OS byte: real files carry values RFC 1952 does not list (zlib >= 1.2.12 on macOS writes 19,
 * as in ../shared/data/resiliparse-warc/warcfile.warc.gz). Needs bytes[p .. p + 10).
 */
export function looksLikeMemberStart(bytes: Uint8Array, p: number): boolean {
  if (bytes[p] !== 0x1f || bytes[p + 1] !== 0x8b || bytes[p + 2] !== 0x08) return false;
  if (bytes[p + 3]! & FRESERVED) return false;
  const xfl = bytes[p + 8]!;
  return xfl === 0 || xfl === 2 || xfl === 4;
}

export type MemberResult =
  /** `data` is the member's content; the next member starts at `end`. */
  | { kind: 'ok'; data: Buffer; end: number }
  /** `bytes` ends inside the member. */
  | { kind: 'incomplete' }
  /** No gzip header at this offset. */
  | { kind: 'not-gzip' }
  /** The member is damaged (bad deflate data, CRC or size mismatch). */
  | { kind: 'broken'; message: string }
  /** The member decompresses to more than the limit: only a stream can get past it. */
  | { kind: 'too-large' };

interface InflateInfo {
  buffer: Buffer;
  engine: { bytesWritten: number };
}

/** Decompresses the member at `at`, producing at most `maxOutput` bytes. */
export function decodeMember(bytes: Buffer, at: number, maxOutput: number): MemberResult {
  const headerLength = gzipHeaderLength(bytes, at);
  if (headerLength === 0) return { kind: 'not-gzip' };
  if (headerLength < 0) return { kind: 'incomplete' };
  const deflateStart = at + headerLength;
  let info: InflateInfo;
  try {
    // `info: true` returns the engine too (its bytesWritten = input consumed); @types/node does not model it.
    info = inflateRawSync(bytes.subarray(deflateStart), {
      info: true,
      maxOutputLength: Math.max(1, maxOutput),
    }) as unknown as InflateInfo;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return { kind: 'too-large' };
    if (code === 'Z_BUF_ERROR') return { kind: 'incomplete' };
    return { kind: 'broken', message: (error as Error).message };
  }
  const trailer = deflateStart + info.engine.bytesWritten;
  if (trailer + 8 > bytes.length) return { kind: 'incomplete' };
  const data = info.buffer;
  if (bytes.readUInt32LE(trailer) !== crc32(data)) return { kind: 'broken', message: 'CRC-32 mismatch' };
  if (bytes.readUInt32LE(trailer + 4) !== data.length % 2 ** 32) {
    return { kind: 'broken', message: 'size mismatch' };
  }
  return { kind: 'ok', data, end: trailer + 8 };
}

/** What can still be decompressed of a member cut short by the end of the file. */
export function decodeMemberPrefix(bytes: Buffer, at: number, maxOutput: number): Buffer {
  const headerLength = gzipHeaderLength(bytes, at);
  if (headerLength <= 0) return Buffer.alloc(0);
  try {
    return inflateRawSync(bytes.subarray(at + headerLength), {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: Math.max(1, maxOutput),
    });
  } catch {
    return Buffer.alloc(0);
  }
}
