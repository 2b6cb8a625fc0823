import { describe, expect, it } from 'vitest';
import { hostOf, isWebUrl, normalizeUrl, resolveUrl } from '../../../src/core/url/normalize.ts';

describe('resolveUrl / normalizeUrl', () => {
  it('lower-cases scheme and host, drops default port and fragment, keeps the query', () => {
    expect(normalizeUrl('HTTP://WWW.Example.COM:80/Path?b=2&a=1#frag')).toBe(
      'http://www.example.com/Path?b=2&a=1',
    );
    expect(normalizeUrl('https://example.com:443')).toBe('https://example.com/');
    expect(normalizeUrl('https://example.com:8443/x')).toBe('https://example.com:8443/x');
  });
  it('converts IDN hosts to punycode', () => {
    expect(normalizeUrl('http://bücher.example/ä')).toBe('http://xn--bcher-kva.example/%C3%A4');
  });
  it('resolves relative references against a base (record examples from the CC conformance notes)', () => {
    expect(resolveUrl('background.jpg', 'http://www.example.com/')).toBe(
      'http://www.example.com/background.jpg',
    );
    expect(resolveUrl('#anchor', 'http://www.example.com/')).toBe('http://www.example.com/');
    expect(
      resolveUrl('//edge.flowplayer.org/bauhaus.webm', 'http://www.example.com/data-href.examples.html'),
    ).toBe('http://edge.flowplayer.org/bauhaus.webm');
    expect(resolveUrl('#', 'http://www.example.com/data-href.examples.html')).toBe(
      'http://www.example.com/data-href.examples.html',
    );
    expect(resolveUrl('http:///www.example.com/video.html', 'http://www.example.com/')).toBe(
      'http://www.example.com/video.html',
    );
  });
  it('strips surrounding whitespace and inner newlines as browsers do', () => {
    expect(resolveUrl('  /a\n/b\t ', 'http://x.org/')).toBe('http://x.org/a/b');
  });
  it('returns null for values that are not URLs', () => {
    expect(resolveUrl('http://[::1', 'http://x.org/')).toBeNull();
    expect(normalizeUrl('relative/only')).toBeNull();
    expect(resolveUrl('', null)).toBeNull();
  });
  it('keeps non-web schemes but marks them', () => {
    const mail = resolveUrl('mailto:a@b.org', 'http://x.org/');
    expect(mail).toBe('mailto:a@b.org');
    expect(isWebUrl(mail ?? '')).toBe(false);
    expect(isWebUrl('https://x.org/')).toBe(true);
  });
  it('finds the host', () => {
    expect(hostOf('https://WWW.x.org:81/a')).toBe('www.x.org');
    expect(hostOf('mailto:a@b.org')).toBeNull();
    expect(hostOf('nonsense')).toBeNull();
  });
});
