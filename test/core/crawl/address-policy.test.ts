import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AddressKind,
  classifyAddress,
  formatIpv6,
  isFetchAllowed,
  parseIpAddress,
  parseIpv6,
  parseResolveSpec,
} from '../../../src/core/crawl/address-policy.ts';
import { UsageError } from '../../../src/core/errors.ts';

const KIND_CASES: Array<[string, AddressKind]> = [
  // public IPv4, including the edges just outside special blocks
  ['8.8.8.8', 'public'],
  ['1.1.1.1', 'public'],
  ['1.0.0.0', 'public'],
  ['9.255.255.255', 'public'],
  ['11.0.0.0', 'public'],
  ['100.63.255.255', 'public'],
  ['100.128.0.0', 'public'],
  ['126.255.255.255', 'public'],
  ['128.0.0.0', 'public'],
  ['169.253.255.255', 'public'],
  ['169.255.0.0', 'public'],
  ['172.15.255.255', 'public'],
  ['172.32.0.0', 'public'],
  ['192.0.1.0', 'public'],
  ['192.0.3.0', 'public'],
  ['192.167.255.255', 'public'],
  ['192.169.0.0', 'public'],
  ['198.17.255.255', 'public'],
  ['198.20.0.0', 'public'],
  ['223.255.255.255', 'public'],
  // loopback
  ['127.0.0.1', 'loopback'],
  ['127.0.0.0', 'loopback'],
  ['127.255.255.255', 'loopback'],
  ['127.1.2.3', 'loopback'],
  // private-use
  ['10.0.0.0', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.0', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.0.0', 'private'],
  ['192.168.255.255', 'private'],
  // link-local and cloud metadata
  ['169.254.0.0', 'link-local'],
  ['169.254.255.255', 'link-local'],
  ['169.254.169.253', 'link-local'],
  ['169.254.169.254', 'cloud-metadata'],
  ['169.254.170.2', 'cloud-metadata'],
  ['100.100.100.200', 'cloud-metadata'],
  ['192.0.0.192', 'cloud-metadata'],
  // this network, CGNAT, special blocks
  ['0.0.0.0', 'unspecified'],
  ['0.0.0.1', 'reserved'],
  ['0.255.255.255', 'reserved'],
  ['100.64.0.0', 'cgnat'],
  ['100.127.255.255', 'cgnat'],
  ['100.100.100.199', 'cgnat'],
  ['192.0.0.0', 'reserved'],
  ['192.0.0.255', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['192.88.99.1', 'reserved'],
  ['198.18.0.0', 'reserved'],
  ['198.19.255.255', 'reserved'],
  ['224.0.0.0', 'multicast'],
  ['239.255.255.255', 'multicast'],
  ['240.0.0.0', 'reserved'],
  ['255.255.255.254', 'reserved'],
  ['255.255.255.255', 'broadcast'],
  // IPv6 basics
  ['::', 'unspecified'],
  ['0:0:0:0:0:0:0:0', 'unspecified'],
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['[::1]', 'loopback'],
  ['2606:4700:4700::1111', 'public'],
  ['2001:4860:4860::8888', 'public'],
  ['2a00:1450:4001:82a::200e', 'public'],
  ['fc00::1', 'private'],
  ['fdff:ffff::1', 'private'],
  ['fbff::1', 'reserved'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf:ffff::1', 'link-local'],
  ['fec0::1', 'private'],
  ['ff02::1', 'multicast'],
  ['ff00::', 'multicast'],
  ['fd00:ec2::254', 'cloud-metadata'],
  ['FD00:EC2:0:0:0:0:0:254', 'cloud-metadata'],
  ['fd00:ec2::253', 'private'],
  ['2001:db8::1', 'reserved'],
  ['3fff::1', 'reserved'],
  ['100::1', 'reserved'],
  ['2001:2::1', 'reserved'],
  ['2001:10::1', 'reserved'],
  ['1::', 'reserved'],
  ['4000::1', 'reserved'],
  // IPv4 carried in IPv6
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::FFFF:7F00:0001', 'loopback'],
  ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
  ['::ffff:10.1.2.3', 'private'],
  ['::ffff:a01:203', 'private'],
  ['::ffff:169.254.169.254', 'cloud-metadata'],
  ['::ffff:a9fe:a9fe', 'cloud-metadata'],
  ['::ffff:0.0.0.0', 'unspecified'],
  ['::ffff:8.8.8.8', 'public'],
  ['::ffff:808:808', 'public'],
  ['::127.0.0.1', 'loopback'],
  ['::7f00:1', 'loopback'],
  ['::10.0.0.1', 'private'],
  ['::8.8.8.8', 'reserved'],
  ['::2', 'reserved'],
  ['::ffff:0:10.0.0.1', 'private'],
  ['::ffff:0:8.8.8.8', 'reserved'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['64:ff9b::a00:1', 'private'],
  ['64:ff9b::127.0.0.1', 'loopback'],
  ['64:ff9b::169.254.169.254', 'cloud-metadata'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['64:ff9b:1::8.8.8.8', 'private'],
  ['64:ff9b:1::192.168.0.1', 'private'],
  ['64:ff9b:1::127.0.0.1', 'loopback'],
  ['2002:c0a8:101::1', 'private'],
  ['2002:7f00:1::', 'loopback'],
  ['2002:a9fe:a9fe::1', 'cloud-metadata'],
  ['2002:808:808::1', 'public'],
  // Teredo: the client address is stored inverted in the last 32 bits (RFC 4380's example is 192.0.2.45)
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
  ['2001:0:1:2::80ff:fffe', 'loopback'],
  ['2001:0:1:2::f7f7:f7f7', 'public'],
];

describe('classifyAddress', () => {
  it.each(KIND_CASES)('%s is %s', (address, kind) => {
    expect(classifyAddress(address)?.kind).toBe(kind);
  });

  it('names the block that decided, and the carried IPv4 address', () => {
    expect(classifyAddress('172.20.1.1')).toEqual({
      kind: 'private',
      family: 4,
      address: '172.20.1.1',
      range: '172.16.0.0/12',
      description: 'private-use (RFC 1918)',
    });
    expect(classifyAddress('::ffff:7f00:1')).toMatchObject({
      kind: 'loopback',
      family: 6,
      address: '::ffff:127.0.0.1',
      range: '127.0.0.0/8',
      embeddedIpv4: '127.0.0.1',
    });
    expect(classifyAddress('8.8.4.4')).toMatchObject({ range: null, description: 'public' });
  });

  it.each([
    ['', 'empty'],
    ['localhost', 'a name'],
    ['example.com', 'a name'],
    ['1.2.3', 'three parts'],
    ['1.2.3.4.5', 'five parts'],
    ['256.0.0.1', 'a part above 255'],
    ['010.0.0.1', 'a leading zero (octal for inet_aton)'],
    ['127.000.000.001', 'leading zeros'],
    ['0x7f.0.0.1', 'hex'],
    ['2130706433', 'a decimal number'],
    ['127.1', 'the short form'],
    [' 127.0.0.1', 'spaces'],
    ['127.0.0.1.', 'a trailing dot'],
    ['1:2:3:4:5:6:7', 'seven groups'],
    ['1:2:3:4:5:6:7:8:9', 'nine groups'],
    ['1::2::3', 'two "::"'],
    ['1:2:3:4::5:6:7:8', '"::" standing for no group'],
    ['12345::', 'a five-digit group'],
    ['::g', 'a non-hex digit'],
    [':1::', 'a lone leading colon'],
    ['::ffff:127.0.0', 'a short IPv4 tail'],
    ['::ffff:127.0.0.1:1', 'an IPv4 tail not at the end'],
    ['[::1', 'an unclosed bracket'],
    ['[127.0.0.1]', 'IPv4 in brackets'],
    ['fe80::1%', 'an empty zone'],
  ])('%j is not an address (%s)', (text) => {
    expect(classifyAddress(text)).toBeNull();
  });

  it('agrees with a direct reading of the IPv4 special-purpose table on random addresses', () => {
    // An independent reference: ranges as [first, last] integers.
    const ranges: Array<[number, number, AddressKind]> = [
      [ip('169.254.169.254'), ip('169.254.169.254'), 'cloud-metadata'],
      [ip('169.254.170.2'), ip('169.254.170.2'), 'cloud-metadata'],
      [ip('100.100.100.200'), ip('100.100.100.200'), 'cloud-metadata'],
      [ip('192.0.0.192'), ip('192.0.0.192'), 'cloud-metadata'],
      [0, 0, 'unspecified'],
      [0, ip('0.255.255.255'), 'reserved'],
      [ip('10.0.0.0'), ip('10.255.255.255'), 'private'],
      [ip('100.64.0.0'), ip('100.127.255.255'), 'cgnat'],
      [ip('127.0.0.0'), ip('127.255.255.255'), 'loopback'],
      [ip('169.254.0.0'), ip('169.254.255.255'), 'link-local'],
      [ip('172.16.0.0'), ip('172.31.255.255'), 'private'],
      [ip('192.0.0.0'), ip('192.0.0.255'), 'reserved'],
      [ip('192.0.2.0'), ip('192.0.2.255'), 'reserved'],
      [ip('192.88.99.0'), ip('192.88.99.255'), 'reserved'],
      [ip('192.168.0.0'), ip('192.168.255.255'), 'private'],
      [ip('198.18.0.0'), ip('198.19.255.255'), 'reserved'],
      [ip('198.51.100.0'), ip('198.51.100.255'), 'reserved'],
      [ip('203.0.113.0'), ip('203.0.113.255'), 'reserved'],
      [ip('224.0.0.0'), ip('239.255.255.255'), 'multicast'],
      [ip('255.255.255.255'), ip('255.255.255.255'), 'broadcast'],
      [ip('240.0.0.0'), ip('255.255.255.255'), 'reserved'],
    ];
    const reference = (n: number): AddressKind =>
      ranges.find(([first, last]) => n >= first && n <= last)?.[2] ?? 'public';
    // Bias towards the edges of the blocks, where off-by-one errors live.
    const edges = ranges.flatMap(([first, last]) => [first - 1, first, last, last + 1]).filter(isUint32);
    const address = fc.oneof(
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.constantFrom(...edges),
      fc.constantFrom(...edges).chain((e) => fc.integer({ min: Math.max(0, e - 300), max: e })),
    );
    fc.assert(
      fc.property(address, (n) => {
        const text = dotted(n);
        expect(classifyAddress(text)?.kind).toBe(reference(n));
        // The same address mapped into IPv6 gets the same kind (public stays public).
        expect(classifyAddress(`::ffff:${text}`)?.kind).toBe(reference(n));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('IPv6 text', () => {
  it.each([
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['FE80::ABCD', 'fe80::abcd'],
    ['::ffff:7f00:1', '::ffff:127.0.0.1'],
    ['::7f00:1', '::7f00:1'],
    ['1:0:0:0:0:0:0:0', '1::'],
  ])('%s is written %s', (input, canonical) => {
    expect(classifyAddress(input)?.address).toBe(canonical);
  });

  it('formats as WHATWG URL serialises hosts and reads that form back (random addresses)', () => {
    const bytes = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => {
      // Runs of zero groups, so that "::" compression is exercised.
      const out = Uint8Array.from(b);
      for (let g = 0; g < 8; g++) if (((b[g] ?? 0) & 3) === 0) out.fill(0, 2 * g, 2 * g + 2);
      return out;
    });
    fc.assert(
      fc.property(bytes, (b) => {
        const isMapped = b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
        const text = formatIpv6(b);
        const whatwg = new URL(`http://[${text}]/`).hostname.slice(1, -1);
        if (!isMapped) expect(text).toBe(whatwg);
        expect(parseIpv6(whatwg)?.bytes).toEqual(b);
        expect(parseIpAddress(text)?.bytes).toEqual(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the address WHATWG URL makes of odd IPv4 hosts (the crawler classifies that form)', () => {
    for (const host of ['2130706433', '0x7f.1', '017700000001', '127.1', '0177.0.0.01']) {
      const hostname = new URL(`http://${host}/`).hostname;
      expect(hostname).toBe('127.0.0.1');
      expect(classifyAddress(hostname)?.kind).toBe('loopback');
    }
    expect(new URL('http://[::ffff:127.0.0.1]/').hostname).toBe('[::ffff:7f00:1]');
    expect(classifyAddress(new URL('http://[::ffff:127.0.0.1]/').hostname)?.kind).toBe('loopback');
  });
});

describe('isFetchAllowed', () => {
  const cases: Array<[string, boolean, boolean]> = [
    // address, allowed without private networks, allowed with them
    ['93.184.216.34', true, true],
    ['2606:4700::1111', true, true],
    ['::ffff:8.8.8.8', true, true],
    ['64:ff9b::8.8.8.8', true, true],
    ['127.0.0.1', false, true],
    ['::1', false, true],
    ['::ffff:127.0.0.1', false, true],
    ['10.1.2.3', false, true],
    ['172.16.5.4', false, true],
    ['192.168.1.1', false, true],
    ['fd12:3456::1', false, true],
    ['169.254.1.1', false, true],
    ['fe80::1', false, true],
    ['100.64.0.1', false, true],
    ['64:ff9b::192.168.0.1', false, true],
    ['169.254.169.254', false, false],
    ['::ffff:169.254.169.254', false, false],
    ['fd00:ec2::254', false, false],
    ['100.100.100.200', false, false],
    ['0.0.0.0', false, false],
    ['::', false, false],
    ['224.0.0.1', false, false],
    ['ff02::1', false, false],
    ['255.255.255.255', false, false],
    ['240.0.0.1', false, false],
    ['198.18.0.1', false, false],
    ['192.0.2.1', false, false],
    ['2001:db8::1', false, false],
    ['localhost', false, false],
    ['010.0.0.1', false, false],
  ];
  it.each(cases)('%s: %s without private networks, %s with them', (address, strict, open) => {
    expect(isFetchAllowed(address, { allowPrivateNetwork: false }).allowed).toBe(strict);
    expect(isFetchAllowed(address, { allowPrivateNetwork: true }).allowed).toBe(open);
  });

  it('says why', () => {
    expect(isFetchAllowed('10.0.0.1', { allowPrivateNetwork: false })).toEqual({
      allowed: false,
      kind: 'private',
      reason: '10.0.0.1 is private: private-use (RFC 1918); refused because private networks are not allowed',
    });
    expect(isFetchAllowed('169.254.169.254', { allowPrivateNetwork: true }).reason).toMatch(
      /cloud-metadata.*always refused/,
    );
    expect(isFetchAllowed('nope', { allowPrivateNetwork: true })).toEqual({
      allowed: false,
      kind: null,
      reason: '"nope" is not a canonical IP address literal',
    });
    expect(isFetchAllowed('1.1.1.1', { allowPrivateNetwork: false })).toEqual({
      allowed: true,
      kind: 'public',
      reason: '1.1.1.1 is public',
    });
  });
});

describe('parseResolveSpec', () => {
  it.each([
    ['site-a.test:8080:127.0.0.1', { host: 'site-a.test', port: 8080, address: '127.0.0.1' }],
    ['Site-A.TEST:1:127.0.0.1', { host: 'site-a.test', port: 1, address: '127.0.0.1' }],
    ['blog.site-a.test:65535:10.0.0.2', { host: 'blog.site-a.test', port: 65535, address: '10.0.0.2' }],
    ['example.com:443:[::1]', { host: 'example.com', port: 443, address: '::1' }],
    ['example.com:443:[2001:DB8:0::1]', { host: 'example.com', port: 443, address: '2001:db8::1' }],
    ['example.com:443:2001:db8::1', { host: 'example.com', port: 443, address: '2001:db8::1' }],
    ['example.com:443:[::ffff:127.0.0.1]', { host: 'example.com', port: 443, address: '::ffff:127.0.0.1' }],
    ['example.com.:80:1.2.3.4', { host: 'example.com', port: 80, address: '1.2.3.4' }],
    ['under_score.test:80:1.2.3.4', { host: 'under_score.test', port: 80, address: '1.2.3.4' }],
    ['xn--bcher-kva.test:80:1.2.3.4', { host: 'xn--bcher-kva.test', port: 80, address: '1.2.3.4' }],
  ])('%s', (spec, want) => {
    expect(parseResolveSpec(spec)).toEqual(want);
  });

  it.each([
    ['', /missing ":"/],
    ['site.test', /missing ":"/],
    ['site.test:80', /missing ":"/],
    [':80:127.0.0.1', /host is empty/],
    ['*:80:127.0.0.1', /wildcard/],
    ['*.site.test:80:127.0.0.1', /wildcard/],
    ['+site.test:80:127.0.0.1', /"\+" and "-" forms/],
    ['-site.test:80', /"\+" and "-" forms/],
    ['[::1]:80:127.0.0.1', /not an IPv6 literal/],
    ['bad host:80:127.0.0.1', /not a valid host name/],
    ['-bad.test:80:127.0.0.1', /"\+" and "-" forms/],
    ['bad-.test:80:127.0.0.1', /not a valid host name/],
    ['a..test:80:127.0.0.1', /not a valid host name/],
    ['site.test::127.0.0.1', /port "" is not a number/],
    ['site.test:http:127.0.0.1', /port "http" is not a number/],
    ['site.test:-1:127.0.0.1', /port "-1" is not a number/],
    ['site.test:0:127.0.0.1', /port 0 is not between 1 and 65535/],
    ['site.test:65536:127.0.0.1', /port 65536 is not between 1 and 65535/],
    ['site.test:123456:127.0.0.1', /port "123456" is not a number/],
    ['site.test:80:', /address is empty/],
    ['site.test:80:localhost', /"localhost" is not an IP address/],
    ['site.test:80:127.0.0.1,127.0.0.2', /one address per entry/],
    ['site.test:80:127.1', /"127.1" is not an IP address/],
    ['site.test:80:[127.0.0.1]', /"127.0.0.1" is not an IP address/],
    ['site.test:80:[::1', /unbalanced/],
    ['site.test:80:[fe80::1%eth0]', /zone ids/],
  ])('%j is refused (%s)', (spec, message) => {
    let error: unknown;
    try {
      parseResolveSpec(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe('USAGE');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(`--resolve ${JSON.stringify(spec)}`);
  });
});

function ip(text: string): number {
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function dotted(n: number): string {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

function isUint32(n: number): boolean {
  return n >= 0 && n <= 0xffffffff;
}
