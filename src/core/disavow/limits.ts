/**
 * The limits Google puts on a disavow file (DOMAIN.md, "Disavow file"): each URL at most 2,048 characters;
 * at most 100,000 lines, blank and comment lines included; at most 2 MB.
 *
 * "2 MB" is read as 2,000,000 bytes (the SI megabyte), the smaller of its two readings (2 MiB would be
 * 2,097,152): a file we accept is then accepted under either reading. The byte count is the file's, a byte
 * order mark included. "Characters" of a URL are Unicode code points of the line as written; the URL once
 * normalised (percent-encoded, punycode) must fit too, since that is the form linkledger writes back.
 */

export const DISAVOW_MAX_BYTES = 2_000_000;
export const DISAVOW_MAX_LINES = 100_000;
export const DISAVOW_MAX_URL_CHARS = 2_048;

const grouped = new Intl.NumberFormat('en-US');

/** `2000000` -> `2,000,000`, for messages. */
export function count(n: number): string {
  return grouped.format(n);
}
