import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  domainParts,
  publicRegistrableDomain,
  registrableDomain,
  reverseHost,
  unreverseHost,
} from '../../../src/core/url/host-keys.ts';
import { sharedData } from '../../support/paths.ts';

/** The Public Suffix List's own test cases: `input expected` per line, `null` for none. */
function pslCases(): Array<[string, string | null]> {
  return readFileSync(sharedData('publicsuffix-tests', 'tests.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('//'))
    .map((line) => {
      const [input = '', expected = ''] = line.trim().split(/\s+/);
      return [input, expected === 'null' ? null : expected];
    });
}

describe('registrable domain (Public Suffix List test cases)', () => {
  const cases = pslCases().filter(([input]) => input !== 'null');
  it('has the upstream cases', () => {
    expect(cases.length).toBeGreaterThan(60);
  });
  it.each(cases)('%s -> %s', (input, expected) => {
    // The PSL tests use Unicode IDN inputs; WHATWG hosts reach us in punycode, so compare both forms.
    const host = new URL(`http://${input}/`).hostname;
    const got = publicRegistrableDomain(host);
    const want = expected === null ? null : new URL(`http://${expected}/`).hostname;
    expect(got).toBe(want);
  });
});

describe('host keys', () => {
  it('reverses host names the way Common Crawl writes them', () => {
    expect(reverseHost('www.example.com')).toBe('com.example.www');
    expect(unreverseHost('com.example.www')).toBe('www.example.com');
    expect(reverseHost('127.0.0.1')).toBe('127.0.0.1');
  });
  it('treats private suffixes as separate sites and IPs as their own domain', () => {
    expect(registrableDomain('alice.blogspot.com')).toBe('alice.blogspot.com');
    expect(registrableDomain('news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(domainParts('192.168.0.1')).toMatchObject({ domain: '192.168.0.1', isIp: true });
    expect(registrableDomain('localhost')).toBe('localhost');
  });
});
