/**
 * Damage made from real files: junk between records and between gzip members, wrong Content-Length
 * values, a corrupted gzip member, a file cut short, records over the size limit. In every case the
 * good records around the damage come out unchanged, and the damage is one problem event with its
 * offset. Input that is not a WARC at all throws BadInputError naming the offset.
 */
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readWarc, type WarcEvent, type WarcRecord } from '../../../src/adapters/warc/index.ts';
import { BadInputError } from '../../../src/core/errors.ts';
import { HTML_CORPUS_DIR, sharedData } from '../../support/paths.ts';
import { chunked, data, memberStarts, problems, readAll, records } from './helpers.ts';

const LINKS = data('conformance', 'link-extraction-test.warc'); // plain, 10 records
const CC = data('resiliparse-warc', 'warcfile.warc.gz'); // 50 members, one record each
const CC_STARTS = memberStarts(CC);
const LINKS_RECORDS = records(await readAll(LINKS));
const CC_RECORDS = records(await readAll(CC));
const PAGE_TEXT = Buffer.from(LINKS_RECORDS[1]!.block).toString('latin1');

/** Offsets of the records of a plain WARC, found by a regular expression (`WARC/1.0` line starts). */
function plainStarts(bytes: Buffer): number[] {
  return [...bytes.toString('latin1').matchAll(/(?:^|\n)(WARC\/1\.0\r?\n)/g)].map(
    (m) => m.index + m[0].length - m[1]!.length,
  );
}

const splice = (bytes: Buffer, at: number, insert: Buffer, remove = 0) =>
  Buffer.concat([bytes.subarray(0, at), insert, bytes.subarray(at + remove)]);

const blocks = (found: WarcRecord[]) => found.map((r) => Buffer.from(r.block).toString('latin1'));

/** Deterministic bytes that contain no `WARC/` and no gzip magic. */
function junk(length: number, seed = 7): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out[i] = 0x20 + (x % 90); // printable, so never 0x1f or 0x8b
  }
  return out;
}

