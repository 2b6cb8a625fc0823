/**
 * IPv4 helpers for the shared-network detector: dotted quads to 32-bit numbers, /24 networks ("class C",
 * as backlink tools count referring IPs), and CIDR ranges. Strict: four decimal parts 0-255, no leading
 * zeros beyond a single `0` (so `010.1.1.1` is rejected rather than read as octal or decimal).
 */
import { parseIpv4 as parseDottedQuad } from '../crawl/address-policy.ts';

/** The address as an unsigned 32-bit number, or null when `text` is not a dotted quad (the crawler's parser). */
export function parseIpv4(text: string): number | null {
  const bytes = parseDottedQuad(text.trim());
  return bytes === null ? null : ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** `203.0.113.7` -> `203.0.113.0/24`. */
export function network24(address: number): string {
  return `${formatIpv4(address - (address % 256))}/24`;
}

export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

/** `a.b.c.d/n`, or null. The base is masked to the prefix. */
export function parseCidr(text: string): Cidr | null {
  const [address, bits, extra] = text.trim().split('/');
  if (address === undefined || bits === undefined || extra !== undefined || !/^\d{1,2}$/.test(bits))
    return null;
  const prefix = Number(bits);
  const value = parseIpv4(address);
  if (value === null || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  return { base: value - (value % size), prefix };
}

export function inCidr(address: number, range: Cidr): boolean {
  const size = 2 ** (32 - range.prefix);
  return address - (address % size) === range.base;
}

/** Private, loopback, link-local, CGNAT, multicast and reserved ranges: never a site's public address. */
const NON_PUBLIC = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/3',
]
  .map(parseCidr)
  .filter((c): c is Cidr => c !== null);

export function isPublicIpv4(address: number): boolean {
  return !NON_PUBLIC.some((range) => inCidr(address, range));
}
