/** readSitemap: XML urlsets and indexes (any namespace prefix), plain-text lists, gzip, and the protocol's limits. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  readSitemap,
  SITEMAP_MAX_BYTES,
  SITEMAP_MAX_ENTRIES,
} from '../../../src/adapters/http/sitemap-reader.ts';

const AT = 'https://example.com/sitemaps/sitemap.xml';
const bytes = (text: string) => new TextEncoder().encode(text);
const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

describe('readSitemap: XML', () => {
  it('reads the page URLs of a urlset, ignoring the other fields', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset ${NS}>
  <url><loc>https://example.com/</loc><lastmod>2024-01-01</lastmod><priority>1.0</priority></url>
  <url>
    <loc>
      https://example.com/about
    </loc>
    <changefreq>weekly</changefreq>
  </url>
</urlset>`;
    expect(readSitemap(bytes(xml), AT)).toEqual({
      urls: ['https://example.com/', 'https://example.com/about'],
      sitemaps: [],
      invalid: 0,
    });
  });

  it('reads the child sitemaps of a sitemap index', () => {
    const xml = `<?xml version="1.0"?><sitemapindex ${NS}>
<sitemap><loc>https://example.com/posts.xml</loc><lastmod>2024-01-01</lastmod></sitemap>
<sitemap><loc>https://example.com/pages.xml.gz</loc></sitemap></sitemapindex>`;
    expect(readSitemap(bytes(xml), AT)).toEqual({
      urls: [],
      sitemaps: ['https://example.com/posts.xml', 'https://example.com/pages.xml.gz'],
      invalid: 0,
    });
  });

  it('reads namespace-prefixed tags, in any case', () => {
    const xml = `<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
<sm:url><sm:loc>https://example.com/a</sm:loc></sm:url><SM:URL><SM:LOC>https://example.com/b</SM:LOC></SM:URL>
</sm:urlset>`;
    expect(readSitemap(bytes(xml), AT).urls).toEqual(['https://example.com/a', 'https://example.com/b']);
  });

  it('does not take the loc of an extension (image sitemaps) for a page', () => {
    const xml = `<urlset ${NS} xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url><loc>https://example.com/gallery</loc>
  <image:image><image:loc>https://cdn.example.com/photo.jpg</image:loc></image:image>
</url></urlset>`;
    expect(readSitemap(bytes(xml), AT)).toEqual({
      urls: ['https://example.com/gallery'],
      sitemaps: [],
      invalid: 0,
    });
  });

  it('ignores a loc outside url and sitemap elements', () => {
    const xml = `<urlset ${NS}><loc>https://example.com/stray</loc><url><loc>https://example.com/ok</loc></url></urlset>`;
    expect(readSitemap(bytes(xml), AT).urls).toEqual(['https://example.com/ok']);
  });

  it('decodes entities and CDATA in loc', () => {
    const xml = `<urlset ${NS}>
<url><loc>https://example.com/search?a=1&amp;b=2</loc></url>
<url><loc>https://example.com/caf&#233;?q=&lt;x&gt;&apos;&quot;</loc></url>
<url><loc><![CDATA[https://example.com/raw?a=1&b=2]]></loc></url>
</urlset>`;
    expect(readSitemap(bytes(xml), AT).urls).toEqual([
      'https://example.com/search?a=1&b=2',
      'https://example.com/caf%C3%A9?q=%3Cx%3E%27%22',
      'https://example.com/raw?a=1&b=2',
    ]);
  });

  it('normalises URLs (fragment dropped, host lower-cased, default port dropped)', () => {
    const xml = `<urlset><url><loc>HTTPS://EXAMPLE.com:443/Path#section</loc></url></urlset>`;
    expect(readSitemap(bytes(xml), AT).urls).toEqual(['https://example.com/Path']);
  });

  it('resolves relative locs against the sitemap URL and counts the ones that are not web URLs', () => {
    const xml = `<urlset ${NS}>
<url><loc>/top</loc></url>
<url><loc>sibling.html</loc></url>
<url><loc>mailto:someone@example.com</loc></url>
<url><loc>ftp://example.com/file</loc></url>
<url><loc>http://[not-an-ip/</loc></url>
<url><loc></loc></url>
<url><loc>   </loc></url>
<url><loc>https://example.com/fine</loc></url>
</urlset>`;
    expect(readSitemap(bytes(xml), AT)).toEqual({
      urls: [
        'https://example.com/top',
        'https://example.com/sitemaps/sibling.html',
        'https://example.com/fine',
      ],
      sitemaps: [],
      invalid: 5,
    });
  });

  it('reads a sitemap with a byte order mark and leading blank lines', () => {
    const xml = `\ufeff\n\n<urlset ${NS}><url><loc>https://example.com/bom</loc></url></urlset>`;
    expect(readSitemap(bytes(xml), AT).urls).toEqual(['https://example.com/bom']);
  });

  it('tolerates broken XML (unclosed url elements, no end tag)', () => {
    const xml = `<urlset><url><loc>https://example.com/1</loc><url><loc>https://example.com/2</loc>`;
    expect(readSitemap(bytes(xml), AT).urls).toEqual(['https://example.com/1', 'https://example.com/2']);
  });
});

describe('readSitemap: plain text and gzip', () => {
  it('reads a plain-text list of URLs, one a line, any line ending, blank lines skipped', () => {
    const text = 'https://example.com/1\r\nhttps://example.com/2\n\n   \nhttps://example.com/3\n';
    expect(readSitemap(bytes(text), AT)).toEqual({
      urls: ['https://example.com/1', 'https://example.com/2', 'https://example.com/3'],
      sitemaps: [],
      invalid: 0,
    });
  });

  it('counts lines of a plain-text list that are not web URLs', () => {
    const text = 'https://example.com/ok\nmailto:x@example.com\nhttp://[broken\n';
    expect(readSitemap(bytes(text), AT)).toEqual({
      urls: ['https://example.com/ok'],
      sitemaps: [],
      invalid: 2,
    });
  });

  it('undoes gzip by its magic bytes, whatever the URL says', () => {
    const xml = `<urlset ${NS}><url><loc>https://example.com/zipped</loc></url></urlset>`;
    expect(readSitemap(gzipSync(bytes(xml)), 'https://example.com/sitemap.xml').urls).toEqual([
      'https://example.com/zipped',
    ]);
    const text = 'https://example.com/a\nhttps://example.com/b\n';
    expect(readSitemap(gzipSync(bytes(text)), 'https://example.com/urls.txt.gz').urls).toEqual([
      'https://example.com/a',
      'https://example.com/b',
    ]);
  });

  it('counts a corrupt gzip file as one invalid entry and reads nothing from it', () => {
    const gz = gzipSync(bytes(`<urlset><url><loc>https://example.com/x</loc></url></urlset>`));
    expect(readSitemap(gz.subarray(0, 20), AT)).toEqual({ urls: [], sitemaps: [], invalid: 1 });
  });

  it('refuses a gzipped file over 50 MiB uncompressed (a bomb), reading nothing from it', () => {
    const head = bytes(`<urlset><url><loc>https://example.com/x</loc></url>`);
    const huge = Buffer.alloc(SITEMAP_MAX_BYTES + 1024, 0x20);
    huge.set(head, 0);
    expect(readSitemap(gzipSync(huge), AT)).toEqual({ urls: [], sitemaps: [], invalid: 1 });
  });
});

describe('readSitemap: the 50,000 entry limit', () => {
  it('keeps the first 50,000 entries of a urlset and ignores the rest', () => {
    const n = SITEMAP_MAX_ENTRIES + 25;
    const entries: string[] = [];
    for (let i = 0; i < n; i++) entries.push(`<url><loc>https://example.com/p/${i}</loc></url>`);
    const found = readSitemap(bytes(`<urlset ${NS}>${entries.join('\n')}</urlset>`), AT);
    expect(SITEMAP_MAX_ENTRIES).toBe(50_000);
    expect(found.urls).toHaveLength(50_000);
    expect(found.urls[0]).toBe('https://example.com/p/0');
    expect(found.urls.at(-1)).toBe('https://example.com/p/49999');
    expect(found.invalid).toBe(0);
  });

  it('counts pages and child sitemaps together, and applies to plain text too', () => {
    const lines: string[] = [];
    for (let i = 0; i < SITEMAP_MAX_ENTRIES + 3; i++) lines.push(`https://example.com/t/${i}`);
    expect(readSitemap(bytes(lines.join('\n')), AT).urls).toHaveLength(SITEMAP_MAX_ENTRIES);

    const mixed: string[] = [];
    for (let i = 0; i < 30_000; i++)
      mixed.push(`<sitemap><loc>https://example.com/s/${i}.xml</loc></sitemap>`);
    for (let i = 0; i < 30_000; i++) mixed.push(`<url><loc>https://example.com/u/${i}</loc></url>`);
    const found = readSitemap(bytes(`<root>${mixed.join('')}</root>`), AT);
    expect(found.sitemaps).toHaveLength(30_000);
    expect(found.urls).toHaveLength(20_000);
  });
});
