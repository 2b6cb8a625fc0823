/**
 * Test helpers for the WARC reader: feeding bytes in chosen chunk sizes, independent oracles (zlib and
 * a regular expression, not our parser), and a comparable summary of events.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { constants, gunzipSync, inflateRawSync } from 'node:zlib';
import { type ReadWarcOptions, readWarc, type WarcEvent } from '../../../src/adapters/warc/index.ts';
import { sharedData } from '../../support/paths.ts';

export function data(...parts: string[]): Buffer {
  return readFileSync(sharedData(...parts));
}

/** `bytes` as a stream of chunks whose sizes cycle through `sizes`. */
export async function* chunked(
  bytes: Uint8Array,
  sizes: readonly number[] = [65536],
): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]!);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

export async function readAll(
  bytes: Uint8Array,
  options: ReadWarcOptions = {},
  sizes: readonly number[] = [65536],
): Promise<WarcEvent[]> {
  const events: WarcEvent[] = [];
  for await (const event of readWarc(chunked(bytes, sizes), options)) events.push(event);
  return events;
}

export const records = (events: WarcEvent[]) => events.filter((e) => e.kind === 'record');
export const problems = (events: WarcEvent[]) => events.filter((e) => e.kind === 'problem');

/** Events without object identity or shared buffers, for deep equality across runs. */
export function summary(events: WarcEvent[]): unknown[] {
  return events.map((e) =>
    e.kind === 'record'
      ? {
          kind: e.kind,
          offset: e.offset,
          offsetKind: e.offsetKind,
          streamOffset: e.streamOffset,
          type: e.type,
          targetUri: e.targetUri,
          recordId: e.recordId,
          headers: [...e.headers],
          length: e.block.length,
          sha1: createHash('sha1').update(e.block).digest('hex'),
        }
      : { ...e },
  );
}

/** The decompressed bytes of a gzip file, as far as zlib can decode them (truncation tolerated). */
export function gunzipAll(bytes: Buffer): Buffer {
  return gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
}

/** Oracle: `WARC-Type:` header lines counted with a regular expression over the decompressed bytes. */
export function oracleTypes(bytes: Buffer): Record<string, number> {
  const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipAll(bytes) : bytes;
  const counts: Record<string, number> = {};
  for (const match of plain.toString('latin1').matchAll(/^WARC-Type:[ \t]*(\S+)/gm)) {
    counts[match[1]!] = (counts[match[1]!] ?? 0) + 1;
  }
  return counts;
}

export function typeCounts(events: WarcEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records(events)) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

/** Start offsets of the gzip members of a multi-member file, as zlib itself reports their lengths. */
export function memberStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  let at = 0;
  while (at < bytes.length) {
    starts.push(at);
    const header = gzipHeaderSize(bytes, at);
    const { engine } = inflateRawSync(bytes.subarray(at + header), { info: true }) as unknown as {
      engine: { bytesWritten: number };
    };
    at += header + engine.bytesWritten + 8;
  }
  return starts;
}

/** RFC 1952 header size, written out here rather than imported, so the oracle does not share our code. */
function gzipHeaderSize(bytes: Buffer, at: number): number {
  const flags = bytes[at + 3]!;
  let p = at + 10;
  if (flags & 4) p += 2 + bytes.readUInt16LE(p);
  if (flags & 8) p = bytes.indexOf(0, p) + 1;
  if (flags & 16) p = bytes.indexOf(0, p) + 1;
  if (flags & 2) p += 2;
  return p - at;
}
