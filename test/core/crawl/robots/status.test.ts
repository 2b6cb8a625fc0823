/** What a robots.txt fetch result means (RFC 9309 2.3.1, Google's reading), and how fetched bytes are read. */
import { describe, expect, it } from 'vitest';
import { decodeRobotsBody, ROBOTS_MAX_BYTES } from '../../../../src/core/crawl/robots/decode.ts';
import { isAllowed } from '../../../../src/core/crawl/robots/match.ts';
import { parseRobots } from '../../../../src/core/crawl/robots/parse.ts';
import { robotsForStatus, robotsFromFetch } from '../../../../src/core/crawl/robots/status.ts';

describe('robotsForStatus', () => {
  it('parses 2xx, allows all on 3xx (redirects given up) and 4xx, disallows on 429, 5xx and no answer', () => {
    expect([200, 204, 299].map(robotsForStatus)).toEqual(['parse', 'parse', 'parse']);
    expect([301, 399].map(robotsForStatus)).toEqual(['allow-all', 'allow-all']);
    expect([400, 401, 403, 404, 410, 451, 499].map(robotsForStatus)).toEqual(Array(7).fill('allow-all'));
    expect([429, 500, 503, 599].map(robotsForStatus)).toEqual(Array(4).fill('disallow-all'));
    expect(robotsForStatus('unreachable')).toBe('disallow-all');
    expect([0, 100, 600, 200.5, Number.NaN].map(robotsForStatus)).toEqual(Array(5).fill('disallow-all'));
  });
});

describe('robotsFromFetch', () => {
  const body = 'User-agent: *\nDisallow: /private\n';
  const ua = 'linkledger/0.1';

  it('obeys the body only for 2xx', () => {
    expect(isAllowed(robotsFromFetch(200, body), ua, 'https://a.example/private')).toBe(false);
    expect(isAllowed(robotsFromFetch(200, body), ua, 'https://a.example/public')).toBe(true);
    expect(isAllowed(robotsFromFetch(404, body), ua, 'https://a.example/private')).toBe(true);
    expect(isAllowed(robotsFromFetch(503, body), ua, 'https://a.example/public')).toBe(false);
    expect(isAllowed(robotsFromFetch('unreachable', ''), ua, 'https://a.example/robots.txt')).toBe(true);
  });
});

describe('decodeRobotsBody', () => {
  it('decodes UTF-8, invalid bytes as U+FFFD', () => {
    expect(decodeRobotsBody(new TextEncoder().encode('Disallow: /ツ'))).toBe('Disallow: /ツ');
    expect(decodeRobotsBody(Uint8Array.from([0x2f, 0xff, 0x2f]))).toBe('/\ufffd/');
  });

  it(`reads the first ${ROBOTS_MAX_BYTES} bytes (500 KiB) and parses a line cut there`, () => {
    const head = 'User-agent: *\nDisallow: /a\n';
    const filler = `#${'x'.repeat(ROBOTS_MAX_BYTES - head.length - 'Disallow: /b'.length - 2)}\n`;
    const text = `${head}${filler}Disallow: /b-cut-here\nDisallow: /c\n`;
    const decoded = decodeRobotsBody(new TextEncoder().encode(text));
    expect(new TextEncoder().encode(decoded).length).toBe(ROBOTS_MAX_BYTES);
    const robots = parseRobots(decoded);
    expect(robots.groups[0]!.rules.map((r) => r.pattern)).toEqual(['/a', '/b']);
  });
});
