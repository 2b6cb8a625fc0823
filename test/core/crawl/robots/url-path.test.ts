/** The path robots rules see: Google's TestGetPathParamsQuery vectors (robots_test.cc lines 990-1008). */
import { describe, expect, it } from 'vitest';
import { pathParamsQuery } from '../../../../src/core/crawl/robots/url-path.ts';

const GOOGLE_VECTORS: readonly (readonly [string, string])[] = [
  ['', '/'],
  ['http://www.example.com', '/'],
  ['http://www.example.com/', '/'],
  ['http://www.example.com/a', '/a'],
  ['http://www.example.com/a/', '/a/'],
  ['http://www.example.com/a/b?c=http://d.e/', '/a/b?c=http://d.e/'],
  ['http://www.example.com/a/b?c=d&e=f#fragment', '/a/b?c=d&e=f'],
  ['example.com', '/'],
  ['example.com/', '/'],
  ['example.com/a', '/a'],
  ['example.com/a/', '/a/'],
  ['example.com/a/b?c=d&e=f#fragment', '/a/b?c=d&e=f'],
  ['a', '/'],
  ['a/', '/'],
  ['/a', '/a'],
  ['a/b', '/b'],
  ['example.com?a', '/?a'],
  ['example.com/a;b#c', '/a;b'],
  ['//a/b/c', '/b/c'],
];

describe('pathParamsQuery', () => {
  it.each(GOOGLE_VECTORS)('%j -> %j', (url, path) => {
    expect(pathParamsQuery(url)).toBe(path);
  });

  it('keeps the URL as written: no decoding, no normalisation', () => {
    expect(pathParamsQuery('http://foo.bar/foo/bar/ツ')).toBe('/foo/bar/ツ');
    expect(pathParamsQuery('http://foo.bar/a/../%7e?q#x')).toBe('/a/../%7e?q');
    expect(pathParamsQuery('http://foo.bar//folder/any.php')).toBe('//folder/any.php');
  });

  it('drops a fragment that comes before any path', () => {
    expect(pathParamsQuery('http://foo.bar#x/y')).toBe('/');
  });
});