describe('plain WARC damage (link-extraction-test.warc, 10 records)', () => {
  const starts = plainStarts(LINKS);
  const original = LINKS_RECORDS;

  it('the oracle finds the 10 record starts', () => {
    expect(starts).toHaveLength(10);
    expect(original.map((r) => r.offset)).toEqual(starts);
  });

  it('junk between records: all 10 records kept, one junk problem at the insertion point', async () => {
    const garbage = Buffer.concat([junk(333), Buffer.from('\x00\x01\x02 WARC/ no digit')]);
    const at = starts[4]!;
    const events = await readAll(splice(LINKS, at, garbage));
    expect(blocks(records(events))).toEqual(blocks(original));
    expect(records(events).map((r) => r.offset)).toEqual(
      starts.map((s) => (s < at ? s : s + garbage.length)),
    );
    expect(problems(events)).toEqual([
      expect.objectContaining({ reason: 'junk', offset: at, offsetKind: 'file', bytes: garbage.length }),
    ]);
  });

  it('a Content-Length that is not a number: that record is skipped as corrupt, the other 9 kept', async () => {
    const at = LINKS.indexOf('Content-Length: ', starts[5]!);
    const events = await readAll(splice(LINKS, at + 16, Buffer.from('12x4'), 4));
    expect(problems(events)).toEqual([
      expect.objectContaining({ reason: 'corrupt-header', offset: starts[5], offsetKind: 'file' }),
    ]);
    expect(records(events).map((r) => r.recordId)).toEqual(
      original.filter((_, k) => k !== 5).map((r) => r.recordId),
    );
  });

  it('a Content-Length too large: the record is cut where the next begins, and the next one is kept', async () => {
    const at = LINKS.indexOf('Content-Length: ', starts[2]!) + 16;
    const declared = original[2]!.contentLength;
    const digits = String(declared).length;
    const events = await readAll(splice(LINKS, at, Buffer.from(String(declared + 500)), digits));
    expect(problems(events)).toEqual([
      expect.objectContaining({ reason: 'bad-content-length', offset: starts[2], offsetKind: 'file' }),
    ]);
    const found = records(events);
    expect(found.map((r) => r.recordId)).toEqual(original.map((r) => r.recordId));
    expect(found[2]!.contentLength).toBe(declared + 500);
    expect(blocks(found)).toEqual(blocks(original));
  });

  it('a Content-Length too small: the record is kept short, the rest of its block is reported as junk', async () => {
    const at = LINKS.indexOf('Content-Length: ', starts[6]!) + 16;
    const declared = original[6]!.contentLength;
    const events = await readAll(
      splice(LINKS, at, Buffer.from(String(declared - 100)), String(declared).length),
    );
    const found = records(events);
    expect(found.map((r) => r.recordId)).toEqual(original.map((r) => r.recordId));
    expect(Buffer.from(found[6]!.block).toString('latin1')).toBe(
      blocks(original)[6]!.slice(0, declared - 100),
    );
    const [problem] = problems(events);
    expect(problems(events)).toHaveLength(1);
    expect(problem).toMatchObject({ reason: 'junk', offsetKind: 'file' });
    expect(problem!.offset).toBeGreaterThanOrEqual(found[6]!.offset + declared - 100);
    const shift = String(declared).length - String(declared - 100).length;
    expect(problem!.offset + problem!.bytes!).toBe(starts[7]! - shift); // junk ends where record 7 starts
  });

  it('LF-only headers and separators, and a WARC/0.18 version line, read the same records', async () => {
    const rewritten = Buffer.concat(
      original.map((r, k) =>
        Buffer.concat([
          Buffer.from(
            `WARC/${k === 3 ? '0.18' : '1.0'}\n${[...r.headers].map(([n, v]) => `${n}: ${v}\n`).join('')}\n`,
          ),
          r.block,
          Buffer.from('\n\n'),
        ]),
      ),
    );
    const events = await readAll(rewritten);
    expect(problems(events)).toEqual([]);
    expect(blocks(records(events))).toEqual(blocks(original));
    expect(records(events)[3]!.version).toBe('0.18');
  });

  it('the input ends inside a record: the complete records come first, then `truncated` at its offset', async () => {
    const cut = starts[8]! + 300;
    const events = await readAll(LINKS.subarray(0, cut));
    expect(records(events).map((r) => r.recordId)).toEqual(original.slice(0, 8).map((r) => r.recordId));
    expect(problems(events)).toEqual([expect.objectContaining({ reason: 'truncated', offset: starts[8] })]);
  });

  it('a record over maxRecordBytes is skipped unbuffered and counted; the others are kept', async () => {
    const limit = 1000;
    const events = await readAll(LINKS, { maxRecordBytes: limit });
    const big = original.filter((r) => r.contentLength > limit);
    expect(big.length).toBeGreaterThan(2);
    expect(problems(events).map((p) => [p.reason, p.offset, p.bytes])).toEqual(
      big.map((r) => ['too-large', r.offset, r.contentLength]),
    );
    expect(records(events).map((r) => r.recordId)).toEqual(
      original.filter((r) => r.contentLength <= limit).map((r) => r.recordId),
    );
  });
});

