/**
 * Undoes the codings of an HTTP body as stored in a WARC: `Transfer-Encoding: chunked`, then each
 * `Content-Encoding` (gzip / x-gzip, deflate with or without its zlib wrapper, br) in reverse order.
 *
 * Decoding never throws and never loses bytes: when a step fails the bytes from before it are kept and
 * the failure is reported. That matters because Common Crawl stores some payloads already decoded (and
 * renames the original headers to `X-Crawler-Content-Encoding` / `X-Crawler-Transfer-Encoding`, which
 * are therefore never acted on here), and because truncated captures are common. Decompression is
 * capped (`maxBytes`): a gzip bomb stops at the cap and is reported.
 */
import {
  brotliDecompressSync,
  constants,
  gunzipSync,
  inflateRawSync,
  inflateSync,
  type ZlibOptions,
} from 'node:zlib';
import { gzipHeaderLength } from './gzip-member.ts';

export type BodyProblemReason =
  /** The chunked framing is wrong: the body is kept as stored. */
  | 'bad-chunking'
  /** The body ends early (cut chunked framing or compressed data): what could be decoded is kept. */
  | 'truncated-body'
  /** The declared content coding does not match the bytes: the bytes are kept as they were. */
  | 'decode-failed'
  /** Decoding would exceed the size limit: the bytes are kept undecoded. */
  | 'body-too-large'
  /** A content coding we cannot undo (zstd, compress, ...): the bytes are kept. */
  | 'unsupported-encoding';

export interface BodyProblem {
  reason: BodyProblemReason;
  message: string;
}

export interface DecodedBody {
  bytes: Buffer;
  /** Codings undone, in the order undone: e.g. `['chunked', 'gzip']`. */
  decoded: string[];
  problems: BodyProblem[];
}

/** Splits `Transfer-Encoding` / `Content-Encoding` values into lower-case codings, `identity` dropped. */
export function codingsOf(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

export function decodeBody(
  raw: Buffer,
  transferCodings: readonly string[],
  contentCodings: readonly string[],
  maxBytes: number,
): DecodedBody {
  const result: DecodedBody = { bytes: raw, decoded: [], problems: [] };
  if (transferCodings.includes('chunked')) {
    const chunked = dechunk(raw);
    if (chunked.problem) result.problems.push(chunked.problem);
    if (chunked.bytes) {
      result.bytes = chunked.bytes;
      result.decoded.push('chunked');
    }
  }
  // Content codings are listed in the order applied: undo them from the last.
  for (let k = contentCodings.length - 1; k >= 0; k--) {
    const coding = contentCodings[k]!;
    const step = decodeContent(result.bytes, coding, maxBytes);
    if (step.problem) result.problems.push(step.problem);
    if (!step.bytes) break;
    result.bytes = step.bytes;
    result.decoded.push(coding);
  }
  return result;
}

interface Step {
  /** The decoded bytes, or undefined when the step failed and the input stays as it was. */
  bytes?: Buffer;
  problem?: BodyProblem;
}

/**
 * Decodes `Transfer-Encoding: chunked` (RFC 9112 7.1): hex size, optional extensions, CRLF (LF
 * tolerated), data, CRLF; a zero size ends the body (trailer fields are ignored).
 */
export function dechunk(raw: Buffer): Step {
  const parts: Buffer[] = [];
  let p = 0;
  for (;;) {
    if (p >= raw.length) {
      return { bytes: Buffer.concat(parts), problem: truncated('chunked body ends without its last chunk') };
    }
    const lf = raw.indexOf(0x0a, p);
    if (lf === -1) {
      return {
        bytes: Buffer.concat(parts),
        problem: truncated('chunked body ends inside a chunk size line'),
      };
    }
    const line = raw.toString('latin1', p, lf).replace(/\r$/, '');
    const match = /^\s*([0-9a-fA-F]{1,15})\s*(?:;.*)?$/.exec(line);
    if (!match) {
      const shown = JSON.stringify(line.slice(0, 20));
      return {
        problem: { reason: 'bad-chunking', message: `bad chunk size line ${shown} at body byte ${p}` },
      };
    }
    const size = Number.parseInt(match[1]!, 16);
    const dataStart = lf + 1;
    if (size === 0) return { bytes: Buffer.concat(parts) };
    const dataEnd = dataStart + size;
    if (dataEnd > raw.length) {
      parts.push(raw.subarray(dataStart));
      return {
        bytes: Buffer.concat(parts),
        problem: truncated(`chunked body ends inside a ${size}-byte chunk`),
      };
    }
    parts.push(raw.subarray(dataStart, dataEnd));
    p = dataEnd;
    if (raw[p] === 0x0d) p++;
    if (raw[p] === 0x0a) p++;
    else if (p < raw.length) {
      return {
        problem: { reason: 'bad-chunking', message: `no line end after the chunk at body byte ${dataStart}` },
      };
    }
  }
}

function decodeContent(bytes: Buffer, coding: string, maxBytes: number): Step {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      if (gzipHeaderLength(bytes, 0) === 0) return notEncoded(coding, 'no gzip header');
      return inflateWith(
        bytes,
        coding,
        maxBytes,
        (input, options) => gunzipSync(input, options),
        // Trailing garbage after the member makes gunzip fail: inflate the member's deflate data alone.
        (input, options) => inflateRawSync(input.subarray(Math.max(0, gzipHeaderLength(input, 0))), options),
      );
    case 'deflate': {
      // RFC 9110 says zlib-wrapped; many servers send raw deflate. The zlib header tells them apart.
      const wrapped =
        bytes.length >= 2 && (bytes[0]! & 0x0f) === 8 && ((bytes[0]! << 8) | bytes[1]!) % 31 === 0;
      const inflate = wrapped ? inflateSync : inflateRawSync;
      return inflateWith(bytes, coding, maxBytes, (input, options) => inflate(input, options));
    }
    case 'br':
      return inflateWith(bytes, coding, maxBytes, (input, options) =>
        brotliDecompressSync(input, {
          maxOutputLength: options.maxOutputLength ?? maxBytes,
          ...(options.finishFlush === undefined ? {} : { finishFlush: constants.BROTLI_OPERATION_FLUSH }),
        }),
      );
    default:
      return {
        problem: {
          reason: 'unsupported-encoding',
          message: `content coding ${JSON.stringify(coding)} not decoded`,
        },
      };
  }
}

