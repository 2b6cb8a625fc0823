/**
 * Which encoding an HTML document's bytes are in, per the WHATWG HTML "encoding sniffing algorithm":
 *   1. a byte order mark (UTF-8, UTF-16BE, UTF-16LE) wins;
 *   2. else the `charset` parameter of the HTTP Content-Type header;
 *   3. else `<meta charset>` or `<meta http-equiv=content-type content="...charset=...">` found by the
 *      "prescan a byte stream" steps over the first 1024 bytes (UTF-16 there means UTF-8, and
 *      x-user-defined means windows-1252, as the standard says);
 *   4. else a default. The standard leaves the default to the user agent (windows-1252 for most locales).
 *      We first check whether the bytes are valid UTF-8 and take UTF-8 if so: most of today's web is
 *      UTF-8, and undeclared UTF-8 is common, while windows-1252 text that happens to be valid UTF-8 is
 *      rare (any byte >= 0x80 in it would have to form exact UTF-8 sequences). Pure ASCII is valid UTF-8
 *      and decodes the same either way. Only bytes that are not valid UTF-8 fall to windows-1252.
 * Labels are resolved with the runtime's TextDecoder, which implements the WHATWG label table ("latin1",
 * "ascii" and "us-ascii" all mean windows-1252; "sjis" means shift_jis...). Node 20 (full ICU) decodes
 * every WHATWG encoding except ISO-8859-16 and x-user-defined; we decode x-user-defined ourselves. The
 * "replacement" labels (iso-2022-kr, hz-gb-2312, ...) decode a document to a single U+FFFD, as the standard
 * requires (they are a cross-site scripting hazard). A label that is unknown (or ISO-8859-16) is not
 * usable: sniffing goes on to the next step and the label is reported as `unknownLabel`; when nothing
 * later is usable the default is taken and the source is `fallback`.
 */
import { windows1252Decoder } from './windows-1252.ts';

export type CharsetSource = 'bom' | 'http' | 'meta' | 'default' | 'fallback';

export interface CharsetSniff {
  /** WHATWG encoding name, lower-case (`utf-8`, `windows-1252`, `shift_jis`, `replacement`...). */
  encoding: string;
  source: CharsetSource;
  /** A declared label that could not be used (unknown, or not supported by this runtime). */
  unknownLabel?: string;
}

export interface SniffOptions {
  /** The bytes are the whole document (not a prefix): a cut-off UTF-8 sequence at the end is then invalid. */
  complete?: boolean;
}

/** How many bytes the meta prescan looks at (WHATWG: 1024). */
export const PRESCAN_BYTES = 1024;

const REPLACEMENT_LABELS = new Set([
  'csiso2022kr',
  'hz-gb-2312',
  'iso-2022-cn',
  'iso-2022-cn-ext',
  'iso-2022-kr',
  'replacement',
]);

const labelCache = new Map<string, string | null>();

/** The WHATWG encoding a label names, if this runtime can decode it; null for an unknown label. */
export function encodingForLabel(label: string): string | null {
  const key = label.trim().toLowerCase();
  const cached = labelCache.get(key);
  if (cached !== undefined) return cached;
  let encoding: string | null;
  if (REPLACEMENT_LABELS.has(key)) encoding = 'replacement';
  else if (key === 'x-user-defined') encoding = 'x-user-defined';
  else {
    try {
      encoding = new TextDecoder(key).encoding;
    } catch {
      encoding = null;
    }
  }
  if (labelCache.size < 1000) labelCache.set(key, encoding);
  return encoding;
}

/** Sniffs the encoding from the first bytes of a document (at least 1024 of them when there are so many). */
export function sniffCharset(
  firstBytes: Uint8Array,
  contentTypeHeader?: string,
  options: SniffOptions = {},
): CharsetSniff {
  const bom = bomEncoding(firstBytes);
  if (bom !== null) return { encoding: bom, source: 'bom' };
  let unknownLabel: string | undefined;
  const httpLabel = contentTypeHeader === undefined ? null : charsetParameter(contentTypeHeader);
  if (httpLabel !== null) {
    const encoding = encodingForLabel(httpLabel);
    if (encoding !== null) return { encoding, source: 'http' };
    unknownLabel = httpLabel;
  }
  const meta = prescanForMetaCharset(firstBytes.subarray(0, PRESCAN_BYTES));
  unknownLabel ??= meta.unknownLabel;
  if (meta.encoding !== null) {
    return unknownLabel === undefined
      ? { encoding: meta.encoding, source: 'meta' }
      : { encoding: meta.encoding, source: 'meta', unknownLabel };
  }
  const encoding = isUtf8(firstBytes, options.complete ?? false) ? 'utf-8' : 'windows-1252';
  return unknownLabel === undefined
    ? { encoding, source: 'default' }
    : { encoding, source: 'fallback', unknownLabel };
}

