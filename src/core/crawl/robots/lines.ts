/**
 * A robots.txt body cut into lines, as Google's parser cuts it: CR, LF and CRLF each end a line (mixed in
 * one file too); a final line without a line end is still a line; a UTF-8 byte order mark (U+FEFF) is
 * skipped at the very start only. A line longer than MAX_LINE_BYTES bytes of UTF-8 is cut there and the
 * rest ignored (Google's kMaxLineLen - 1: 8 x the 2,083-byte URL limit of old browsers, minus the C string
 * terminator). Unlike Google, which cuts bytes, a character straddling the limit is dropped whole.
 *
 * The caller decodes the bytes (decode.ts does it as Google would) and may have truncated the body at the
 * RFC 9309 size limit; a cut final line is parsed like any other line.
 */

export const MAX_LINE_BYTES = 2083 * 8 - 1;

/** Cuts a line at the first NUL (Google's parser works on C strings) and at MAX_LINE_BYTES of UTF-8. */
function clipLine(line: string): string {
  const nul = line.indexOf('\0');
  const text = nul === -1 ? line : line.slice(0, nul);
  // Each UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair is 4 bytes for 2 units).
  if (text.length * 3 <= MAX_LINE_BYTES) return text;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isPair = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : isPair ? 4 : 3;
    if (bytes + size > MAX_LINE_BYTES) return text.slice(0, i);
    bytes += size;
    if (isPair) i++;
  }
  return text;
}

/** The lines of a body, in order; line n of the file is element n - 1. */
export function robotsLines(body: string): string[] {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  return text.split(/\r\n|\r|\n/).map(clipLine);
}
