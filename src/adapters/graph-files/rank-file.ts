/**
 * Writes a rank table as TSV: a header line (`#node<TAB>score`, or more columns) and one line per node, in
 * id order. Scores are written with the shortest digits that read back as the same double (the digits of
 * Python's `repr`), so nothing is lost; values below 1e-4 in exponent form (`1.3027135143741107e-6`),
 * which V8 also produces 2-3x faster than the plain decimal form. A path ending in `.gz` is gzipped.
 */

import { Buffer } from 'node:buffer';
import { closeSync, createWriteStream, openSync, writeSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { UsageError } from '../../core/errors.ts';
import { labelOf, type NodeLabels } from '../../core/graph/node-labels.ts';

export interface RankTable {
  /** Column names after `#node`, e.g. ['score'] or ['authority', 'hub']. */
  readonly columns: readonly string[];
  readonly values: readonly Float64Array[];
  /** Labels by node id (integers or strings), or plain names. */
  readonly labels: NodeLabels | readonly string[];
}

/**
 * Output is built in byte chunks of about 1 MiB: integer labels are written digit by digit and scores as
 * ASCII straight into the chunk, so no string per line is made or joined (a third of the time the writer
 * took when it joined lines into strings, on cnr-2000's 325,557 lines).
 */
const CHUNK_BYTES = 1 << 20;
/** Bytes reserved for a 10-digit label, or for a formatted double (at most 24) and its TAB. */
const MAX_PIECE = 32;

export async function writeRankFile(path: string, table: RankTable): Promise<void> {
  try {
    if (path.endsWith('.gz')) {
      await pipeline(
        Readable.from(rankChunks(table), { objectMode: false }),
        createGzip(),
        createWriteStream(path),
      );
    } else {
      writeChunksSync(path, rankChunks(table, { reuseBuffer: true }));
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      throw new UsageError(`cannot write ${path}: ${(error as Error).message}`, { cause: error });
    }
    throw error;
  }
}

/**
 * Plain files are written synchronously from one reused buffer: nothing else runs meanwhile, and every
 * fresh MiB of memory costs ~3 ms of page faults on the dev VM (a new buffer per chunk cost more than the
 * writes themselves).
 */
function writeChunksSync(path: string, chunks: Iterable<Buffer>): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at, chunk.length - at);
    }
  } finally {
    closeSync(fd);
  }
}

export interface RankChunkOptions {
  /** Yield views of one buffer, each valid only until the next chunk is asked for (synchronous writers). */
  readonly reuseBuffer?: boolean;
}

/** The file's bytes in chunks of many lines (each chunk ends with a whole line). */
export function* rankChunks(table: RankTable, options: RankChunkOptions = {}): Generator<Buffer> {
  const { labels, values } = table;
  const list = Array.isArray(labels) ? (labels as readonly string[]) : null;
  const nodeLabels = list === null ? (labels as NodeLabels) : null;
  const integers = nodeLabels?.kind === 'integer' ? nodeLabels.values : null;
  const n = list !== null ? list.length : nodeLabels!.values.length;
  yield Buffer.from(`#node\t${table.columns.join('\t')}\n`);
  // Room for the numbers of one line (a formatted double takes at most 24 bytes) and its TABs and LF.
  const numbersBytes = values.length * MAX_PIECE + 1;
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let at = 0;
  for (let id = 0; id < n; id++) {
    const label = integers !== null ? null : list !== null ? list[id]! : labelOf(nodeLabels!, id);
    const lineBytes = (label === null ? MAX_PIECE : Buffer.byteLength(label)) + numbersBytes;
    if (at + lineBytes > chunk.length) {
      if (at > 0) yield chunk.subarray(0, at);
      if (!options.reuseBuffer || lineBytes > chunk.length)
        chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, lineBytes));
      at = 0;
    }
    at = label === null ? writeDecimal(chunk, at, integers![id]!) : at + chunk.write(label, at, 'utf8');
    for (const column of values) {
      chunk[at++] = TAB;
      at = writeAscii(chunk, at, formatScore(column[id]!));
    }
    chunk[at++] = LF;
  }
  if (at > 0) yield chunk.subarray(0, at);
}

const TAB = 9;
const LF = 10;

/**
 * Copies an ASCII string (a formatted number) byte by byte: for ~20 characters this loop is faster than
 * `Buffer#write`, whose argument checks cost more than the copy (~20 ms of 90 on cnr-2000's 325,557 lines).
 */
function writeAscii(buffer: Buffer, at: number, text: string): number {
  for (let k = 0; k < text.length; k++) buffer[at + k] = text.charCodeAt(k);
  return at + text.length;
}

/** Writes the decimal digits of a non-negative integer below 2^32 at `at`; returns the end. */
function writeDecimal(buffer: Buffer, at: number, value: number): number {
  let digits = 1;
  for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
  let end = at + digits;
  let v = value;
  do {
    const q = Math.floor(v / 10);
    buffer[--end] = 48 + (v - q * 10);
    v = q;
  } while (v > 0);
  return at + digits;
}

/** Shortest round-trip digits; exponent form below 1e-4 (`1e-7`, `2.5e-5`), plain decimal above. */
export function formatScore(x: number): string {
  return x !== 0 && Math.abs(x) < 1e-4 ? x.toExponential() : String(x);
}
