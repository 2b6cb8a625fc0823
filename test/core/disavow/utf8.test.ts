/** firstInvalidUtf8 accepts exactly what TextDecoder({ fatal: true }) accepts, and names the first bad byte. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from '../../../src/core/disavow/utf8.ts';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const decodes = (bytes: Uint8Array) => {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

// Valid UTF-8 with random bytes spliced in: hits the edge cases far more often than random bytes alone.
const mixed = fc
  .tuple(fc.string({ unit: 'binary' }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }))))
  .map(([text, splices]) => {
    const bytes = [...new TextEncoder().encode(text)];
    for (const [at, byte] of splices) bytes.splice(at % (bytes.length + 1), 0, byte);
    return Uint8Array.from(bytes);
  });

describe('firstInvalidUtf8', () => {
  it('agrees with the fatal TextDecoder, and everything before the bad byte decodes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array(), mixed), (bytes) => {
        const bad = firstInvalidUtf8(bytes);
        expect(bad === -1).toBe(decodes(bytes));
        if (bad !== -1) expect(decodes(bytes.subarray(0, bad))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses overlong forms, surrogates, code points above U+10FFFF and truncated sequences', () => {
    for (const bytes of [
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      expect(firstInvalidUtf8(Uint8Array.from([0x61, ...bytes]))).toBe(1);
    }
    expect(firstInvalidUtf8(new TextEncoder().encode('a€😀ü'))).toBe(-1);
  });

  it('scans only the range it is given', () => {
    const bytes = Uint8Array.from([0xff, 0x61, 0x62, 0xff]);
    expect(firstInvalidUtf8(bytes, 1, 3)).toBe(-1);
    expect(firstInvalidUtf8(bytes, 1, 4)).toBe(3);
  });
});
