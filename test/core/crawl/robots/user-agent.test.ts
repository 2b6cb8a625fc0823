/** Product tokens: Google's IsValidUserAgentToObey vectors (robots_test.cc lines 182-194, 237) and group agents. */
import { describe, expect, it } from 'vitest';
import {
  groupAgentOf,
  isValidUserAgentToObey,
  productToken,
} from '../../../../src/core/crawl/robots/user-agent.ts';

describe('isValidUserAgentToObey', () => {
  it.each([
    ['Foobot', true],
    ['Foobot-Bar', true],
    ['Foo_Bar', true],
    ['', false], // lines 186 (a null string_view) and 187
    ['ツ', false],
    ['Foobot*', false],
    [' Foobot ', false],
    ['Foobot/2.1', false],
    ['Foobot Bar', false],
  ])('Google: %j -> %s', (agent, valid) => {
    expect(isValidUserAgentToObey(agent)).toBe(valid);
  });
});

describe('productToken', () => {
  it('is the leading run of [a-zA-Z_-] of a User-Agent header', () => {
    expect(productToken('linkledger/0.1 (+https://example.com/bot)')).toBe('linkledger');
    expect(productToken('Mozilla/5.0 (compatible; Googlebot/2.1)')).toBe('Mozilla');
    expect(productToken('Foo Bar')).toBe('Foo');
    expect(productToken('Foo_Bar-2')).toBe('Foo_Bar-');
    expect(productToken(' Foobot')).toBe('');
    expect(productToken('')).toBe('');
  });
});

describe('groupAgentOf', () => {
  it('reads a user-agent value as "*", a lower-case token, or nothing', () => {
    expect(groupAgentOf('*')).toBe('*');
    expect(groupAgentOf('* (everyone)')).toBe('*');
    expect(groupAgentOf('*\tbots')).toBe('*');
    expect(groupAgentOf('*bot')).toBeNull();
    expect(groupAgentOf('Googlebot/2.1')).toBe('googlebot');
    expect(groupAgentOf('FOO BAR')).toBe('foo');
    expect(groupAgentOf('/bot')).toBeNull();
    expect(groupAgentOf('')).toBeNull();
  });
});
