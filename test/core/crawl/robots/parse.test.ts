/**
 * parseRobots: the structure it builds, and Google's parser-callback expectations (robots_test.cc
 * ID_LinesNumbersAreCountedCorrectly, ID_UTF8ByteOrderMarkIsSkipped, ID_NonStandardLineExample_Sitemap;
 * listed in ../shared/data/conformance/google-robotstxt.SKIPPED.txt) ported to its statistics.
 */
import { describe, expect, it } from 'vitest';
import { decodeRobotsBody } from '../../../../src/core/crawl/robots/decode.ts';
import { MAX_LINE_BYTES } from '../../../../src/core/crawl/robots/lines.ts';
import { parseCrawlDelay, parseRobots } from '../../../../src/core/crawl/robots/parse.ts';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('parseRobots: groups', () => {
  it('builds groups of agents, ordered rules and crawl-delay, and the sitemaps', () => {
    const robots = parseRobots(
      [
        'Sitemap: https://example.com/a.xml',
        'User-agent: Googlebot/2.1',
        'User-agent: bingbot',
        'Disallow: /private',
        'Allow: /private/ok',
        'Crawl-delay: 2.5',
        '',
        'User-agent: *',
        'Disallow:',
        'Sitemap: https://example.com/b.xml',
      ].join('\n'),
    );
    expect(robots.groups).toEqual([
      {
        agents: ['googlebot', 'bingbot'],
        rules: [
          { type: 'disallow', pattern: '/private', line: 4 },
          { type: 'allow', pattern: '/private/ok', line: 5 },
        ],
        crawlDelay: 2.5,
        line: 2,
      },
      { agents: ['*'], rules: [{ type: 'disallow', pattern: '', line: 9 }], crawlDelay: null, line: 8 },
    ]);
    expect(robots.sitemaps).toEqual(['https://example.com/a.xml', 'https://example.com/b.xml']);
    expect(robots.stats).toEqual({ lines: 10, directives: 9, unknown: 0 });
  });

  it('ignores rules before the first user-agent line', () => {
    const robots = parseRobots('Disallow: /\nCrawl-delay: 9\nUser-agent: a\nAllow: /x\n');
    expect(robots.groups).toEqual([
      { agents: ['a'], rules: [{ type: 'allow', pattern: '/x', line: 4 }], crawlDelay: null, line: 3 },
    ]);
  });

  it('keeps agents together across blank, comment, sitemap, crawl-delay and unknown lines', () => {
    const robots = parseRobots(
      'User-agent: a\n\n# c\nSitemap: /s\nCrawl-delay: 1\nFoo: bar\nUser-agent: b\nDisallow: /\n',
    );
    expect(robots.groups).toHaveLength(1);
    expect(robots.groups[0]!.agents).toEqual(['a', 'b']);
    expect(robots.groups[0]!.crawlDelay).toBe(1);
  });

  it('starts a new group at a user-agent line after a rule, and keeps a group without rules', () => {
    const robots = parseRobots('User-agent: a\nDisallow: /a\nUser-agent: b\nUser-agent: c\n');
    expect(robots.groups.map((g) => g.agents)).toEqual([['a'], ['b', 'c']]);
    expect(robots.groups[1]!.rules).toEqual([]);
  });

  it('accepts the key typos Google accepts, any case, and prefixes of longer keys', () => {
    const robots = parseRobots(
      [
        'useragent: a',
        'user agent: b',
        'USER-AGENT: c',
        'dissallow: /1',
        'dissalow: /2',
        'disalow: /3',
        'diasllow: /4',
        'disallaw: /5',
        'Disallowed: /6',
        'ALLOW: /7',
        'site-map: /s',
        'disalloww: /8',
        'dissallaw: /unknown',
      ].join('\n'),
    );
    expect(robots.groups[0]!.agents).toEqual(['a', 'b', 'c']);
    expect(robots.groups[0]!.rules.map((r) => `${r.type} ${r.pattern}`)).toEqual([
      'disallow /1',
      'disallow /2',
      'disallow /3',
      'disallow /4',
      'disallow /5',
      'disallow /6',
      'allow /7',
      'disallow /8',
    ]);
    expect(robots.sitemaps).toEqual(['/s']);
    expect(robots.stats.unknown).toBe(1);
  });

  it('separates key and value by a colon, or by whitespace when there are exactly two words', () => {
    const robots = parseRobots(
      'user-agent a\ndisallow /x\ndisallow\t/y\nallow /z /w\ndisallow : /v\n  allow:/u  \nallow: /a:b\n',
    );
    expect(robots.groups[0]!.rules.map((r) => `${r.type} ${r.pattern}`)).toEqual([
      'disallow /x',
      'disallow /y',
      'disallow /v',
      'allow /u',
      'allow /a:b',
    ]);
  });

  it('strips # comments anywhere and skips lines without a key', () => {
    const robots = parseRobots('user-agent: a # me\ndisallow: /p#q\n# disallow: /\n: /nokey\nnokeyorvalue\n');
    expect(robots.groups[0]!.agents).toEqual(['a']);
    expect(robots.groups[0]!.rules.map((r) => r.pattern)).toEqual(['/p']);
    expect(robots.stats).toEqual({ lines: 6, directives: 2, unknown: 0 });
  });

  it('escapes rule patterns but not user-agent or sitemap values', () => {
    const robots = parseRobots('Sitemap: https://example.com/é.xml\nUser-agent: a\nDisallow: /é%aa\n');
    expect(robots.sitemaps).toEqual(['https://example.com/é.xml']);
    expect(robots.groups[0]!.rules[0]!.pattern).toBe('/%C3%A9%AA');
  });

  it('reads a value with no product token as no agent, and "*" followed by text as "*"', () => {
    const robots = parseRobots('User-agent: /bot\nUser-agent: * everyone\nDisallow: /\n');
    expect(robots.groups[0]!.agents).toEqual(['*']);
  });

  it('parses any string, including a truncated final line', () => {
    const robots = parseRobots('User-agent: a\nDisallow: /priv');
    expect(robots.groups[0]!.rules).toEqual([{ type: 'disallow', pattern: '/priv', line: 2 }]);
    expect(parseRobots('').groups).toEqual([]);
    expect(parseRobots('\u0000\uffff\ud800:::').groups).toEqual([]);
  });

  it('cuts a line after MAX_LINE_BYTES bytes of UTF-8 and drops a character straddling the limit', () => {
    const prefix = 'disallow: ';
    const ascii = parseRobots(`user-agent: a\n${prefix}/${'a'.repeat(MAX_LINE_BYTES)}\n`);
    expect(ascii.groups[0]!.rules[0]!.pattern).toHaveLength(MAX_LINE_BYTES - prefix.length);
    // 'é' is 2 bytes: with one byte of room left it is dropped whole.
    const room = MAX_LINE_BYTES - prefix.length - 1;
    const wide = parseRobots(`user-agent: a\n${prefix}${'/'.repeat(room)}é\n`);
    expect(wide.groups[0]!.rules[0]!.pattern).toBe('/'.repeat(room));
  });

  it('cuts a line at a NUL character, as Google (C strings) does', () => {
    expect(parseRobots('user-agent: a\ndisallow: /x\u0000y\n').groups[0]!.rules[0]!.pattern).toBe('/x');
  });
});

