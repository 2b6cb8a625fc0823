/**
 * 64-bit simhash of a text, for finding pages built on one template (near-duplicate texts).
 *
 * Charikar, "Similarity estimation techniques from rounding algorithms" (STOC 2002); used for web pages by
 * Manku, Jain & Das Sarma, "Detecting near-duplicates for web crawling" (WWW 2007), who found 64-bit
 * fingerprints within 3 bits to mark near-duplicates among 8 billion pages. That is our default threshold.
 *
 *   1. Tokens: the text in Unicode NFKC, lower case, split into runs of letters and digits.
 *   2. Features: overlapping 3-word shingles (single words when the text has fewer than 3), each counted
 *      as often as it occurs.
 *   3. Each feature hashes to 64 bits (two 32-bit lanes, `hash64`); for every bit, add the feature's count
 *      when the bit is 1 and subtract it when it is 0.
 *   4. Bit i of the fingerprint is 1 when the sum for bit i is positive.
 * Similar texts share most shingles, so most sums keep their sign and the fingerprints differ in few bits;
 * unrelated texts differ in about 32 of 64. An empty text has the fingerprint 0.
 *
 * Fingerprints are exchanged as 16 lower-case hex digits (`simhashHex`), high lane first.
 */

export interface Simhash {
  /** Bits 63..32. */
  readonly hi: number;
  /** Bits 31..0. */
  readonly lo: number;
}

const SHINGLE = 3;

export function simhash(text: string): Simhash {
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return { hi: 0, lo: 0 };
  const counts = new Map<string, number>();
  const width = Math.min(SHINGLE, words.length);
  for (let i = 0; i + width <= words.length; i++) {
    const feature = words.slice(i, i + width).join(' ');
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
  }
  const sums = new Float64Array(64);
  for (const [feature, count] of counts) {
    const [hi, lo] = hash64(feature);
    for (let bit = 0; bit < 32; bit++) {
      sums[bit] = sums[bit]! + ((lo >>> bit) & 1 ? count : -count);
      sums[bit + 32] = sums[bit + 32]! + ((hi >>> bit) & 1 ? count : -count);
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (sums[bit]! > 0) lo |= 1 << bit;
    if (sums[bit + 32]! > 0) hi |= 1 << bit;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/** The fingerprint as 16 hex digits. */
export function simhashHex(text: string): string {
  return simhashToHex(simhash(text));
}

export function simhashToHex(value: Simhash): string {
  return value.hi.toString(16).padStart(8, '0') + value.lo.toString(16).padStart(8, '0');
}

/** Parses 16 hex digits (an optional `0x` prefix is accepted); null when it is not that. */
export function parseSimhash(hex: string): Simhash | null {
  const digits = hex.trim().toLowerCase().replace(/^0x/, '');
  if (!/^[0-9a-f]{16}$/.test(digits)) return null;
  return { hi: Number.parseInt(digits.slice(0, 8), 16), lo: Number.parseInt(digits.slice(8), 16) };
}

export function hammingDistance(a: Simhash, b: Simhash): number {
  return popcount32((a.hi ^ b.hi) >>> 0) + popcount32((a.lo ^ b.lo) >>> 0);
}

/** `bits` (<= 32) consecutive bits of the fingerprint from bit `from` (0 = lowest), as a number. */
export function simhashBits(value: Simhash, from: number, bits: number): number {
  let out = 0;
  for (let i = 0; i < bits; i++) {
    const bit = from + i;
    const lane = bit < 32 ? value.lo : value.hi;
    out = out * 2 + ((lane >>> (bit % 32)) & 1);
  }
  return out;
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * A 64-bit string hash as two 32-bit lanes: multiplicative mixing of each UTF-16 code unit into two
 * independent states and a cross-lane avalanche at the end (the construction of bryc's public-domain
 * cyrb53, kept at 64 bits). Not cryptographic; only needs well-spread bits.
 */
export function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h2 >>> 0, h1 >>> 0];
}
