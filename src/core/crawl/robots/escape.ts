/**
 * Rule patterns are normalised before matching, as Google's MaybeEscapePattern does: every character
 * outside ASCII becomes its UTF-8 bytes as upper-case `%XX`, and an existing `%xx` escape is upper-cased
 * (`/SanJoséSellers` -> `/SanJos%C3%A9Sellers`, `%aa` -> `%AA`). Nothing else changes: `%62` stays `%62`
 * (it does not match a literal `b`), and the URL being checked is NOT escaped here; the crawler gives it
 * in its escaped form, as it requests it.
 */

const HEX = '0123456789ABCDEF';

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** `%XX` for each UTF-8 byte of one code point (a lone surrogate is encoded as U+FFFD, as TextEncoder does). */
function percentEncodeCodePoint(cp: number): string {
  const c = cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
  const bytes =
    c < 0x800
      ? [0xc0 | (c >> 6), 0x80 | (c & 0x3f)]
      : c < 0x10000
        ? [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        : [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
  let out = '';
  for (const b of bytes) out += `%${HEX[b >> 4]}${HEX[b & 0xf]}`;
  return out;
}

/** The pattern as the matcher compares it (see the header). ASCII-only patterns without `%` are returned as is. */
export function escapePattern(pattern: string): string {
  // Fast path: most patterns need no change.
  if (/^[\x00-\x24\x26-\x7f]*$/.test(pattern)) return pattern;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const code = pattern.charCodeAt(i);
    if (code === 0x25 && isHexDigit(pattern.charCodeAt(i + 1)) && isHexDigit(pattern.charCodeAt(i + 2))) {
      out += `%${pattern.slice(i + 1, i + 3).toUpperCase()}`;
      i += 2;
    } else if (code < 0x80) {
      out += pattern[i];
    } else {
      const cp = pattern.codePointAt(i)!;
      out += percentEncodeCodePoint(cp);
      if (cp > 0xffff) i++;
    }
  }
  return out;
}
