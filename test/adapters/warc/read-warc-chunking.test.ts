/**
 * Chunk boundaries must not change anything: the same bytes fed in random chunk sizes (and one byte at
 * a time) give the same records, offsets and problems as fed whole. Run on clean and damaged inputs,
 * plain and gzip, because the recovery paths (lookback, resync, gzip replay) are where a boundary bug
 * would hide.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { data, memberStarts, readAll, summary } from './helpers.ts';

const LINKS = data('conformance', 'link-extraction-test.warc');
const CC = data('resiliparse-warc', 'warcfile.warc.gz');
const CC_STARTS = memberStarts(CC);

function damagedPlain(): Buffer {
  // Junk before record 2, Content-Length of record 4 too large by 300, cut inside the last record.
  const text = LINKS.toString('latin1');
  const second = text.indexOf('WARC/1.0', 10);
  const fourth = text.indexOf(
    'Content-Length: ',
    text.indexOf('WARC/1.0', text.indexOf('WARC/1.0', second + 10) + 10) + 10,
  );
  const length = Number(/Content-Length: (\d+)/.exec(text.slice(fourth))![1]);
  const edited =
    text.slice(0, second) +
    'garbage ~~~ WARC/x not a record\r\n' +
    text.slice(second, fourth) +
    `Content-Length: ${length + 300}` +
    text.slice(fourth + `Content-Length: ${length}`.length);
  return Buffer.from(edited.slice(0, edited.length - 200), 'latin1');
}

function damagedGzip(): Buffer {
  // Members 0-8 of warcfile.warc.gz with junk after member 2, member 5 corrupted, and the file cut in member 8.
  const members = CC_STARTS.slice(0, 10).map((start, k) => Buffer.from(CC.subarray(start, CC_STARTS[k + 1])));
  members[5]!.fill(0x5a, 30, 60);
  const parts = [
    ...members.slice(0, 3),
    Buffer.from('not gzip at all'),
    ...members.slice(3, 8),
    members[8]!.subarray(0, 150),
  ];
  return Buffer.concat(parts);
}

const INPUTS: [string, Buffer][] = [
  ['plain link-extraction-test.warc', LINKS],
  ['plain, damaged', damagedPlain()],
  ['gzip example.warc.gz', data('warcio-testdata', 'example.warc.gz')],
  ['gzip whirlwind.warc.gz (one 59 KB record)', data('cc-whirlwind', 'whirlwind.warc.gz')],
  ['gzip, damaged', damagedGzip()],
];

describe('chunking does not change the events', () => {
  it.each(INPUTS)('%s: whole and 1-byte chunks agree', async (_name, bytes) => {
    const whole = summary(await readAll(bytes, {}, [bytes.length]));
    expect(whole.length).toBeGreaterThan(2);
    expect(summary(await readAll(bytes, {}, [1]))).toEqual(whole);
  });

  it.each(INPUTS)('%s: random chunk sizes agree (fast-check)', async (_name, bytes) => {
    const whole = summary(await readAll(bytes, {}, [bytes.length]));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 12 }),
        async (sizes) => {
          expect(summary(await readAll(bytes, {}, sizes))).toEqual(whole);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('the damaged inputs really exercise the recovery paths', async () => {
    const plain = (await readAll(damagedPlain())).filter((e) => e.kind === 'problem').map((e) => e.reason);
    expect(plain).toEqual(['junk', 'bad-content-length', 'truncated']);
    const gzip = (await readAll(damagedGzip())).filter((e) => e.kind === 'problem').map((e) => e.reason);
    expect(gzip).toEqual(['gzip-error', 'gzip-error', 'truncated']);
  });
});
