/** simhash.ts and ipv4.ts: the fingerprints and addresses the network detectors group by. */
import { describe, expect, it } from 'vitest';
import {
  formatIpv4,
  inCidr,
  isPublicIpv4,
  network24,
  parseCidr,
  parseIpv4,
} from '../../../src/core/toxicity/ipv4.ts';
import {
  hammingDistance,
  hash64,
  parseSimhash,
  simhash,
  simhashBits,
  simhashHex,
  simhashToHex,
} from '../../../src/core/toxicity/simhash.ts';
import { mulberry32 } from './polblogs-plant.ts';

function randomText(rand: () => number, words: number): string {
  return Array.from({ length: words }, () => `w${Math.floor(rand() * 5000)}`).join(' ');
}

describe('simhash', () => {
  it('pins the hash and fingerprint bits (a change here changes every stored digest)', () => {
    // One shingle: the fingerprint is its hash.
    const [hi, lo] = hash64('a b c');
    expect(simhashToHex({ hi, lo })).toBe(simhashHex('a b c'));
    expect(hash64('a b c')).toMatchInlineSnapshot(`
      [
        842614747,
        217299464,
      ]
    `);
    expect(simhashHex('The quick brown fox jumps over the lazy dog')).toMatchInlineSnapshot(
      `"7d7f412e6826df50"`,
    );
  });

  it('is 0 for a text without words, and ignores case, punctuation and spacing', () => {
    expect(simhashHex('')).toBe('0000000000000000');
    expect(simhashHex(' ... ')).toBe('0000000000000000');
    expect(simhashHex('Hello,   World! Again')).toBe(simhashHex('hello world again'));
  });

  it('keeps near-duplicates within a few bits (the template default is 6) and spreads unrelated texts around 32', () => {
    const rand = mulberry32(42);
    const distances: number[] = [];
    const near: number[] = [];
    for (let k = 0; k < 40; k++) {
      const text = randomText(rand, 800);
      const other = randomText(rand, 800);
      distances.push(hammingDistance(simhash(text), simhash(other)));
      const words = text.split(' ');
      words[Math.floor(rand() * words.length)] = 'changed';
      near.push(hammingDistance(simhash(text), simhash(words.join(' '))));
    }
    const mean = distances.reduce((a, b) => a + b, 0) / distances.length;
    expect(mean).toBeGreaterThan(28);
    expect(mean).toBeLessThan(36);
    expect(Math.min(...distances)).toBeGreaterThan(15);
    expect(Math.max(...near)).toBeLessThanOrEqual(6);
    expect(near.filter((d) => d <= 3).length).toBeGreaterThan(30);
  });

  it('round-trips hex and reads bit ranges', () => {
    const value = parseSimhash('0x8000000000000001')!;
    expect(value).toEqual({ hi: 0x80000000, lo: 1 });
    expect(simhashToHex(value)).toBe('8000000000000001');
    expect(parseSimhash('xyz')).toBeNull();
    expect(parseSimhash('123')).toBeNull();
    expect(hammingDistance(value, { hi: 0, lo: 0 })).toBe(2);
    expect(hammingDistance({ hi: 0xffffffff, lo: 0xffffffff }, { hi: 0, lo: 0 })).toBe(64);
    expect(simhashBits(value, 0, 1)).toBe(1);
    expect(simhashBits(value, 63, 1)).toBe(1);
    expect(simhashBits(value, 1, 32)).toBe(0);
    expect(simhashBits({ hi: 0, lo: 0xf0 }, 4, 4)).toBe(15);
  });
});

describe('ipv4', () => {
  it('parses dotted quads strictly', () => {
    expect(parseIpv4('203.0.113.7')).toBe(203 * 2 ** 24 + 113 * 256 + 7);
    expect(parseIpv4('256.1.1.1')).toBeNull();
    expect(parseIpv4('010.1.1.1')).toBeNull();
    expect(parseIpv4('1.2.3')).toBeNull();
    expect(parseIpv4('::1')).toBeNull();
    expect(formatIpv4(parseIpv4('255.0.10.1')!)).toBe('255.0.10.1');
  });

  it('names /24 networks and tests CIDR ranges', () => {
    expect(network24(parseIpv4('203.0.113.200')!)).toBe('203.0.113.0/24');
    const cloudflare = parseCidr('104.16.0.0/13')!;
    expect(inCidr(parseIpv4('104.23.255.1')!, cloudflare)).toBe(true);
    expect(inCidr(parseIpv4('104.24.0.1')!, cloudflare)).toBe(false);
    expect(parseCidr('1.2.3.4/33')).toBeNull();
    expect(parseCidr('1.2.3.4')).toBeNull();
    expect(isPublicIpv4(parseIpv4('192.168.1.1')!)).toBe(false);
    expect(isPublicIpv4(parseIpv4('8.8.8.8')!)).toBe(true);
  });
});
