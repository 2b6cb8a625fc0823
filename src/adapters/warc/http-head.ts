/**
 * The head of an HTTP/1.x message as a WARC stores it: a start line, header fields, an empty line.
 * Shared by responses, requests and revisit records.
 *
 * Tolerant like the archives it reads: LF-only line endings, stray empty lines before the start line,
 * a block that ends inside the header (captures truncated by the crawler). Header bytes are decoded as
 * UTF-8 when they are valid UTF-8 (raw UTF-8 in Location headers is common), otherwise as Latin-1 (RFC
 * 9110's historical charset), so no byte is ever lost to a replacement character.
 */
import { isUtf8 } from 'node:buffer';
import { findHeaderEnd, type HeaderFields, parseFieldLines } from './header-fields.ts';

export interface HttpHead {
  /** The first line, without its line ending. */
  startLine: string;
  headers: HeaderFields;
  /** Index in the block of the first body byte. */
  bodyStart: number;
  /** False when the block ended before the empty line that closes the header. */
  complete: boolean;
}

export function parseHttpHead(block: Uint8Array): HttpHead {
  let start = 0;
  while (start < block.length && (block[start] === 0x0d || block[start] === 0x0a)) start++;
  const end = findHeaderEnd(block, start);
  const headEnd = end === -1 ? block.length : end;
  const bytes = block.subarray(start, headEnd);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
    isUtf8(bytes) ? 'utf8' : 'latin1',
  );
  const lines = text.split('\n');
  const startLine = (lines[0] ?? '').replace(/\r$/, '');
  return { startLine, headers: parseFieldLines(lines, 1).fields, bodyStart: headEnd, complete: end !== -1 };
}