describe('gzip damage (warcfile.warc.gz, 50 Common Crawl members)', () => {
  const original = CC_RECORDS;

  it('junk between two members: 50 records kept, one gzip-error at the junk, offsets still exact', async () => {
    const garbage = junk(300);
    const at = CC_STARTS[10]!;
    const events = await readAll(splice(CC, at, garbage));
    expect(records(events).map((r) => r.recordId)).toEqual(original.map((r) => r.recordId));
    expect(blocks(records(events))).toEqual(blocks(original));
    expect(records(events).map((r) => [r.offset, r.offsetKind])).toEqual(
      CC_STARTS.map((s) => [s < at ? s : s + garbage.length, 'member']),
    );
    expect(problems(events)).toEqual([
      expect.objectContaining({
        reason: 'gzip-error',
        offset: at,
        offsetKind: 'file',
        bytes: garbage.length,
      }),
    ]);
  });

  it('a corrupted member in the middle: only its record is lost, reported at the member offset', async () => {
    const from = CC_STARTS[20]!;
    const to = CC_STARTS[21]!;
    const damaged = Buffer.from(CC);
    damaged.fill(0xa5, from + 40, from + 104); // deflate data, well inside the member
    const events = await readAll(damaged);
    expect(records(events).map((r) => r.recordId)).toEqual(
      original.filter((_, k) => k !== 20).map((r) => r.recordId),
    );
    expect(blocks(records(events))).toEqual(blocks(original.filter((_, k) => k !== 20)));
    expect(problems(events)).toEqual([
      expect.objectContaining({ reason: 'gzip-error', offset: from, offsetKind: 'file', bytes: to - from }),
    ]);
    expect(
      records(events)
        .slice(20)
        .map((r) => r.offset),
    ).toEqual(CC_STARTS.slice(21));
  });

  it('a CRC mismatch (deflate data intact, trailer wrong) loses only that record', async () => {
    const damaged = Buffer.from(CC);
    const trailer = CC_STARTS[31]! - 8;
    damaged[trailer] = damaged[trailer]! ^ 0xff;
    const events = await readAll(damaged);
    expect(records(events).map((r) => r.recordId)).toEqual(
      original.filter((_, k) => k !== 30).map((r) => r.recordId),
    );
    expect(problems(events)).toEqual([
      expect.objectContaining({
        reason: 'gzip-error',
        offset: CC_STARTS[30],
        message: expect.stringMatching(/CRC/),
      }),
    ]);
  });

  it('a file cut inside a member: the records before it, then `truncated` at that member', async () => {
    const events = await readAll(CC.subarray(0, CC_STARTS[30]! + 200));
    expect(records(events).map((r) => r.recordId)).toEqual(original.slice(0, 30).map((r) => r.recordId));
    expect(problems(events)).toEqual([
      expect.objectContaining({ reason: 'truncated', offset: CC_STARTS[30], offsetKind: 'member' }),
    ]);
  });

  it('zero padding after the last member (tape blocks) is not damage', async () => {
    const events = await readAll(Buffer.concat([CC, Buffer.alloc(4096)]));
    expect(problems(events)).toEqual([]);
    expect(records(events)).toHaveLength(50);
  });

  it('a whole-file gzip reads the same records, offsets into the decompressed stream', async () => {
    const plain = gunzipSync(CC);
    const events = await readAll(gzipSync(plain));
    const found = records(events);
    expect(problems(events)).toEqual([]);
    expect(blocks(found)).toEqual(blocks(original));
    expect(found[0]).toMatchObject({ offset: 0, offsetKind: 'member' });
    expect(found.slice(1).every((r) => r.offsetKind === 'decompressed' && r.offset === r.streamOffset)).toBe(
      true,
    );
    expect(found.map((r) => r.streamOffset)).toEqual(plainStarts(plain));
  });

  it('a stored .gz payload inside a member (gzip magic in the compressed bytes) does not confuse offsets', async () => {
    const inner = gzipSync(Buffer.from('an embedded gzip file\n'.repeat(50)));
    const header = `WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:embedded>\r\nContent-Length: ${inner.length}\r\n\r\n`;
    // Level 0 stores the bytes verbatim, so `1f 8b 08` of the inner file appears in the outer stream.
    const odd = gzipSync(Buffer.concat([Buffer.from(header), inner, Buffer.from('\r\n\r\n')]), { level: 0 });
    const file = Buffer.concat([CC.subarray(0, CC_STARTS[5]), odd, CC.subarray(CC_STARTS[5])]);
    const events = await readAll(file);
    expect(problems(events)).toEqual([]);
    const found = records(events);
    expect(found[5]!.recordId).toBe('<urn:uuid:embedded>');
    expect(found.map((r) => r.offsetKind).every((k) => k === 'member')).toBe(true);
    expect(found.map((r) => r.offset)).toEqual([
      ...CC_STARTS.slice(0, 5),
      CC_STARTS[5],
      ...CC_STARTS.slice(5).map((s) => s + odd.length),
    ]);
  });

  it('records over maxRecordBytes are streamed past and counted, at their member offsets', async () => {
    const limit = 20_000;
    const events = await readAll(CC, { maxRecordBytes: limit });
    const big = original.filter((r) => r.contentLength > limit);
    expect(big.length).toBeGreaterThan(5);
    expect(problems(events).map((p) => [p.reason, p.offset, p.offsetKind])).toEqual(
      big.map((r) => ['too-large', r.offset, 'member']),
    );
    expect(records(events)).toHaveLength(50 - big.length);
  });
});

