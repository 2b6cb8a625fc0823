/**
 * Reads a response body with two caps: bytes on the wire (`maxBodyBytes`) and bytes after content decoding
 * (`maxDecodedBytes`, what stops a gzip bomb: a few KiB that inflate to gigabytes). At either cap reading
 * stops at once, the connection is dropped and what arrived so far is kept (`truncated`), like a search
 * engine that indexes the first N bytes of a page. A connection that breaks mid-body keeps its bytes too
 * (`truncated: 'broken'`). Decoding: gzip / x-gzip, deflate (zlib or raw), br; unknown codings are left
 * as they are.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

export interface BodyCaps {
  maxBodyBytes: number;
  maxDecodedBytes: number;
}

export interface ReadBody {
  bytes: Uint8Array;
  truncated: 'body' | 'decoded' | 'broken' | null;
  wireBytes: number;
  contentHash: string;
}

type Decoder = ReturnType<typeof createGunzip>;

/** The decoded bytes so far, cut at the cap. */
class Sink {
  readonly parts: Buffer[] = [];
  bytes = 0;
  truncated: ReadBody['truncated'] = null;

  constructor(private readonly cap: number) {}

  keep(chunk: Buffer): void {
    if (this.truncated !== null) return;
    const room = this.cap - this.bytes;
    if (chunk.length > room) {
      this.parts.push(chunk.subarray(0, room));
      this.bytes += room;
      this.truncated = 'decoded';
    } else {
      this.parts.push(chunk);
      this.bytes += chunk.length;
    }
  }
}

export async function readBody(
  body: Readable,
  contentEncoding: string | undefined,
  caps: BodyCaps,
): Promise<ReadBody> {
  const sink = new Sink(caps.maxDecodedBytes);
  let wireBytes = 0;
  /** Why the wire stopped early: the body cap, or a broken connection. */
  let cut: 'body' | 'broken' | null = null;
  let decoder: Decoder | null = null;
  let decoderDone: Promise<void> = Promise.resolve();
  const coding = lastCoding(contentEncoding);
  try {
    for await (const raw of body) {
      let chunk = raw as Buffer;
      if (wireBytes + chunk.length > caps.maxBodyBytes) {
        chunk = chunk.subarray(0, caps.maxBodyBytes - wireBytes);
        cut = 'body';
      }
      wireBytes += chunk.length;
      if (coding !== null && decoder === null) {
        decoder = decoderFor(coding, chunk);
        if (decoder !== null) decoderDone = drain(decoder, sink);
      }
      if (decoder !== null) await write(decoder, chunk);
      else sink.keep(chunk);
      // Leaving the loop destroys the body: the connection is dropped.
      if (cut !== null || sink.truncated !== null) break;
    }
  } catch {
    cut = 'broken';
  }
  if (decoder !== null) {
    // A body cut on the wire is still decoded as far as it goes (the decoders flush a cut stream without
    // an error); only a decoder that hit the decoded cap is dropped at once.
    if (sink.truncated === null) decoder.end();
    else decoder.destroy();
    await decoderDone;
  }
  const bytes = Buffer.concat(sink.parts, sink.bytes);
  return {
    bytes,
    truncated: sink.truncated ?? cut,
    wireBytes,
    contentHash: createHash('sha256').update(bytes).digest('hex').slice(0, 32),
  };
}

/** The coding applied last (`Content-Encoding: gzip, br` was gzipped, then brotli'd): undone first. */
function lastCoding(header: string | undefined): string | null {
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.at(-1) ?? null;
}

function decoderFor(coding: string, first: Buffer): Decoder | null {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH }; // a cut stream yields what it has, no error
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip(flush);
    case 'deflate':
      // "deflate" should be zlib-wrapped (RFC 9110), but servers send raw deflate too; a zlib header says which.
      return first.length > 0 && (first[0]! & 0x0f) === 8 && ((first[0]! << 8) | (first[1] ?? 0)) % 31 === 0
        ? createInflate(flush)
        : createInflateRaw(flush);
    case 'br':
      return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
    default:
      return null;
  }
}

/** Collects the decoder's output until it ends, fails, or the cap is reached (then it is destroyed at once). */
function drain(decoder: Decoder, sink: Sink): Promise<void> {
  return new Promise((resolve) => {
    decoder.on('data', (chunk: Buffer) => {
      sink.keep(chunk);
      if (sink.truncated === 'decoded' && !decoder.destroyed) decoder.destroy();
    });
    decoder.on('end', resolve);
    decoder.on('close', resolve);
    decoder.on('error', () => resolve()); // corrupt coding: keep what was decoded
  });
}

async function write(decoder: Decoder, chunk: Buffer): Promise<void> {
  if (decoder.destroyed) return;
  if (!decoder.write(chunk)) {
    await new Promise<void>((resolve) => {
      decoder.once('drain', resolve);
      decoder.once('close', resolve);
    });
  }
}