function bomEncoding(b: Uint8Array): string | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  return null;
}

/** The `charset` parameter of a Content-Type value (quoted or not), or null. */
export function charsetParameter(contentType: string): string | null {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"?|([^;\s]*))/i.exec(contentType);
  const value = match?.[1] ?? match?.[2];
  return value === undefined || value === '' ? null : value;
}

/** True when the bytes are well-formed UTF-8 (a sequence cut off at the end is allowed unless `complete`). */
export function isUtf8(bytes: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/* The WHATWG "prescan a byte stream to determine its encoding" steps, over at most 1024 bytes. */

function isSpaceByte(c: number | undefined): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;
}
function isAsciiLetter(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
}
function lowerByte(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}
function startsWithCi(b: Uint8Array, at: number, text: string): boolean {
  if (at + text.length > b.length) return false;
  for (let i = 0; i < text.length; i++) if (lowerByte(b[at + i]!) !== text.charCodeAt(i)) return false;
  return true;
}

interface Attribute {
  name: string;
  value: string;
}

/** The first usable encoding a `<meta>` in the bytes declares, and the first unusable label seen. */
export function prescanForMetaCharset(b: Uint8Array): { encoding: string | null; unknownLabel?: string } {
  let unknownLabel: string | undefined;
  const pos = { i: 0 };
  const n = b.length;
  while (pos.i < n) {
    const i = pos.i;
    if (startsWithCi(b, i, '<!--')) {
      // Skip to the `>` of a `-->` (the dashes of `<!--` count, so `<!-->` is a whole comment).
      let j = i + 2;
      while (j + 2 < n && !(b[j] === 0x2d && b[j + 1] === 0x2d && b[j + 2] === 0x3e)) j++;
      pos.i = j + 3;
      continue;
    }
    if (startsWithCi(b, i, '<meta') && (isSpaceByte(b[i + 5]) || b[i + 5] === 0x2f)) {
      pos.i = i + 5;
      const seen = new Set<string>();
      let gotPragma = false;
      let needPragma: boolean | null = null;
      let charset: string | null = null;
      let label: string | null = null;
      for (let attr = getAttribute(b, pos); attr !== null; attr = getAttribute(b, pos)) {
        if (seen.has(attr.name)) continue;
        seen.add(attr.name);
        if (attr.name === 'http-equiv') {
          if (attr.value === 'content-type') gotPragma = true;
        } else if (attr.name === 'content') {
          const fromContent = charsetFromMetaContent(attr.value);
          if (fromContent !== null && charset === null && label === null) {
            label = fromContent;
            charset = encodingForLabel(fromContent);
            needPragma = true;
          }
        } else if (attr.name === 'charset') {
          label = attr.value;
          charset = encodingForLabel(attr.value);
          needPragma = false;
        }
      }
      if (needPragma === null || (needPragma && !gotPragma)) continue;
      if (charset === null) {
        if (label !== null) unknownLabel ??= label;
        continue;
      }
      if (charset === 'utf-16be' || charset === 'utf-16le') charset = 'utf-8';
      else if (charset === 'x-user-defined') charset = 'windows-1252';
      return unknownLabel === undefined ? { encoding: charset } : { encoding: charset, unknownLabel };
    }
    if (b[i] === 0x3c && (isAsciiLetter(b[i + 1]) || (b[i + 1] === 0x2f && isAsciiLetter(b[i + 2])))) {
      let j = i + 2;
      while (j < n && !isSpaceByte(b[j]) && b[j] !== 0x3e) j++;
      pos.i = j;
      while (getAttribute(b, pos) !== null) {
        // Attributes of other tags are skipped so that a `>` inside a quoted value does not end the tag.
      }
      continue;
    }
    if (b[i] === 0x3c && (b[i + 1] === 0x21 || b[i + 1] === 0x2f || b[i + 1] === 0x3f)) {
      let j = i + 2;
      while (j < n && b[j] !== 0x3e) j++;
      pos.i = j + 1;
      continue;
    }
    pos.i = i + 1;
  }
  return unknownLabel === undefined ? { encoding: null } : { encoding: null, unknownLabel };
}