describe('records over the size limit are streamed past, not buffered', () => {
  const BIG = 48 * 1024 * 1024; // over the 32 MiB default
  const header = `WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:x:big>\r\nContent-Length: ${BIG}\r\n\r\n`;

  /** A big record made of one reused 1 MiB buffer (never materialised), then a real WARC. */
  async function* bigThenLinks(): AsyncGenerator<Uint8Array> {
    const piece = Buffer.alloc(1024 * 1024, 0x61);
    yield Buffer.from(header);
    for (let sent = 0; sent < BIG; sent += piece.length) yield piece;
    yield Buffer.from('\r\n\r\n');
    yield LINKS;
  }

  /** Peak growth of ArrayBuffer memory while `run` runs, sampled every few milliseconds. */
  async function peakGrowth(run: () => Promise<void>): Promise<number> {
    const before = process.memoryUsage().arrayBuffers;
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }, 2);
    try {
      await run();
    } finally {
      clearInterval(timer);
    }
    return Math.max(peak, process.memoryUsage().arrayBuffers) - before;
  }

  it('plain: the big record is a too-large problem, the records after it are read', async () => {
    const events: WarcEvent[] = [];
    const growth = await peakGrowth(async () => {
      for await (const event of readWarc(bigThenLinks())) events.push(event);
    });
    expect(problems(events)).toEqual([
      expect.objectContaining({ reason: 'too-large', offset: 0, bytes: BIG }),
    ]);
    expect(records(events)).toHaveLength(10);
    expect(growth).toBeLessThan(16 * 1024 * 1024);
  });

  it('gzip: the same, through the decompressor', async () => {
    const huge = 128 * 1024 * 1024;
    const plain = Buffer.concat([
      Buffer.from(header.replace(String(BIG), String(huge))),
      Buffer.alloc(huge, 0x61),
      Buffer.from('\r\n\r\n'),
    ]);
    const file = Buffer.concat([gzipSync(plain), CC]);
    const events: WarcEvent[] = [];
    const growth = await peakGrowth(async () => {
      for await (const event of readWarc(chunked(file, [65536]))) events.push(event);
    });
    expect(problems(events)).toEqual([
      expect.objectContaining({ reason: 'too-large', offset: 0, offsetKind: 'member', bytes: huge }),
    ]);
    expect(records(events)).toHaveLength(50);
    // Decompressed chunks become garbage faster than the GC reclaims them; buffering would need 128 MiB.
    expect(growth).toBeLessThan(huge / 2);
  });

  it('gzip: a member too large to check in one piece and damaged is skipped, the others kept', async () => {
    const big = Buffer.concat([
      Buffer.from(PAGE_TEXT.repeat(400)),
      Buffer.from(Array.from({ length: 4000 }, (_, k) => k % 251)),
    ]);
    const member = gzipSync(
      Buffer.concat([
        Buffer.from(`WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: ${big.length}\r\n\r\n`),
        big,
        Buffer.from('\r\n\r\n'),
      ]),
    );
    member.fill(0x33, member.length - 60, member.length - 40); // deflate data near the end
    const first = CC.subarray(0, CC_STARTS[1]);
    const file = Buffer.concat([first, member, CC.subarray(CC_STARTS[1])]);
    const events = await readAll(file, { maxRecordBytes: 100_000 });
    expect(records(events).map((r) => r.recordId)).toEqual(
      CC_RECORDS.filter((r) => r.contentLength <= 100_000).map((r) => r.recordId),
    );
    const gzipProblems = problems(events).filter((p) => p.reason === 'gzip-error');
    expect(gzipProblems).toEqual([
      expect.objectContaining({ offset: first.length, offsetKind: 'file', bytes: member.length }),
    ]);
  });
});

describe('input that is not a WARC', () => {
  const page = readdirSync(HTML_CORPUS_DIR).find((name) => name.endsWith('.html'))!;
  const html = readFileSync(join(HTML_CORPUS_DIR, page));

  it.each([
    ['an HTML page', html, 0],
    ['a gzipped HTML page', gzipSync(html), 0],
    ['text before the first record', Buffer.concat([Buffer.from('hello\r\n'), LINKS]), 0],
  ])('%s throws BadInputError naming the offset', async (_name, bytes, offset) => {
    const error = await readAll(bytes, { file: 'input.warc' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadInputError);
    expect(error).toMatchObject({ code: 'BAD_INPUT', offset, file: 'input.warc' });
    expect((error as Error).message).toMatch(/input\.warc at byte 0: not a WARC file: expected "WARC\/"/);
  });

  it('empty input and broken gzip at the start throw BadInputError too', async () => {
    await expect(readAll(Buffer.alloc(0))).rejects.toThrow(BadInputError);
    const broken = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0]), junk(500)]);
    await expect(readAll(broken)).rejects.toMatchObject({ code: 'BAD_INPUT', offset: 0 });
  });
});

describe('streaming behaviour', () => {
  it('stopping early closes the file stream', async () => {
    const stream = createReadStream(sharedData('resiliparse-warc', 'warcfile.warc.gz'));
    let seen = 0;
    for await (const event of readWarc(stream)) {
      if (event.kind === 'record' && ++seen === 2) break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.destroyed).toBe(true);
  });

  it('a block is read in pieces of any size (checked with 1-byte chunks on a plain file)', async () => {
    const events = await readAll(LINKS, {}, [1]);
    expect(blocks(records(events))).toEqual(blocks(LINKS_RECORDS));
  });
});
