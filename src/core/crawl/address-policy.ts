/**
 * Which IP addresses the crawler may connect to, and curl-style `--resolve HOST:PORT:ADDRESS` entries.
 *
 * A crawler that follows links written by strangers must not be turned into a proxy for the machine's own
 * network (server-side request forgery): `http://169.254.169.254/` hands out cloud credentials,
 * `http://127.0.0.1:6379/` is somebody's Redis. The fetch adapter classifies every address it is about to
 * connect to, *after* DNS resolution (a public name can resolve to 10.0.0.1), and asks `isFetchAllowed`.
 *
 * Input forms. The classifier reads canonical literals only:
 *   - IPv4 as four dotted decimal numbers 0-255 without leading zeros (`10.0.0.1`);
 *   - IPv6 in colon notation, any case, `::` compression, an optional dotted IPv4 tail
 *     (`::ffff:127.0.0.1`), optional brackets (`[::1]`, as in `URL.hostname`) and an optional zone id
 *     (`fe80::1%eth0`, ignored for classification).
 * The odd host forms URL parsers accept (`http://2130706433/`, `http://0x7f.1/`, `http://017700000001/`)
 * are turned into dotted decimal by WHATWG URL before any of this runs, and DNS answers are canonical, so
 * anything else (`010.0.0.1`, `127.1`, `0x7f.0.0.1`) is not an address here: `classifyAddress` returns
 * null and `isFetchAllowed` refuses it. Refusing is the safe side: `inet_aton` would read `010.0.0.1` as
 * 8.0.0.1 and other parsers as 10.0.0.1.
 *
 * IPv6 addresses that carry an IPv4 address (IPv4-mapped `::ffff:0:0/96`, IPv4-compatible `::/96`,
 * IPv4-translated `::ffff:0:0:0/96`, NAT64 `64:ff9b::/96` and `64:ff9b:1::/48`, 6to4 `2002::/16`, the
 * Teredo client of `2001::/32`) are judged by the IPv4 address they carry when it is not public.
 *
 * Pure: no I/O, no node:* modules.
 */
import { UsageError } from '../errors.ts';

export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cloud-metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'cgnat'
  | 'broadcast';

export interface ParsedAddress {
  family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: Uint8Array;
  /** The IPv6 zone id after `%`, when one was written. */
  zone?: string;
}

export interface AddressClassification {
  kind: AddressKind;
  family: 4 | 6;
  /** Canonical text: dotted decimal, or RFC 5952 IPv6 (`::ffff:1.2.3.4` for IPv4-mapped). */
  address: string;
  /** The special-purpose block that decided, e.g. `10.0.0.0/8`; null for a public address. */
  range: string | null;
  /** What that block is, e.g. `private-use (RFC 1918)`. */
  description: string;
  /** The IPv4 address an IPv6 address carries, when it carries one and it decided the kind. */
  embeddedIpv4?: string;
}

// ---------------------------------------------------------------------------------------------------
// Parsing and formatting

const IPV4_PART = /^(?:0|[1-9]\d{0,2})$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;

/** Strict dotted decimal; null for anything else (including leading zeros and fewer than four parts). */
export function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] ?? '';
    if (!IPV4_PART.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes[i] = value;
  }
  return bytes;
}

