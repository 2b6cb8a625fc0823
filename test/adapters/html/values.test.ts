/** Value helpers: onclick URLs, srcset candidates, text clean-up. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, collapseWhitespace } from '../../../src/adapters/html/text.ts';
import { onclickUrl, srcsetUrls } from '../../../src/adapters/html/url-values.ts';

describe('onclick URLs', () => {
  it.each([
    // Common Crawl's fixture (record 7), after the tokenizer decoded &#39; to '.
    ["location.href='webpage.html'", 'webpage.html'],
    ["parent.location='index.html'", 'index.html'],
    ["parent.open('http://www.x.com/')", 'http://www.x.com/'],
    ['window.open("button-child.php","demo","width=550,height=300");', 'button-child.php'],
    ["window.open('http://example.com/', #39;width=500');", 'http://example.com/'],
    [
      "window.location.href='http://example.com/location/href/1.html'",
      'http://example.com/location/href/1.html',
    ],
    [
      "Javascript:document.location.href='http://example.com/location/href/2.html'",
      'http://example.com/location/href/2.html',
    ],
    // What we accept beyond upstream.
    ['location.href="/double";', '/double'],
    ["window.top.location = '/chain'; return false;", '/chain'],
    ["location.assign('/assign')", '/assign'],
    ["window.location.replace('/replace')", '/replace'],
    [" self.open('/self', '_blank')", '/self'],
  ])('%s -> %s', (handler, url) => {
    expect(onclickUrl(handler)).toBe(url);
  });

  it.each([
    "location.href='ab'", // shorter than 3 characters
    "doSomething(); location.href='/x'", // not the whole handler
    "alert('/not/a/link')",
    "location.href='/x' + id",
    '',
  ])('no URL in %j', (handler) => {
    expect(onclickUrl(handler)).toBeNull();
  });

  it('stays linear on long input', () => {
    const started = performance.now();
    onclickUrl(`${' '.repeat(50_000)}x`);
    onclickUrl(`location.href='${'a'.repeat(50_000)}`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('srcset', () => {
  it.each([
    ['a.jpg', ['a.jpg']],
    ['a.jpg 1x, b.jpg 2x', ['a.jpg', 'b.jpg']],
    [' a.jpg  480w ,b.jpg 800w,  ', ['a.jpg', 'b.jpg']],
    ['a.jpg,b.jpg 2x', ['a.jpg,b.jpg']], // a comma inside a URL is part of it (HTML srcset parsing)
    ['data:image/png;base64,AA== 1x, b.jpg 2x', ['data:image/png;base64,AA==', 'b.jpg']],
    ['a.jpg (max-width: 1px, 2px) 1x, b.jpg', ['a.jpg', 'b.jpg']],
    ['', []],
    [' , , ', []],
  ])('%j', (value, urls) => {
    expect(srcsetUrls(value)).toEqual(urls);
  });
});

describe('text clean-up equals the regular-expression definition', () => {
  const reference = (text: string) => text.replace(/[\s\x00-\x1f\x7f]+/g, ' ');
  const char = fc.oneof(
    fc.constantFrom(
      ' ',
      '  ',
      '\t',
      '\n',
      '\r',
      '\u00a0',
      '\u2003',
      '\u3000',
      '\ufeff',
      '\u0001',
      '\u007f',
      'a',
      'Z',
      'é',
      '😊',
    ),
    fc.string({ maxLength: 3 }),
  );
  const text = fc.array(char, { maxLength: 30 }).map((parts) => parts.join(''));

  it('collapseWhitespace', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(collapseWhitespace(t)).toBe(reference(t));
      }),
      { numRuns: 5000 },
    );
  });

  it('cleanText (trimmed, capped, no split surrogate pair)', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 20 }), (t, max) => {
        const clean = cleanText(t, max);
        const full = reference(t).trim();
        expect(clean.length).toBeLessThanOrEqual(max);
        expect(full.startsWith(clean)).toBe(true);
        if (full.length <= max) expect(clean).toBe(full);
        expect(/[\ud800-\udbff]$/.test(clean)).toBe(false);
        expect(clean).toBe(clean.trim());
      }),
      { numRuns: 5000 },
    );
  });
});
