/** Which discovered links a crawl follows: the four scopes, www. equivalence, registrable domains, filters. */
import { describe, expect, it } from 'vitest';
import { compileScope, siteKey } from '../../../src/core/crawl/scope.ts';
import type { CrawlSettings } from '../../../src/core/crawl/settings.ts';
import { UsageError } from '../../../src/core/errors.ts';

type ScopeSettings = Pick<CrawlSettings, 'seeds' | 'scope' | 'include' | 'exclude' | 'maxDepth'>;

const scope = (over: Partial<ScopeSettings>) =>
  compileScope({
    seeds: ['https://example.com/'],
    scope: 'site',
    include: [],
    exclude: [],
    maxDepth: null,
    ...over,
  });

describe('siteKey', () => {
  it('drops one leading www.', () => {
    expect(siteKey('www.example.com')).toBe('example.com');
    expect(siteKey('example.com')).toBe('example.com');
    expect(siteKey('wwwexample.com')).toBe('wwwexample.com');
    expect(siteKey('blog.www.example.com')).toBe('blog.www.example.com');
  });
});

describe('compileScope', () => {
  it('page: follows nothing, not even the seed host', () => {
    const rules = scope({ scope: 'page' });
    expect(rules.verdict('https://example.com/other', 1)).toBe('out-of-scope');
    expect(rules.verdict('https://example.com/', 1)).toBe('out-of-scope');
    expect(rules.verdict('https://elsewhere.org/', 1)).toBe('out-of-scope');
  });

  it('site: the seed host, with or without www., any scheme or port', () => {
    const rules = scope({ scope: 'site', seeds: ['https://www.example.com/start'] });
    expect(rules.verdict('https://www.example.com/a', 1)).toBe('follow');
    expect(rules.verdict('https://example.com/a', 1)).toBe('follow');
    expect(rules.verdict('http://example.com:8080/a', 1)).toBe('follow');
    expect(rules.verdict('https://blog.example.com/a', 1)).toBe('out-of-scope');
    expect(rules.verdict('https://example.org/a', 1)).toBe('out-of-scope');
    expect(rules.verdict('https://notexample.com/a', 1)).toBe('out-of-scope');
  });

  it('site: a bare seed also takes its www. host', () => {
    const rules = scope({ scope: 'site', seeds: ['https://example.com/'] });
    expect(rules.verdict('https://www.example.com/x', 1)).toBe('follow');
    expect(rules.verdict('https://WWW.EXAMPLE.COM/x', 1)).toBe('follow');
  });

  it('site: several seeds, several sites', () => {
    const rules = scope({ scope: 'site', seeds: ['https://a.test/', 'https://b.test/x'] });
    expect(rules.verdict('https://a.test/1', 1)).toBe('follow');
    expect(rules.verdict('https://b.test/2', 1)).toBe('follow');
    expect(rules.verdict('https://c.test/3', 1)).toBe('out-of-scope');
  });

  it('domain: every host of the registrable domain, by the Public Suffix List', () => {
    const rules = scope({ scope: 'domain', seeds: ['https://blog.example.co.uk/'] });
    expect(rules.verdict('https://example.co.uk/', 1)).toBe('follow');
    expect(rules.verdict('https://shop.example.co.uk/', 1)).toBe('follow');
    expect(rules.verdict('https://a.b.example.co.uk/', 1)).toBe('follow');
    // co.uk is a public suffix: another registrable domain under it is another site.
    expect(rules.verdict('https://other.co.uk/', 1)).toBe('out-of-scope');
    expect(rules.verdict('https://co.uk/', 1)).toBe('out-of-scope');
    expect(rules.verdict('https://example.com/', 1)).toBe('out-of-scope');
  });

  it('domain: private suffixes (github.io) separate their sites', () => {
    const rules = scope({ scope: 'domain', seeds: ['https://alice.github.io/'] });
    expect(rules.verdict('https://docs.alice.github.io/', 1)).toBe('follow');
    expect(rules.verdict('https://bob.github.io/', 1)).toBe('out-of-scope');
  });

  it('site is narrower than domain', () => {
    const seeds = ['https://example.com/'];
    expect(scope({ scope: 'site', seeds }).verdict('https://blog.example.com/', 1)).toBe('out-of-scope');
    expect(scope({ scope: 'domain', seeds }).verdict('https://blog.example.com/', 1)).toBe('follow');
  });

  it('discover: any host', () => {
    const rules = scope({ scope: 'discover' });
    expect(rules.verdict('https://anything.example.net/x', 5)).toBe('follow');
    expect(rules.verdict('http://10.0.0.1/', 1)).toBe('follow'); // address safety is the fetcher's job
  });

  it('refuses URLs a crawler cannot fetch, whatever the scope', () => {
    const rules = scope({ scope: 'discover' });
    for (const url of ['mailto:a@example.com', 'javascript:void(0)', 'ftp://example.com/f', 'data:,x']) {
      expect(rules.verdict(url, 1), url).toBe('not-web');
    }
  });

  it('maxDepth: a link at depth maxDepth is followed, one deeper is not; null means no limit', () => {
    const rules = scope({ maxDepth: 2 });
    expect(rules.verdict('https://example.com/a', 1)).toBe('follow');
    expect(rules.verdict('https://example.com/a', 2)).toBe('follow');
    expect(rules.verdict('https://example.com/a', 3)).toBe('too-deep');
    expect(scope({ maxDepth: 0 }).verdict('https://example.com/a', 1)).toBe('too-deep');
    expect(scope({ maxDepth: null }).verdict('https://example.com/a', 1_000)).toBe('follow');
  });

  it('says too-deep before out-of-scope, and out-of-scope before the filters', () => {
    const rules = scope({ maxDepth: 1, exclude: ['.'], include: ['nomatch'] });
    expect(rules.verdict('https://elsewhere.org/', 2)).toBe('too-deep');
    expect(rules.verdict('https://elsewhere.org/', 1)).toBe('out-of-scope');
    expect(rules.verdict('https://example.com/', 1)).toBe('excluded');
  });

  it('exclude: a URL matching any pattern is not followed', () => {
    const rules = scope({ exclude: ['\\.pdf$', '/private/'] });
    expect(rules.verdict('https://example.com/doc.pdf', 1)).toBe('excluded');
    expect(rules.verdict('https://example.com/private/x', 1)).toBe('excluded');
    expect(rules.verdict('https://example.com/doc.pdf.html', 1)).toBe('follow');
  });

  it('include: a URL must match one of the patterns; the whole URL is matched', () => {
    const rules = scope({ include: ['^https://example\\.com/blog/', '\\?page=\\d+$'] });
    expect(rules.verdict('https://example.com/blog/post', 1)).toBe('follow');
    expect(rules.verdict('https://example.com/list?page=2', 1)).toBe('follow');
    expect(rules.verdict('https://example.com/shop', 1)).toBe('not-included');
    expect(rules.verdict('http://example.com/blog/post', 1)).toBe('not-included');
  });

  it('exclude wins over include', () => {
    const rules = scope({ include: ['/blog/'], exclude: ['/blog/drafts/'] });
    expect(rules.verdict('https://example.com/blog/a', 1)).toBe('follow');
    expect(rules.verdict('https://example.com/blog/drafts/a', 1)).toBe('excluded');
  });

  it('an invalid regular expression is a usage error naming the flag', () => {
    expect(() => scope({ include: ['('] })).toThrow(UsageError);
    expect(() => scope({ include: ['('] })).toThrow(/--include "\("/);
    expect(() => scope({ exclude: ['ok', '[a-'] })).toThrow(/--exclude "\[a-"/);
    try {
      scope({ exclude: ['*'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).code).toBe('USAGE');
      expect((error as UsageError).cause).toBeInstanceOf(SyntaxError);
    }
  });
});