/** Colon notation (see the module comment); null when it is not a valid IPv6 literal. */
export function parseIpv6(text: string): { bytes: Uint8Array; zone?: string } | null {
  let body = text;
  let zone: string | undefined;
  const percent = body.indexOf('%');
  if (percent !== -1) {
    zone = body.slice(percent + 1);
    body = body.slice(0, percent);
    if (zone === '' || /[\s%[\]/]/.test(zone)) return null;
  }
  if (body.length < 2 || body.length > 45) return null;

  // A dotted IPv4 tail fills the last two groups.
  let tail: Uint8Array | null = null;
  const lastColon = body.lastIndexOf(':');
  if (body.indexOf('.', lastColon) !== -1) {
    tail = parseIpv4(body.slice(lastColon + 1));
    if (tail === null) return null;
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }

  const halves = body.split('::');
  if (halves.length > 2) return null;
  const parseGroups = (half: string): number[] | null => {
    if (half === '') return [];
    const groups: number[] = [];
    for (const group of half.split(':')) {
      if (!IPV6_GROUP.test(group)) return null;
      groups.push(Number.parseInt(group, 16));
    }
    return groups;
  };
  const head = parseGroups(halves[0] ?? '');
  const rest = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (head === null || rest === null) return null;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return null; // `::` stands for at least one group
    groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
  } else {
    if (head.length !== 8) return null;
    groups = head;
  }

  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  if (tail !== null) bytes.set(tail, 12);
  return zone === undefined ? { bytes } : { bytes, zone };
}

/** An IPv4 or IPv6 literal (brackets allowed around IPv6); null when `text` is neither. */
export function parseIpAddress(text: string): ParsedAddress | null {
  if (text.startsWith('[') && text.endsWith(']')) {
    const v6 = parseIpv6(text.slice(1, -1));
    return v6 === null ? null : { family: 6, ...v6 };
  }
  const v4 = parseIpv4(text);
  if (v4 !== null) return { family: 4, bytes: v4 };
  if (!text.includes(':')) return null;
  const v6 = parseIpv6(text);
  return v6 === null ? null : { family: 6, ...v6 };
}

export function formatIpv4(bytes: Uint8Array): string {
  return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
}

/**
 * RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups (the first one
 * on a tie) written `::`; IPv4-mapped addresses as `::ffff:a.b.c.d`.
 */
