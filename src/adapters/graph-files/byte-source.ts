/**
 * Reads a file as a sequence of byte chunks, gunzipping it on the fly when it starts with the gzip magic
 * bytes (whatever its name; several gzip members one after the other are read as one stream).
 *
 * The chunks are views of **one reused buffer**, each valid until the next is asked for: consumers copy
 * what they keep. Fresh memory costs a page fault per 4 KiB (~3 ms per MiB on the dev VM), and a stream
 * makes a new buffer for every chunk: inflating cnr-2000 (8 MB to 43 MB) through `zlib.createGunzip()`
 * took ~250 ms, most of it faulting in its output, against ~55 ms into one reused buffer. Reading runs
 * synchronously on the calling thread, which has nothing else to do meanwhile.
 *
 * Inflating into a caller's buffer needs the zlib handle behind Node's `Gunzip` stream (`_handle.writeSync`
 * and `_writeState`, what Node's own `zlib.gunzipSync` uses). It is not public API, so it is checked for,
 * and the stream is used when it is missing (`gunzipMethod()` says which one runs; a test pins it).
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { constants, createGunzip, type Gunzip } from 'node:zlib';
import { BadInputError, UsageError } from '../../core/errors.ts';

/** Output per chunk: big enough that per-chunk overhead does not matter, small enough to stay in cache. */
const CHUNK = 1 << 18;
const INPUT_CHUNK = 1 << 20;

export interface ByteSource {
  /** Views of one reused buffer (copy what you keep); iterate with `for` or `for await`. */
  readonly chunks: Iterable<Buffer> | AsyncIterable<Buffer>;
  readonly gzipped: boolean;
  /** Size of the file on disk (compressed size for .gz). */
  readonly bytes: number;
}

export function openByteSource(path: string): ByteSource {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${path} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  const gzipped = startsWithGzipMagic(path);
  if (!gzipped) return { chunks: readChunks(path), gzipped, bytes: size };
  const chunks = gunzipMethod() === 'handle' ? gunzipChunks(path) : gunzipStream(path);
  return { chunks, gzipped, bytes: size };
}

/** The plain file, read into one reused buffer. */
function* readChunks(path: string): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let n = readSync(fd, buffer, 0, CHUNK, null); n > 0; n = readSync(fd, buffer, 0, CHUNK, null)) {
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** The private part of Node's zlib stream this module relies on. */
interface ZlibHandle {
  writeSync(
    flush: number,
    input: Uint8Array,
    inputOffset: number,
    inputLength: number,
    output: Uint8Array,
    outputOffset: number,
    outputLength: number,
  ): void;
}
type GunzipInternals = Gunzip & { _handle?: ZlibHandle; _writeState?: Uint32Array };

let method: 'handle' | 'stream' | undefined;

/** 'handle' when this Node lets us inflate into our own buffer, 'stream' otherwise. */
export function gunzipMethod(): 'handle' | 'stream' {
  if (method === undefined) {
    const probe = createGunzip() as GunzipInternals;
    method =
      typeof probe._handle?.writeSync === 'function' && probe._writeState instanceof Uint32Array
        ? 'handle'
        : 'stream';
    probe.close();
  }
  return method;
}

/** Inflates through the zlib handle into one reused output buffer (see the module comment). */
function* gunzipChunks(path: string): Generator<Buffer> {
  const gunzip = createGunzip() as GunzipInternals;
  // Errors also arrive as an 'error' event later; they are thrown here, synchronously, instead.
  gunzip.on('error', () => undefined);
  const handle = gunzip._handle!;
  const state = gunzip._writeState!; // [output space left, input left] after each write
  const fd = openSync(path, 'r');
  try {
    const input = Buffer.allocUnsafe(INPUT_CHUNK);
    const output = Buffer.allocUnsafe(CHUNK);
    let inputOffset = 0;
    let inputLeft = 0;
    let flush: number = constants.Z_NO_FLUSH;
    for (;;) {
      if (inputLeft === 0 && flush === constants.Z_NO_FLUSH) {
        inputOffset = 0;
        inputLeft = readSync(fd, input, 0, INPUT_CHUNK, null);
        if (inputLeft === 0) flush = constants.Z_FINISH; // the end: drain, and fail on a truncated file
      }
      handle.writeSync(flush, input, inputOffset, inputLeft, output, 0, CHUNK);
      if (gunzip.destroyed) throw gzipError(gunzip.errored, path);
      const outputLeft = state[0]!;
      const inputAfter = state[1]!;
      inputOffset += inputLeft - inputAfter;
      inputLeft = inputAfter;
      if (outputLeft < CHUNK) yield output.subarray(0, CHUNK - outputLeft);
      if (flush === constants.Z_FINISH && outputLeft > 0) return;
    }
  } finally {
    closeSync(fd);
    gunzip.close();
  }
}

/** The public-API fallback: a gunzip stream (a fresh buffer per chunk). */
function gunzipStream(path: string): AsyncIterable<Buffer> {
  const raw = createReadStream(path, { highWaterMark: CHUNK });
  const gunzip = createGunzip({ chunkSize: CHUNK });
  raw.on('error', (error) => gunzip.destroy(error));
  raw.pipe(gunzip);
  return withGzipErrors(gunzip, path);
}

async function* withGzipErrors(stream: AsyncIterable<Buffer>, path: string): AsyncGenerator<Buffer> {
  try {
    yield* stream;
  } catch (error) {
    throw gzipError(error, path);
  }
}

function gzipError(error: unknown, path: string): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  if (code.startsWith('Z_'))
    return new BadInputError(`corrupt gzip data (${code})`, { file: path }, { cause: error });
  return error instanceof Error ? error : new Error(`gunzip of ${path} failed`);
}

/** Whether a file starts with the gzip magic bytes (its name may say otherwise). */
export function startsWithGzipMagic(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}
