/**
 * The crawler's `SitemapReader` (core/crawl/fetch-port.ts), per sitemaps.org: an XML `<urlset>` of
 * `<url><loc>` entries, a `<sitemapindex>` of `<sitemap><loc>` entries, or a plain-text list of URLs, any
 * of them gzipped. Limits from the protocol: 50,000 entries and 50 MiB uncompressed per file (more is not
 * read). Parsed with htmlparser2 in XML mode, which tolerates the broken XML real sites serve.
 */
import { gunzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';
import type { SitemapEntries, SitemapReader } from '../../core/crawl/fetch-port.ts';
import { resolveUrl } from '../../core/url/normalize.ts';

export const SITEMAP_MAX_ENTRIES = 50_000;
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;

export const readSitemap: SitemapReader = (body: Uint8Array, url: string): SitemapEntries => {
  const out: SitemapEntries = { urls: [], sitemaps: [], invalid: 0 };
  let bytes: Uint8Array = body;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: SITEMAP_MAX_BYTES });
    } catch {
      out.invalid += 1; // corrupt or over the size limit: nothing trustworthy in it
      return out;
    }
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const add = (raw: string, into: string[]): void => {
    if (out.urls.length + out.sitemaps.length >= SITEMAP_MAX_ENTRIES) return;
    const trimmed = raw.trim();
    // An empty <loc> would resolve to the sitemap's own URL.
    const resolved = trimmed === '' ? null : resolveUrl(trimmed, url);
    if (resolved === null || !/^https?:/.test(resolved)) out.invalid += 1;
    else into.push(resolved);
  };
  if (!/^\s*</.test(text)) {
    for (const line of text.split(/\r?\n/)) if (line.trim() !== '') add(line, out.urls);
    return out;
  }
  let parent: 'url' | 'sitemap' | null = null;
  // Only a `<loc>` directly inside `<url>` / `<sitemap>` counts: extensions nest their own `loc` elements
  // (`<image:image><image:loc>` of Google image sitemaps), which are not pages.
  let depth = 0;
  let parentDepth = -1;
  let inLoc = false;
  let loc = '';
  const parser = new Parser(
    {
      onopentag(name) {
        depth += 1;
        const local = name.slice(name.indexOf(':') + 1).toLowerCase();
        if (local === 'url' || local === 'sitemap') {
          parent = local;
          parentDepth = depth;
        } else if (local === 'loc' && parent !== null && depth === parentDepth + 1) {
          inLoc = true;
          loc = '';
        }
      },
      ontext(data) {
        if (inLoc) loc += data;
      },
      onclosetag(name) {
        const local = name.slice(name.indexOf(':') + 1).toLowerCase();
        if (local === 'loc' && inLoc) {
          inLoc = false;
          add(loc, parent === 'sitemap' ? out.sitemaps : out.urls);
        } else if ((local === 'url' || local === 'sitemap') && depth === parentDepth) parent = null;
        depth -= 1;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(text);
  return out;
};