type Inflate = (input: Buffer, options: ZlibOptions) => Buffer;

/**
 * Decodes in one call, capped. On failure, decodes again flushing what it can (a truncated body keeps
 * its decodable prefix), with `fallback` if given (a gzip member followed by junk).
 */
function inflateWith(
  bytes: Buffer,
  coding: string,
  maxBytes: number,
  inflate: Inflate,
  fallback?: Inflate,
): Step {
  const capped: ZlibOptions = { maxOutputLength: Math.max(1, maxBytes) };
  try {
    return { bytes: inflate(bytes, capped) };
  } catch (error) {
    if (isTooLarge(error)) return tooLarge(coding, maxBytes);
    const flushing: ZlibOptions = { ...capped, finishFlush: constants.Z_SYNC_FLUSH };
    for (const attempt of fallback ? [fallback, inflate] : [inflate]) {
      try {
        const prefix = attempt(bytes, flushing);
        if (prefix.length > 0) {
          return {
            bytes: prefix,
            problem: truncated(
              `${coding} data incomplete or damaged (${(error as Error).message}); decoded prefix kept`,
            ),
          };
        }
      } catch (again) {
        if (isTooLarge(again)) return tooLarge(coding, maxBytes);
      }
    }
    return notEncoded(coding, (error as Error).message);
  }
}

function isTooLarge(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
}

function tooLarge(coding: string, maxBytes: number): Step {
  return {
    problem: {
      reason: 'body-too-large',
      message: `${coding} body decodes to more than ${maxBytes} bytes; left encoded`,
    },
  };
}

function notEncoded(coding: string, why: string): Step {
  return {
    problem: {
      reason: 'decode-failed',
      message: `declared ${coding} but not decodable (${why}); bytes kept as stored`,
    },
  };
}

function truncated(message: string): BodyProblem {
  return { reason: 'truncated-body', message };
}
