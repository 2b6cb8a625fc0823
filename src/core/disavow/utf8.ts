/**
 * Where UTF-8 goes wrong, so that a bad-encoding error can name the line and the byte. TextDecoder with
 * `fatal: true` only says "invalid somewhere"; this scanner accepts exactly what it accepts (the WHATWG /
 * Unicode definition: no overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence).
 */

/** Index of the first byte in [start, end) that starts an invalid or truncated sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let i = start;
  while (i < end) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let trailing: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) trailing = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      trailing = 2;
      if (lead === 0xe0) low = 0xa0; // overlong
      if (lead === 0xed) high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      trailing = 3;
      if (lead === 0xf0) low = 0x90; // overlong
      if (lead === 0xf4) high = 0x8f; // above U+10FFFF
    } else return i;
    if (i + trailing >= end) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k <= trailing; k++) {
      const next = bytes[i + k]!;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += trailing + 1;
  }
  return -1;
}