describe('parseRobots: crawl-delay', () => {
  it('takes non-negative decimal seconds and keeps the largest of a group', () => {
    expect(
      parseRobots('User-agent: a\nCrawl-delay: 3\nCrawl-delay: 10\nCrawl-delay: 1\n').groups[0]!.crawlDelay,
    ).toBe(10);
    expect(['5', '0.5', '.5', '7.', '0'].map(parseCrawlDelay)).toEqual([5, 0.5, 0.5, 7, 0]);
    expect(['', '-1', '1e3', 'ten', '1,5', 'Infinity', ' 2'].map(parseCrawlDelay)).toEqual(
      Array(7).fill(null),
    );
  });
});

describe('parseRobots: Google parser-callback expectations', () => {
  // ID_LinesNumbersAreCountedCorrectly: 4 directives, the last on line 6, whatever the line ends.
  it.each([
    ['LF', 'User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /\n'],
    ['CRLF', 'User-Agent: foo\r\nAllow: /some/path\r\nUser-Agent: bar\r\n\r\n\r\nDisallow: /\r\n'],
    ['CR', 'User-Agent: foo\rAllow: /some/path\rUser-Agent: bar\r\r\rDisallow: /\r'],
    ['no final line end', 'User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /'],
    ['mixed', 'User-Agent: foo\nAllow: /some/path\r\nUser-Agent: bar\n\r\n\nDisallow: /'],
  ])('counts lines with %s line ends', (_, body) => {
    const robots = parseRobots(body);
    expect(robots.stats.directives).toBe(4);
    const lastDirective = Math.max(...robots.groups.flatMap((g) => [g.line, ...g.rules.map((r) => r.line)]));
    expect(lastDirective).toBe(6);
    expect(robots.groups.map((g) => g.agents)).toEqual([['foo'], ['bar']]);
  });

  // ID_UTF8ByteOrderMarkIsSkipped: bytes decoded as a fetcher would (decodeRobotsBody), then parsed.
  it.each([
    ['a full BOM', bytes([0xef, 0xbb, 0xbf], 'User-Agent: foo\nAllow: /AnyValue\n'), 2, 0],
    ['a partial BOM (2 bytes)', bytes([0xef, 0xbb], 'User-Agent: foo\nAllow: /AnyValue\n'), 2, 0],
    ['a partial BOM (1 byte)', bytes([0xef], 'User-Agent: foo\nAllow: /AnyValue\n'), 2, 0],
    ['a broken BOM', bytes([0xef, 0x11, 0xbf], 'User-Agent: foo\nAllow: /AnyValue\n'), 1, 1],
    ['a BOM in the middle', bytes('User-Agent: foo\n', [0xef, 0xbb, 0xbf], 'Allow: /AnyValue\n'), 1, 1],
  ])('skips %s only at the start', (_, body, directives, unknown) => {
    const robots = parseRobots(decodeRobotsBody(body));
    expect(robots.stats.directives).toBe(directives);
    expect(robots.stats.unknown).toBe(unknown);
  });

  it('skips a BOM (U+FEFF) at the start of an already decoded string', () => {
    expect(parseRobots('\ufeffUser-Agent: foo\nAllow: /x\n').stats).toMatchObject({
      directives: 2,
      unknown: 0,
    });
  });

  // ID_NonStandardLineExample_Sitemap: a sitemap line anywhere in the file.
  it.each([
    [
      'after the groups',
      'User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nSitemap: http://foo.bar/sitemap.xml\n',
    ],
    [
      'before the groups',
      'Sitemap: http://foo.bar/sitemap.xml\nUser-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\n',
    ],
  ])('reads a sitemap %s', (_, body) => {
    expect(parseRobots(body).sitemaps).toEqual(['http://foo.bar/sitemap.xml']);
  });
});
