import { describe, expect, it } from 'vitest';
import { metaRefreshUrl } from '../../../src/core/link/meta-refresh.ts';
import { parseRelTokens, parseRobotsDirectives, relFlags } from '../../../src/core/link/rel.ts';

describe('rel', () => {
  it('splits on whitespace and commas, case-insensitively, without duplicates (Google: rel="UGC, nofollow")', () => {
    expect(parseRelTokens('UGC, nofollow')).toEqual(['ugc', 'nofollow']);
    expect(parseRelTokens(' noopener\tNOFOLLOW,,nofollow sponsored ')).toEqual([
      'noopener',
      'nofollow',
      'sponsored',
    ]);
    expect(parseRelTokens('')).toEqual([]);
    expect(parseRelTokens(undefined)).toEqual([]);
  });
  it('sets the three flags independently', () => {
    expect(relFlags('sponsored')).toEqual({
      rel: ['sponsored'],
      nofollow: false,
      sponsored: true,
      ugc: false,
    });
    expect(relFlags('ugc nofollow')).toMatchObject({ nofollow: true, sponsored: false, ugc: true });
    expect(relFlags('nofollowed')).toMatchObject({ nofollow: false });
  });
});

describe('robots directives (meta robots and X-Robots-Tag)', () => {
  it('reads nofollow, noindex and none', () => {
    expect(parseRobotsDirectives('noindex, nofollow')).toEqual({ noindex: true, nofollow: true });
    expect(parseRobotsDirectives('NONE')).toEqual({ noindex: true, nofollow: true });
    expect(parseRobotsDirectives('index,follow')).toEqual({ noindex: false, nofollow: false });
    expect(parseRobotsDirectives('max-snippet:-1, nofollow')).toEqual({ noindex: false, nofollow: true });
  });
  it('honours user-agent scopes in X-Robots-Tag', () => {
    expect(parseRobotsDirectives('googlebot: nofollow')).toEqual({ noindex: false, nofollow: false });
    expect(parseRobotsDirectives('googlebot: nofollow', 'googlebot')).toEqual({
      noindex: false,
      nofollow: true,
    });
    expect(parseRobotsDirectives('unavailable_after: 25 Jun 2010 15:00:00 PST, noindex')).toEqual({
      noindex: true,
      nofollow: false,
    });
  });
});

describe('meta refresh', () => {
  it('takes the URL part of the content', () => {
    expect(metaRefreshUrl('5; URL=http://www.example.com/redirected.html')).toBe(
      'http://www.example.com/redirected.html',
    );
    expect(metaRefreshUrl('0;url=/next')).toBe('/next');
    expect(metaRefreshUrl("3; url='/quoted' ")).toBe('/quoted');
    expect(metaRefreshUrl('0, URL = x.html')).toBe('x.html');
    expect(metaRefreshUrl('10')).toBeNull();
  });
});
