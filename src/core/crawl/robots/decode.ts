/**
 * Turns fetched robots.txt bytes into the string parse.ts reads, as Google does:
 *   - at most ROBOTS_MAX_BYTES are read. RFC 9309 (2.5) asks crawlers to parse at least the first
 *     500 KiB; Google ignores what comes after. The cut can fall inside a line (the last line is then
 *     read as it stands, as Google reads it) or inside a character (it decodes to U+FFFD);
 *   - a UTF-8 byte order mark is skipped, even a partial one (`EF` or `EF BB` at the very start);
 *   - the rest is decoded as UTF-8 (RFC 9309: the file is UTF-8); invalid bytes become U+FFFD.
 */

/** 500 KiB: how much of a robots.txt is read (RFC 9309 section 2.5). */
export const ROBOTS_MAX_BYTES = 500 * 1024;

const BOM = [0xef, 0xbb, 0xbf] as const;

export function decodeRobotsBody(bytes: Uint8Array): string {
  const body = bytes.length > ROBOTS_MAX_BYTES ? bytes.subarray(0, ROBOTS_MAX_BYTES) : bytes;
  let start = 0;
  while (start < BOM.length && body[start] === BOM[start]) start++;
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(body.subarray(start));
}
