/**
 * What kind of input a path is, from its first bytes (never from its name alone: Common Crawl files are
 * often renamed, and a `.warc.gz` that is really an HTML error page must be refused, not half-read).
 *   - a folder: loose HTML files inside it;
 *   - `WARC/` (plain or inside gzip): a WARC or WAT file (WAT is WARC with JSON metadata records);
 *   - `<` after an optional BOM and white space (plain or inside gzip; UTF-8 or UTF-16): an HTML file.
 * Anything else is refused with the file name and the byte offset where recognition failed.
 */
import { open, stat } from 'node:fs/promises';
import { BadInputError, UsageError } from '../../core/errors.ts';
import { decodeMemberPrefix } from '../warc/gzip-member.ts';

export type InputFormat = 'warc' | 'html' | 'html-dir';

export interface DetectedInput {
  path: string;
  format: InputFormat;
  gzip: boolean;
}

const SNIFF_BYTES = 4096;

export async function detectInput(path: string): Promise<DetectedInput> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (info.isDirectory()) return { path, format: 'html-dir', gzip: false };
  const head = await readHead(path, SNIFF_BYTES);
  if (head.length === 0)
    throw new BadInputError('empty file: not a WARC, WAT or HTML file', { file: path, offset: 0 });
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const bytes = gzip ? gunzipPrefix(head, path) : head;
  const format = sniff(bytes);
  if (format === null) {
    throw new BadInputError(
      `not a WARC, WAT or HTML file${gzip ? ' (gzip content)' : ''}: starts with ${JSON.stringify(printable(bytes))}`,
      { file: path, offset: 0 },
    );
  }
  return { path, format, gzip };
}

/** `warc` or `html` for the first bytes of a (decompressed) file, or null. */
export function sniff(bytes: Uint8Array): 'warc' | 'html' | null {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return sniffUtf16(bytes);
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  if (startsWith(bytes, i, 'WARC/')) return 'warc';
  if (bytes[i] === 0x3c /* < */) return 'html';
  return null;
}

/**
 * A UTF-16 file (byte order mark first) is HTML when its first character after white space is `<`;
 * anything else (a vendor CSV export saved as "Unicode text", as Excel and Ahrefs do) is left to the CSV
 * reader, which decodes UTF-16.
 */
function sniffUtf16(bytes: Uint8Array): 'html' | null {
  const text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(0, 512));
  return text.trimStart().startsWith('<') ? 'html' : null;
}

function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (bytes[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

async function readHead(path: string, size: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Decompresses what the sniffed bytes hold of the first gzip member (it is usually cut short by the
 * sniff window, and may be followed by damage, so the member is read on its own).
 */
function gunzipPrefix(head: Uint8Array, path: string): Uint8Array {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  // Deflate expands at most ~1032:1, so this cap never cuts a genuine prefix.
  const out = decodeMemberPrefix(bytes, 0, SNIFF_BYTES * 1100);
  if (out.length === 0)
    throw new BadInputError('broken gzip data at the start of the file', { file: path, offset: 0 });
  return out;
}

function printable(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 24), (b) =>
    b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.',
  ).join('');
}