/** WHATWG "get an attribute" over bytes (names and values lower-cased, as the prescan wants). */
function getAttribute(b: Uint8Array, pos: { i: number }): Attribute | null {
  const n = b.length;
  let i = pos.i;
  while (i < n && (isSpaceByte(b[i]) || b[i] === 0x2f)) i++;
  if (i >= n || b[i] === 0x3e) {
    pos.i = i;
    return null;
  }
  let name = '';
  let value = '';
  // Attribute name.
  for (;;) {
    if (i >= n) {
      pos.i = i;
      return null;
    }
    const c = b[i]!;
    if (c === 0x3d && name !== '') {
      i++;
      break;
    }
    if (isSpaceByte(c)) {
      while (i < n && isSpaceByte(b[i])) i++;
      if (b[i] !== 0x3d) {
        pos.i = i;
        return { name, value };
      }
      i++;
      break;
    }
    if (c === 0x2f || c === 0x3e) {
      pos.i = i;
      return { name, value };
    }
    name += String.fromCharCode(lowerByte(c));
    i++;
  }
  // Attribute value.
  while (i < n && isSpaceByte(b[i])) i++;
  if (i >= n) {
    pos.i = i;
    return null;
  }
  const quote = b[i]!;
  if (quote === 0x22 || quote === 0x27) {
    i++;
    while (i < n && b[i] !== quote) value += String.fromCharCode(lowerByte(b[i++]!));
    pos.i = i + 1;
    return i < n ? { name, value } : null;
  }
  if (quote === 0x3e) {
    pos.i = i;
    return { name, value };
  }
  while (i < n && !isSpaceByte(b[i]) && b[i] !== 0x3e) value += String.fromCharCode(lowerByte(b[i++]!));
  pos.i = i;
  return i < n ? { name, value } : null;
}

/** WHATWG "extracting a character encoding from a meta element" (the content attribute's `charset=`). */
export function charsetFromMetaContent(content: string): string | null {
  const word = /charset/gi;
  for (;;) {
    const found = word.exec(content);
    if (found === null) return null;
    let i = found.index + 7;
    while (i < content.length && isSpaceByte(content.charCodeAt(i))) i++;
    if (content[i] !== '=') {
      word.lastIndex = i;
      continue;
    }
    i++;
    while (i < content.length && isSpaceByte(content.charCodeAt(i))) i++;
    const c = content[i];
    if (c === '"' || c === "'") {
      const end = content.indexOf(c, i + 1);
      return end === -1 ? null : content.slice(i + 1, end);
    }
    if (c === undefined) return null;
    let end = i;
    while (end < content.length && !isSpaceByte(content.charCodeAt(end)) && content[end] !== ';') end++;
    return content.slice(i, end);
  }
}

/** A streaming decoder for a sniffed encoding (TextDecoder, or our own for x-user-defined / replacement). */
export interface StreamDecoder {
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}

export function createDecoder(encoding: string): StreamDecoder {
  if (encoding === 'x-user-defined') {
    return {
      decode(bytes) {
        if (!bytes) return '';
        let out = '';
        for (let i = 0; i < bytes.length; i++) {
          const c = bytes[i]!;
          out += String.fromCharCode(c < 0x80 ? c : 0xf780 + c - 0x80);
        }
        return out;
      },
    };
  }
  if (encoding === 'replacement') {
    let emitted = false;
    return {
      decode(bytes) {
        if (emitted || !bytes || bytes.length === 0) return '';
        emitted = true;
        return '\uFFFD';
      },
    };
  }
  if (encoding === 'windows-1252') return windows1252Decoder();
  return new TextDecoder(encoding);
}
