/**
 * readBody on real node streams of real zlib output: each coding, the wire cap, the decoded cap against a
 * streamed 1 GiB gzip bomb (never held in memory), bodies that break mid-way and corrupt codings.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  brotliCompressSync,
  constants,
  createGzip,
  deflateRawSync,
  deflateSync,
  gunzipSync,
  gzipSync,
} from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../../src/adapters/http/read-body.ts';

const NO_CAPS = { maxBodyBytes: 1 << 30, maxDecodedBytes: 1 << 30 };

/** About 100 KiB of HTML that does not compress to nothing (so a cut compressed stream is still long). */
function page(): Buffer {
  const words: string[] = [];
  let x = 12345;
  for (let i = 0; i < 16_000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    words.push((x % 1_000_000).toString(36));
  }
  return Buffer.from(`<!doctype html><html><body><p>${words.join(' ')}</p></body></html>`);
}
const HTML = page();

interface Source {
  stream: Readable;
  /** Chunks the stream has handed out so far. */
  pulled: () => number;
}

/** A byte stream handing out `chunks` one read at a time, optionally failing after `failAfter` chunks. */
function source(chunks: readonly Buffer[], failAfter?: number): Source {
  let i = 0;
  const stream = new Readable({
    // One chunk buffered at a time, like a socket read: a failure loses nothing already handed out.
    highWaterMark: 1,
    read() {
      if (failAfter !== undefined && i === failAfter) {
        this.destroy(new Error('connection reset by peer'));
      } else if (i === chunks.length) {
        this.push(null);
      } else {
        this.push(chunks[i++]);
      }
    },
  });
  return { stream, pulled: () => i };
}

function split(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 32);

/** What a decoder can make of the first bytes of a compressed stream (what arrived before a cut). */
const gunzipPrefix = (bytes: Buffer) => gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });

