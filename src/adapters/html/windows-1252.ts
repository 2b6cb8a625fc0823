/**
 * windows-1252 decoding, by the WHATWG Encoding Standard's index, independent of the runtime.
 *
 * Why: Node 20.18.3+ (nodejs/node#56542, #60888) decodes bytes 0x80-0x9F of windows-1252 (and of its WHATWG
 * aliases `latin1`, `iso-8859-1`, `ascii`) as C1 control characters instead of `€`, `“`, `”`, `–`... That
 * is the encoding of a large share of old pages and our fallback for undeclared non-UTF-8 bytes, so anchor
 * texts would be wrong. The encoding is single-byte: 0x00-0x7F and 0xA0-0xFF are the same code points; only
 * the 32 bytes below differ. Pages without such bytes go through TextDecoder unchanged (fast path).
 */

/** Code points of bytes 0x80-0x9F (WHATWG index-windows-1252; undefined bytes map to the C1 control). */
const HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122,
  0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

const TABLE = new Uint16Array(256);
for (let b = 0; b < 256; b++) TABLE[b] = b >= 0x80 && b < 0xa0 ? HIGH[b - 0x80]! : b;

const latin = new TextDecoder('latin1');
const utf16 = new TextDecoder('utf-16le');

export function decodeWindows1252(bytes: Uint8Array): string {
  let special = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80 && b < 0xa0) {
      special = true;
      break;
    }
  }
  if (!special) return latin.decode(bytes);
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) units[i] = TABLE[bytes[i]!]!;
  return utf16.decode(units);
}

export function windows1252Decoder(): { decode(bytes?: Uint8Array, options?: { stream?: boolean }): string } {
  // Single-byte: no state between chunks.
  return { decode: (bytes) => (bytes ? decodeWindows1252(bytes) : '') };
}
