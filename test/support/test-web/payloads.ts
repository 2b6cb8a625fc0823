/** Bodies that are not literal HTML: binary files, legacy encodings, the huge page and the gzip bomb. */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { Ctx } from './respond.ts';

/** A minimal, valid one-page-less PDF. */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/** A 1x1 grey PNG. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** windows-1252 bytes for 0x80-0x9F (the rest of the range used here is Latin-1). */
const CP1252_HIGH: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
  '™': 0x99,
};

/** Encodes `text` in windows-1252 (throws on a character it cannot encode). */
export function cp1252(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const high = CP1252_HIGH[ch];
    if (high !== undefined) out.push(high);
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out.push(code);
    else throw new Error(`cannot encode ${JSON.stringify(ch)} in windows-1252`);
  }
  return Buffer.from(out);
}

/** Shift_JIS bytes of the few non-ASCII characters the test web uses. */
const SJIS: Record<string, [number, number]> = {
  日: [0x93, 0xfa],
  本: [0x96, 0x7b],
  語: [0x8c, 0xea],
  の: [0x82, 0xcc],
  テ: [0x83, 0x65],
  ス: [0x83, 0x58],
  ト: [0x83, 0x67],
};

/** Encodes `text` in Shift_JIS (ASCII plus the characters above; throws on others). */
export function shiftJis(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const pair = SJIS[ch];
    if (pair) out.push(...pair);
    else if (code < 0x80 && ch !== '\\' && ch !== '~') out.push(code);
    else throw new Error(`cannot encode ${JSON.stringify(ch)} in Shift_JIS here`);
  }
  return Buffer.from(out);
}

// ---------------------------------------------------------------------------------------------------
// The gzip bomb

const BOMB_CHUNK = 16 * 1024 * 1024;
const BOMB_PREFIX = '<!doctype html><html><head><title>Bomb</title></head><body>';
const bombs = new Map<number, Buffer>();

/**
 * A gzip member (for `Content-Encoding: gzip`) that inflates to `BOMB_PREFIX` and then spaces, about
 * `inflatedBytes` in all, rounded up to 16 MiB: ~1 MB per GiB. Built once per size and process: a 16 MiB
 * run of spaces is deflated once, ending with a sync flush so that it is byte-aligned and refers to
 * nothing before it, and repeated; a final empty block and the gzip trailer (CRC-32, size) close it.
 */
export function gzipBomb(inflatedBytes: number): Buffer {
  const chunks = Math.max(1, Math.ceil(inflatedBytes / BOMB_CHUNK));
  const cached = bombs.get(chunks);
  if (cached) return cached;
  const syncFlush = { level: 9, memLevel: 9, finishFlush: constants.Z_SYNC_FLUSH };
  const prefix = Buffer.from(BOMB_PREFIX, 'latin1');
  const spaces = Buffer.alloc(BOMB_CHUNK, 0x20);
  const prefixPart = deflateRawSync(prefix, syncFlush);
  const spacesPart = deflateRawSync(spaces, syncFlush);
  let crc = crc32(prefix);
  for (let i = 0; i < chunks; i++) crc = crc32(spaces, crc);
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
  const finalBlock = Buffer.from([0x03, 0x00]); // BFINAL=1, fixed Huffman, end of block
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((prefix.length + chunks * BOMB_CHUNK) % 2 ** 32, 4);
  const bomb = Buffer.concat([
    header,
    prefixPart,
    ...new Array<Buffer>(chunks).fill(spacesPart),
    finalBlock,
    trailer,
  ]);
  bombs.set(chunks, bomb);
  return bomb;
}

// ---------------------------------------------------------------------------------------------------
// The huge page

const HUGE_PREFIX = '<!doctype html><html><head><title>Huge</title></head><body>\n';
const HUGE_SUFFIX = '</body></html>\n';
const HUGE_LINE = '<p>This page is huge and says nothing; a crawler should stop reading it early.</p>\n';
const HUGE_BLOCK = Buffer.from(HUGE_LINE.repeat(Math.ceil(65536 / HUGE_LINE.length)), 'latin1');

/**
 * Streams an HTML page of exactly `total` bytes (at least prefix and suffix), minding backpressure; with
 * `declare`, it is announced with Content-Length, else it is sent chunked.
 */
export function streamHuge(ctx: Ctx, total: number, declare: boolean): void {
  const { res } = ctx;
  const head = Buffer.from(HUGE_PREFIX, 'latin1');
  const tail = Buffer.from(HUGE_SUFFIX, 'latin1');
  const size = Math.max(total, head.length + tail.length);
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    ...(declare ? { 'content-length': String(size) } : {}),
  });
  if (ctx.req.method === 'HEAD') {
    res.end();
    return;
  }
  let left = size - head.length - tail.length;
  res.write(head);
  const pump = (): void => {
    while (left > 0) {
      if (res.destroyed || res.writableEnded) return;
      const block = left >= HUGE_BLOCK.length ? HUGE_BLOCK : HUGE_BLOCK.subarray(0, left);
      left -= block.length;
      if (!res.write(block)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed && !res.writableEnded) res.end(tail);
  };
  pump();
}
