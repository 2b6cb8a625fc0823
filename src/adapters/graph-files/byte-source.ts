/**
 * Reads a file as a stream of byte chunks, gunzipping it on the fly when it starts with the gzip magic
 * bytes (whatever its name). Inflating on a worker thread, to overlap it with parsing, was tried and was
 * slower on the 2-core dev VM: the two threads then contend on page faults, which cost ~3 ms per fresh
 * MiB there.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { BadInputError, UsageError } from '../../core/errors.ts';

/**
 * 256 KiB: small enough that zlib's output buffers come from malloc's arena and get reused, instead of
 * fresh mmap'd pages for every chunk (page faults cost ~3 ms per MiB on the dev VM; 1 MiB chunks read
 * cnr-2000 ~10% slower), big enough that per-chunk overhead does not matter.
 */
const CHUNK = 1 << 18;

export interface ByteSource {
  readonly chunks: AsyncIterable<Buffer>;
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
  const raw = createReadStream(path, { highWaterMark: CHUNK });
  if (!gzipped) return { chunks: raw, gzipped, bytes: size };
  const gunzip = createGunzip({ chunkSize: CHUNK });
  raw.on('error', (error) => gunzip.destroy(error));
  raw.pipe(gunzip);
  return { chunks: withGzipErrors(gunzip, path), gzipped, bytes: size };
}

async function* withGzipErrors(stream: AsyncIterable<Buffer>, path: string): AsyncGenerator<Buffer> {
  try {
    yield* stream;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_'))
      throw new BadInputError(`corrupt gzip data (${code})`, { file: path }, { cause: error });
    throw error;
  }
}

function startsWithGzipMagic(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}
