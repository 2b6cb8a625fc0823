/**
 * Disavow file bytes to numbered text lines, with the file-level checks (DOMAIN.md: "UTF-8 or 7-bit ASCII";
 * "at most 100,000 lines (blank and comment lines count) and 2 MB"):
 *   - a UTF-8 byte order mark is skipped (it still counts in the byte size); a UTF-16 one is an error;
 *   - lines end at LF, a CR just before it (CRLF) is dropped; a final line without LF is a line, an LF at the
 *     very end does not start another one (`a\nb\n` and `a\nb` both have 2 lines, an empty file none);
 *   - a line that is not valid UTF-8 is a `bad-encoding` error naming the byte, and is left out; the
 *     other lines are still read, so one stray Latin-1 byte does not hide the file's other problems;
 *   - the size and line limits are reported on the first line past them, and everything is still read.
 * LF (0x0A) never occurs inside a UTF-8 multi-byte sequence, so splitting the bytes on it is safe.
 */
import { count, DISAVOW_MAX_BYTES, DISAVOW_MAX_LINES } from './limits.ts';
import type { Problem } from './problem.ts';
import { firstInvalidUtf8 } from './utf8.ts';

export interface TextLine {
  /** 1-based. */
  readonly number: number;
  /** Without its line ending. */
  readonly text: string;
}

export interface FileLines {
  /** Every line that decodes, in order (lines with bad encoding are left out). */
  readonly lines: TextLine[];
  /** Lines in the file, as Google counts them. */
  readonly lineCount: number;
  readonly byteCount: number;
  /** `file-too-large`, `too-many-lines`, `bad-encoding`. */
  readonly errors: Problem[];
}

const LF = 0x0a;
const CR = 0x0d;
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function readFileLines(bytes: Uint8Array): FileLines {
  const errors: Problem[] = [];
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    errors.push({
      line: 1,
      code: 'bad-encoding',
      message: 'the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8',
    });
    return { lines: [], lineCount: countLines(bytes), byteCount: bytes.length, errors };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  const lineCount = countLines(body);
  if (bytes.length > DISAVOW_MAX_BYTES) {
    // The line holding the first byte past the limit.
    const line = 1 + countByte(body.subarray(0, Math.max(0, DISAVOW_MAX_BYTES - start)), LF);
    errors.push({
      line,
      code: 'file-too-large',
      message: `the file is ${count(bytes.length)} bytes; Google accepts at most ${count(DISAVOW_MAX_BYTES)} (2 MB), and this line crosses the limit`,
    });
  }
  if (lineCount > DISAVOW_MAX_LINES) {
    errors.push({
      line: DISAVOW_MAX_LINES + 1,
      code: 'too-many-lines',
      message: `the file has ${count(lineCount)} lines; Google accepts at most ${count(DISAVOW_MAX_LINES)}, blank and comment lines included`,
    });
  }
  const lines = decodeAll(body, lineCount) ?? decodeByLine(body, errors);
  return { lines, lineCount, byteCount: bytes.length, errors };
}

/** Fast path: the whole body is valid UTF-8. */
function decodeAll(body: Uint8Array, lineCount: number): TextLine[] | null {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    return null;
  }
  const parts = text.split('\n');
  parts.length = lineCount; // drops the empty string after a final LF
  return parts.map((part, i) => ({ number: i + 1, text: part.endsWith('\r') ? part.slice(0, -1) : part }));
}

function decodeByLine(body: Uint8Array, errors: Problem[]): TextLine[] {
  const lines: TextLine[] = [];
  let number = 0;
  let from = 0;
  while (from < body.length) {
    number++;
    const lf = body.indexOf(LF, from);
    const next = lf === -1 ? body.length : lf + 1;
    let end = lf === -1 ? body.length : lf;
    if (end > from && body[end - 1] === CR) end--;
    const bad = firstInvalidUtf8(body, from, end);
    if (bad === -1) lines.push({ number, text: decoder.decode(body.subarray(from, end)) });
    else {
      const hex = body[bad]!.toString(16).toUpperCase().padStart(2, '0');
      errors.push({
        line: number,
        code: 'bad-encoding',
        message: `not valid UTF-8 (byte 0x${hex} at byte ${bad - from + 1} of the line); save the file as UTF-8`,
      });
    }
    from = next;
  }
  return lines;
}

function countLines(body: Uint8Array): number {
  if (body.length === 0) return 0;
  return countByte(body, LF) + (body[body.length - 1] === LF ? 0 : 1);
}

function countByte(bytes: Uint8Array, byte: number): number {
  let n = 0;
  for (let i = bytes.indexOf(byte); i !== -1; i = bytes.indexOf(byte, i + 1)) n++;
  return n;
}
