/** Link keys, the fast host reader, and report target selectors. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { fastHostOf, isFollowed } from '../../../src/core/ledger/keys.ts';
import { linkFilter, paging, targetSelector } from '../../../src/core/ledger/query.ts';
import { normalizeUrl } from '../../../src/core/url/normalize.ts';

describe('fastHostOf', () => {
  it('agrees with the URL parser on normalised URLs', () => {
    fc.assert(
      fc.property(
        fc.webUrl({
          withQueryParameters: true,
          withFragments: true,
          authoritySettings: { withUserInfo: true, withPort: true, withIPv6: true },
        }),
        (raw) => {
          const url = normalizeUrl(raw);
          if (url === null) return;
          expect(fastHostOf(url)).toBe(new URL(url).hostname);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads bare host names from web graphs', () => {
    expect(fastHostOf('WWW.Example.com')).toBe('www.example.com');
    expect(fastHostOf('not a host')).toBeNull();
  });
});

describe('keys', () => {
  it('treats nofollow, sponsored and ugc all as not followed', () => {
    expect(isFollowed({ nofollow: false, sponsored: false, ugc: false })).toBe(true);
    expect(isFollowed({ nofollow: false, sponsored: true, ugc: false })).toBe(false);
  });
});

describe('targetSelector', () => {
  it('reads every scope', () => {
    expect(targetSelector('https://Acme.com/Blue', 'url')).toEqual({
      scope: 'url',
      values: ['https://acme.com/Blue'],
      hosts: ['acme.com'],
    });
    expect(targetSelector('acme.com/blog', 'prefix').values).toEqual([
      'http://acme.com/blog',
      'https://acme.com/blog',
    ]);
    expect(targetSelector('https://www.acme.co.uk/x', 'host').values).toEqual(['www.acme.co.uk']);
    expect(targetSelector('shop.acme.co.uk', 'domain').values).toEqual(['acme.co.uk']);
    expect(() => targetSelector(' ', 'domain')).toThrow(UsageError);
  });

  it('fills report defaults and checks paging', () => {
    const f = linkFilter(targetSelector('acme.com', 'domain'));
    expect(f).toMatchObject({
      includeInternal: false,
      dofollowOnly: false,
      status: 'live',
      placements: null,
    });
    expect(f.kinds).toContain('a');
    expect(linkFilter(f.target, { kinds: 'all' }).kinds).toBeNull();
    expect(() => paging({ limit: 0 }, 'desc')).toThrow(UsageError);
    expect(paging({}, 'desc')).toEqual({ limit: 50, offset: 0, order: 'desc' });
  });
});