describe('readBody: codings', () => {
  it('passes a body without Content-Encoding through, with its wire size and hash', async () => {
    const { stream } = source(split(HTML, 4096));
    const body = await readBody(stream, undefined, NO_CAPS);
    expect(Buffer.from(body.bytes).equals(HTML)).toBe(true);
    expect(body.truncated).toBeNull();
    expect(body.wireBytes).toBe(HTML.length);
    expect(body.contentHash).toBe(sha(HTML));
    expect(body.contentHash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('treats identity, an empty header and unknown codings as no decoding', async () => {
    for (const coding of ['identity', '', ' IDENTITY ', 'compress', 'zstd']) {
      const raw = coding === 'zstd' ? gzipSync(HTML) : HTML; // an unknown coding is left as it is
      const body = await readBody(source(split(raw, 1000)).stream, coding, NO_CAPS);
      expect(Buffer.from(body.bytes).equals(raw), coding).toBe(true);
      expect(body.truncated).toBeNull();
    }
  });

  it.each(['gzip', 'x-gzip', 'GZIP', ' gzip '])('decodes %j in small chunks', async (coding) => {
    const gz = gzipSync(HTML);
    const body = await readBody(source(split(gz, 777)).stream, coding, NO_CAPS);
    expect(Buffer.from(body.bytes).equals(HTML)).toBe(true);
    expect(body.truncated).toBeNull();
    expect(body.wireBytes).toBe(gz.length);
    expect(body.contentHash).toBe(sha(HTML));
  });

  it('decodes deflate both zlib-wrapped (RFC 9110) and raw (what some servers send)', async () => {
    for (const [name, bytes] of [
      ['zlib', deflateSync(HTML)],
      ['raw', deflateRawSync(HTML)],
      ['zlib, best compression', deflateSync(HTML, { level: 9 })],
      ['zlib, fastest', deflateSync(HTML, { level: 1 })],
    ] as const) {
      const body = await readBody(source(split(bytes, 500)).stream, 'deflate', NO_CAPS);
      expect(Buffer.from(body.bytes).equals(HTML), name).toBe(true);
      expect(body.wireBytes, name).toBe(bytes.length);
    }
  });

  it('decodes br', async () => {
    const br = brotliCompressSync(HTML);
    const body = await readBody(source(split(br, 300)).stream, 'br', NO_CAPS);
    expect(Buffer.from(body.bytes).equals(HTML)).toBe(true);
    expect(body.wireBytes).toBe(br.length);
  });

  it('gzip, br: undoes the coding applied last (br) and leaves the inner gzip as it is', async () => {
    const both = brotliCompressSync(gzipSync(HTML));
    const body = await readBody(source(split(both, 1000)).stream, 'gzip, br', NO_CAPS);
    const bytes = Buffer.from(body.bytes);
    expect(bytes.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(true);
    expect(gunzipSync(bytes).equals(HTML)).toBe(true);
  });

  it('ignores identity in a list of codings', async () => {
    const body = await readBody(source([gzipSync(HTML)]).stream, 'gzip, identity', NO_CAPS);
    expect(Buffer.from(body.bytes).equals(HTML)).toBe(true);
    const other = await readBody(source([brotliCompressSync(HTML)]).stream, 'identity, br', NO_CAPS);
    expect(Buffer.from(other.bytes).equals(HTML)).toBe(true);
  });

  it('reads an empty body', async () => {
    const body = await readBody(source([]).stream, undefined, NO_CAPS);
    expect(body.bytes.length).toBe(0);
    expect(body.truncated).toBeNull();
    expect(body.wireBytes).toBe(0);
  });
});

describe('readBody: the wire cap', () => {
  it('keeps exactly maxBodyBytes of a plain body and stops reading', async () => {
    const chunks = split(HTML, 300);
    const src = source(chunks);
    const body = await readBody(src.stream, undefined, { maxBodyBytes: 1000, maxDecodedBytes: 1 << 30 });
    expect(body.truncated).toBe('body');
    expect(body.wireBytes).toBe(1000);
    // All of it, including the part of the chunk that crossed the cap.
    expect(Buffer.from(body.bytes).equals(HTML.subarray(0, 1000))).toBe(true);
    expect(body.contentHash).toBe(sha(HTML.subarray(0, 1000)));
    expect(src.pulled()).toBeLessThan(chunks.length);
    expect(src.stream.destroyed).toBe(true);
  });

  it('does not call a body of exactly maxBodyBytes truncated', async () => {
    const body = await readBody(source(split(HTML, 1000)).stream, undefined, {
      maxBodyBytes: HTML.length,
      maxDecodedBytes: 1 << 30,
    });
    expect(body.truncated).toBeNull();
    expect(body.bytes.length).toBe(HTML.length);
  });

  it('decodes what arrived of a gzip body cut at the cap', async () => {
    const gz = gzipSync(HTML);
    const cap = Math.floor(gz.length / 2) + 3;
    const body = await readBody(source(split(gz, 1000)).stream, 'gzip', {
      maxBodyBytes: cap,
      maxDecodedBytes: 1 << 30,
    });
    expect(body.truncated).toBe('body');
    expect(body.wireBytes).toBe(cap);
    const expected = gunzipPrefix(gz.subarray(0, cap));
    expect(expected.length).toBeGreaterThan(HTML.length / 4); // the test means something
    expect(Buffer.from(body.bytes).equals(expected)).toBe(true);
    expect(Buffer.from(body.bytes).equals(HTML.subarray(0, body.bytes.length))).toBe(true);
  });
});

describe('readBody: the decoded cap', () => {
  it('keeps exactly maxDecodedBytes of a page that inflates past it', async () => {
    const body = await readBody(source(split(gzipSync(HTML), 1000)).stream, 'gzip', {
      maxBodyBytes: 1 << 30,
      maxDecodedBytes: 5_000,
    });
    expect(body.truncated).toBe('decoded');
    expect(Buffer.from(body.bytes).equals(HTML.subarray(0, 5_000))).toBe(true);
  });

  it('stops a streamed 1 GiB gzip bomb early, without reading the rest of it', async () => {
    const MIB = 1 << 20;
    const totalMiB = 1024;
    let mibFed = 0;
    let chunksOut = 0;
    const zeros = Buffer.alloc(MIB);
    // 1 GiB of zeros, gzipped as it is pulled: never more than a few MiB exist at once.
    const feeder = new Readable({
      read() {
        if (mibFed === totalMiB) this.push(null);
        else {
          mibFed += 1;
          this.push(zeros);
        }
      },
    });
    const gzip = createGzip({ level: 9 });
    feeder.pipe(gzip);
    const bomb = Readable.from(
      (async function* () {
        for await (const chunk of gzip) {
          chunksOut += 1;
          yield chunk as Buffer;
        }
      })(),
      { objectMode: false },
    );
    const cap = 3 * MIB + 12_345;
    try {
      const body = await readBody(bomb, 'gzip', { maxBodyBytes: 1 << 30, maxDecodedBytes: cap });
      expect(body.truncated).toBe('decoded');
      expect(body.bytes.length).toBe(cap);
      expect(body.bytes.every((b) => b === 0)).toBe(true);
      // 1 GiB of zeros is about 1 MiB of gzip (over 60 chunks of 16 KiB); a 3 MiB cap needs a few KiB.
      expect(chunksOut).toBeLessThan(10);
      expect(body.wireBytes).toBeLessThan(64 * 1024);
      expect(mibFed).toBeLessThan(64);
      expect(bomb.destroyed).toBe(true);
    } finally {
      feeder.destroy();
      gzip.destroy();
    }
  });
});

describe('readBody: broken and corrupt bodies', () => {
  it('keeps the bytes of a plain body whose connection breaks mid-way', async () => {
    const chunks = split(HTML, 1000);
    const body = await readBody(source(chunks, 3).stream, undefined, NO_CAPS);
    expect(body.truncated).toBe('broken');
    expect(body.wireBytes).toBe(3000);
    expect(Buffer.from(body.bytes).equals(HTML.subarray(0, 3000))).toBe(true);
  });

  it('keeps what decodes of a gzip body whose connection breaks mid-way', async () => {
    const gz = gzipSync(HTML);
    const chunks = split(gz, 1000);
    const arrived = Math.floor(chunks.length / 2);
    const src = source(chunks, arrived);
    const body = await readBody(src.stream, 'gzip', NO_CAPS);
    expect(body.truncated).toBe('broken');
    expect(src.pulled()).toBe(arrived);
    expect(body.wireBytes).toBe(arrived * 1000);
    const expected = gunzipPrefix(gz.subarray(0, arrived * 1000));
    expect(expected.length).toBeGreaterThan(0);
    expect(Buffer.from(body.bytes).equals(expected)).toBe(true);
  });

  it('keeps what decoded of a gzip body damaged mid-way (the damage shows only at the checksum)', async () => {
    const gz = Buffer.from(gzipSync(HTML));
    const damageAt = Math.floor(gz.length / 2);
    const intact = gunzipPrefix(gz.subarray(0, damageAt)).length;
    gz.fill(0xff, damageAt, damageAt + 64);
    const body = await readBody(source(split(gz, 1000)).stream, 'gzip', NO_CAPS);
    const bytes = Buffer.from(body.bytes);
    expect(intact).toBeGreaterThan(HTML.length / 4);
    expect(bytes.length).toBeGreaterThan(intact);
    expect(bytes.subarray(0, intact).equals(HTML.subarray(0, intact))).toBe(true);
    expect(body.wireBytes).toBe(gz.length);
    expect(body.contentHash).toBe(sha(bytes));
  });

  it('keeps the decoded bytes of a gzip body with a bad checksum', async () => {
    const gz = Buffer.from(gzipSync(HTML));
    gz[gz.length - 8]! ^= 0xff; // CRC32 in the trailer
    expect(() => gunzipSync(gz)).toThrow();
    const body = await readBody(source(split(gz, 1000)).stream, 'gzip', NO_CAPS);
    const bytes = Buffer.from(body.bytes);
    // zlib drops the output of the call that fails (at most one 16 KiB chunk); everything before is kept.
    expect(bytes.length).toBeGreaterThan(HTML.length - 16 * 1024);
    expect(bytes.equals(HTML.subarray(0, bytes.length))).toBe(true);
  });

  it('gives an empty body for bytes that are not gzip at all', async () => {
    const body = await readBody(source([HTML]).stream, 'gzip', NO_CAPS);
    expect(body.bytes.length).toBe(0);
    expect(body.wireBytes).toBe(HTML.length);
  });
});
