/** Rule pattern escaping: Google's TestMaybeEscapePattern vectors (robots_test.cc lines 1012-1015) and more. */
import { describe, expect, it } from 'vitest';
import { escapePattern } from '../../../../src/core/crawl/robots/escape.ts';

describe('escapePattern', () => {
  it.each([
    ['http://www.example.com', 'http://www.example.com'],
    ['/a/b/c', '/a/b/c'],
    ['á', '%C3%A1'],
    ['%aa', '%AA'],
  ])('Google: %j -> %j', (pattern, escaped) => {
    expect(escapePattern(pattern)).toBe(escaped);
  });

  it('encodes every non-ASCII character as upper-case UTF-8 escapes, keeping ASCII as written', () => {
    expect(escapePattern('/SanJoséSellers')).toBe('/SanJos%C3%A9Sellers');
    expect(escapePattern('/foo/bar/ツ')).toBe('/foo/bar/%E3%83%84');
    expect(escapePattern('/😀*$')).toBe('/%F0%9F%98%80*$');
    expect(escapePattern('/\u{7ff}\u{800}')).toBe('/%DF%BF%E0%A0%80');
  });

  it('upper-cases %xx escapes but leaves a bare or short % alone', () => {
    expect(escapePattern('/a%2fb%e3%83%84')).toBe('/a%2Fb%E3%83%84');
    expect(escapePattern('/100%')).toBe('/100%');
    expect(escapePattern('/%g1%4')).toBe('/%g1%4');
    expect(escapePattern('/%%aa')).toBe('/%%AA');
  });

  it('does not decode: %62 stays %62', () => {
    expect(escapePattern('/foo/bar/%62%61%7A')).toBe('/foo/bar/%62%61%7A');
  });

  it('encodes a lone surrogate as U+FFFD, as a UTF-8 encoder would', () => {
    expect(escapePattern('/a\ud800b')).toBe('/a%EF%BF%BDb');
  });
});