export function formatIpv6(bytes: Uint8Array): string {
  if (startsWith(bytes, IPV4_MAPPED.prefix, 96)) return `::ffff:${formatIpv4(bytes.subarray(12))}`;
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (list: number[]) => list.map((g) => g.toString(16)).join(':');
  if (bestStart === -1) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

export function formatIpAddress(address: ParsedAddress): string {
  return address.family === 4 ? formatIpv4(address.bytes) : formatIpv6(address.bytes);
}

// ---------------------------------------------------------------------------------------------------
// Special-purpose blocks (IANA IPv4 and IPv6 Special-Purpose Address Registries, plus cloud metadata)

interface Block {
  cidr: string;
  prefix: Uint8Array;
  bits: number;
  kind: AddressKind;
  description: string;
}

function block(cidr: string, kind: AddressKind, description: string): Block {
  const [text = '', bitsText = ''] = cidr.split('/');
  const parsed = parseIpAddress(text);
  if (parsed === null) throw new Error(`bad block ${cidr}`);
  return { cidr, prefix: parsed.bytes, bits: Number(bitsText), kind, description };
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array, bits: number): boolean {
  const whole = bits >> 3;
  for (let i = 0; i < whole; i++) if (bytes[i] !== prefix[i]) return false;
  const rest = bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((bytes[whole] ?? 0) & mask) === ((prefix[whole] ?? 0) & mask);
}

/** Instance metadata services; refused even when private networks are allowed. Checked first. */
const METADATA_V4: readonly Block[] = [
  block('169.254.169.254/32', 'cloud-metadata', 'instance metadata (AWS, GCP, Azure, OpenStack, ...)'),
  block('169.254.170.2/32', 'cloud-metadata', 'AWS ECS task metadata'),
  block('100.100.100.200/32', 'cloud-metadata', 'Alibaba Cloud instance metadata'),
  block('192.0.0.192/32', 'cloud-metadata', 'Oracle Cloud instance metadata'),
];

/** Most specific first; the first match decides. */
const BLOCKS_V4: readonly Block[] = [
  ...METADATA_V4,
  block('0.0.0.0/32', 'unspecified', 'unspecified address'),
  block('0.0.0.0/8', 'reserved', '"this network" (RFC 791)'),
  block('10.0.0.0/8', 'private', 'private-use (RFC 1918)'),
  block('100.64.0.0/10', 'cgnat', 'shared address space, carrier-grade NAT (RFC 6598)'),
  block('127.0.0.0/8', 'loopback', 'loopback (RFC 1122)'),
  block('169.254.0.0/16', 'link-local', 'link-local (RFC 3927)'),
  block('172.16.0.0/12', 'private', 'private-use (RFC 1918)'),
  block('192.0.0.0/24', 'reserved', 'IETF protocol assignments (RFC 6890)'),
  block('192.0.2.0/24', 'reserved', 'documentation, TEST-NET-1 (RFC 5737)'),
  block('192.88.99.0/24', 'reserved', 'deprecated 6to4 relay anycast (RFC 7526)'),
  block('192.168.0.0/16', 'private', 'private-use (RFC 1918)'),
  block('198.18.0.0/15', 'reserved', 'benchmarking (RFC 2544)'),
  block('198.51.100.0/24', 'reserved', 'documentation, TEST-NET-2 (RFC 5737)'),
  block('203.0.113.0/24', 'reserved', 'documentation, TEST-NET-3 (RFC 5737)'),
  block('224.0.0.0/4', 'multicast', 'multicast (RFC 5771)'),
  block('255.255.255.255/32', 'broadcast', 'limited broadcast (RFC 919)'),
  block('240.0.0.0/4', 'reserved', 'reserved for future use (RFC 1112)'),
];

const IPV4_MAPPED = block('::ffff:0:0/96', 'reserved', 'IPv4-mapped IPv6');

/** IPv6 blocks that carry an IPv4 address; `at` is the byte offset of the IPv4 address. */
interface Embedding {
  block: Block;
  at: number;
  /** Teredo stores the client address inverted. */
  inverted?: boolean;
  /** The kind when the carried IPv4 address is public. */
  whenPublic: AddressKind;
}

const EMBEDDINGS: readonly Embedding[] = [
  { block: IPV4_MAPPED, at: 12, whenPublic: 'public' },
  {
    block: block('::ffff:0:0:0/96', 'reserved', 'IPv4-translated IPv6 (RFC 2765)'),
    at: 12,
    whenPublic: 'reserved',
  },
  {
    block: block('64:ff9b::/96', 'public', 'NAT64 well-known prefix (RFC 6052)'),
    at: 12,
    whenPublic: 'public',
  },
  {
    block: block('64:ff9b:1::/48', 'private', 'NAT64 local-use prefix (RFC 8215)'),
    at: 12,
    whenPublic: 'private',
  },
  { block: block('2002::/16', 'public', '6to4 (RFC 3056)'), at: 2, whenPublic: 'public' },
  {
    block: block('2001::/32', 'public', 'Teredo (RFC 4380)'),
    at: 12,
    inverted: true,
    whenPublic: 'public',
  },
  // After ::ffff:0:0/96 and ::ffff:0:0:0/96, which it contains.
  {
    block: block('::/96', 'reserved', 'deprecated IPv4-compatible IPv6 (RFC 4291)'),
    at: 12,
    whenPublic: 'reserved',
  },
];

/** Checked before the embeddings: `::` and `::1` also lie in the IPv4-compatible block `::/96`. */
const FIRST_BLOCKS_V6: readonly Block[] = [
  block('::/128', 'unspecified', 'unspecified address'),
  block('::1/128', 'loopback', 'loopback (RFC 4291)'),
  block('fd00:ec2::254/128', 'cloud-metadata', 'AWS instance metadata (IPv6)'),
];

/** Checked after the embeddings; most specific first. */
const BLOCKS_V6: readonly Block[] = [
  block('100::/64', 'reserved', 'discard-only (RFC 6666)'),
  block('2001:2::/48', 'reserved', 'benchmarking (RFC 5180)'),
  block('2001:10::/28', 'reserved', 'deprecated ORCHID (RFC 4843)'),
  block('2001:20::/28', 'reserved', 'ORCHIDv2 (RFC 7343)'),
  block('2001:db8::/32', 'reserved', 'documentation (RFC 3849)'),
  block('3fff::/20', 'reserved', 'documentation (RFC 9637)'),
  block('fc00::/7', 'private', 'unique local (RFC 4193)'),
  block('fe80::/10', 'link-local', 'link-local unicast (RFC 4291)'),
  block('fec0::/10', 'private', 'deprecated site-local (RFC 3879)'),
  block('ff00::/8', 'multicast', 'multicast (RFC 4291)'),
];

const GLOBAL_UNICAST_V6 = block('2000::/3', 'public', 'global unicast');

function classifyV4(bytes: Uint8Array): AddressClassification {
  const address = formatIpv4(bytes);
  for (const b of BLOCKS_V4) {
    if (startsWith(bytes, b.prefix, b.bits)) {
      return { kind: b.kind, family: 4, address, range: b.cidr, description: b.description };
    }
  }
  return { kind: 'public', family: 4, address, range: null, description: 'public' };
}

function classifyV6(bytes: Uint8Array): AddressClassification {
  const address = formatIpv6(bytes);
  for (const b of FIRST_BLOCKS_V6) {
    if (startsWith(bytes, b.prefix, b.bits)) {
      return { kind: b.kind, family: 6, address, range: b.cidr, description: b.description };
    }
  }
  for (const e of EMBEDDINGS) {
    if (!startsWith(bytes, e.block.prefix, e.block.bits)) continue;
    const v4 = bytes.slice(e.at, e.at + 4);
    if (e.inverted) for (let i = 0; i < 4; i++) v4[i] = ~(v4[i] ?? 0) & 0xff;
    const inner = classifyV4(v4);
    const embeddedIpv4 = inner.address;
    if (inner.kind === 'public') {
      return {
        kind: e.whenPublic,
        family: 6,
        address,
        range: e.whenPublic === 'public' ? null : e.block.cidr,
        description: `${e.block.description} carrying ${embeddedIpv4} (public)`,
        embeddedIpv4,
      };
    }
    return {
      kind: inner.kind,
      family: 6,
      address,
      range: inner.range,
      description: `${e.block.description} carrying ${embeddedIpv4}: ${inner.description}`,
      embeddedIpv4,
    };
  }
  for (const b of BLOCKS_V6) {
    if (startsWith(bytes, b.prefix, b.bits)) {
      return { kind: b.kind, family: 6, address, range: b.cidr, description: b.description };
    }
  }
  if (startsWith(bytes, GLOBAL_UNICAST_V6.prefix, GLOBAL_UNICAST_V6.bits)) {
    return { kind: 'public', family: 6, address, range: null, description: 'public' };
  }
  return {
    kind: 'reserved',
    family: 6,
    address,
    range: null,
    description: 'outside global unicast 2000::/3 (unassigned)',
  };
}

/** Classifies a canonical IP literal (see the module comment); null when `text` is not one. */
export function classifyAddress(text: string): AddressClassification | null {
  const parsed = parseIpAddress(text);
  if (parsed === null) return null;
  return parsed.family === 4 ? classifyV4(parsed.bytes) : classifyV6(parsed.bytes);
}

// ---------------------------------------------------------------------------------------------------
// Policy

export interface AddressPolicyOptions {
  /** Allow loopback, private-use, link-local and CGNAT addresses (tests, intranet crawls). */
  allowPrivateNetwork: boolean;
}

export interface FetchDecision {
  allowed: boolean;
  /** null when the text is not an IP literal. */
  kind: AddressKind | null;
  /** One sentence for logs and error messages. */
  reason: string;
}

/** Kinds `allowPrivateNetwork` opens. Everything else that is not public is always refused. */
const PRIVATE_NETWORK_KINDS: ReadonlySet<AddressKind> = new Set([
  'loopback',
  'private',
  'link-local',
  'cgnat',
]);

/**
 * May the crawler connect to `address`? Public addresses: yes. Loopback, private-use, link-local and CGNAT:
 * only with `allowPrivateNetwork`. Cloud metadata, unspecified (0.0.0.0 and :: reach the local host),
 * multicast, broadcast and reserved blocks: never. Not a canonical IP literal: never.
 */
export function isFetchAllowed(address: string, options: AddressPolicyOptions): FetchDecision {
  const c = classifyAddress(address);
  if (c === null) {
    return {
      allowed: false,
      kind: null,
      reason: `${JSON.stringify(address)} is not a canonical IP address literal`,
    };
  }
  const what = c.range === null ? `${c.address} is public` : `${c.address} is ${c.kind}: ${c.description}`;
  if (c.kind === 'public') return { allowed: true, kind: c.kind, reason: what };
  if (PRIVATE_NETWORK_KINDS.has(c.kind)) {
    return options.allowPrivateNetwork
      ? { allowed: true, kind: c.kind, reason: `${what}; allowed because private networks are allowed` }
      : { allowed: false, kind: c.kind, reason: `${what}; refused because private networks are not allowed` };
  }
  return { allowed: false, kind: c.kind, reason: `${what}; always refused` };
}

// ---------------------------------------------------------------------------------------------------
// --resolve HOST:PORT:ADDRESS

export interface ResolveSpec {
  /** Lower-case host name. */
  host: string;
  port: number;
  /** Canonical address (IPv6 without brackets). */
  address: string;
}

const HOST_NAME = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;

/**
 * Parses one curl-style `--resolve` entry: `HOST:PORT:ADDRESS`, ADDRESS an IPv4 literal or an IPv6
 * literal with or without brackets (`site.test:8080:[::1]`). curl's extensions (`+` prefix, `-` removal,
 * `*` wildcard host, several comma-separated addresses) are refused with a message saying so.
 */
export function parseResolveSpec(spec: string): ResolveSpec {
  function fail(why: string): never {
    throw new UsageError(`--resolve ${JSON.stringify(spec)}: ${why} (expected HOST:PORT:ADDRESS)`);
  }
  if (spec.startsWith('+') || spec.startsWith('-')) fail('the curl "+" and "-" forms are not supported');
  const first = spec.indexOf(':');
  const second = first === -1 ? -1 : spec.indexOf(':', first + 1);
  if (first === -1 || second === -1) fail('missing ":"');
  const host = spec.slice(0, first).toLowerCase();
  const portText = spec.slice(first + 1, second);
  let addressText = spec.slice(second + 1);

  if (host === '') fail('the host is empty');
  if (host.includes('*')) fail('wildcard hosts are not supported');
  if (host.startsWith('[')) fail('the host must be a name, not an IPv6 literal');
  if (!HOST_NAME.test(host.endsWith('.') ? host.slice(0, -1) : host)) {
    fail(`${JSON.stringify(host)} is not a valid host name`);
  }

  if (!/^\d{1,5}$/.test(portText)) fail(`the port ${JSON.stringify(portText)} is not a number`);
  const port = Number(portText);
  if (port < 1 || port > 65535) fail(`the port ${port} is not between 1 and 65535`);

  if (addressText === '') fail('the address is empty');
  if (addressText.includes(',')) fail('only one address per entry is supported');
  const bracketed = addressText.startsWith('[');
  if (bracketed) {
    if (!addressText.endsWith(']')) fail('unbalanced "[" in the address');
    addressText = addressText.slice(1, -1);
  }
  const v6 = bracketed ? parseIpv6(addressText) : null;
  const address: ParsedAddress | null = bracketed ? v6 && { family: 6, ...v6 } : parseIpAddress(addressText);
  if (address === null) fail(`${JSON.stringify(addressText)} is not an IP address`);
  if (address.zone !== undefined) fail('IPv6 zone ids are not supported');
  return { host: host.endsWith('.') ? host.slice(0, -1) : host, port, address: formatIpAddress(address) };
}
