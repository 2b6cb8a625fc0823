/**
 * What happens when a page has been read to the end: choose the page URL, the base URL, resolve every
 * link once, apply page-level nofollow, and fill PageInfo.
 *
 * Page URL: the capture URL when the caller has one. For a loose HTML file (`pageUrl: null`) it is the
 * page's own `<link rel=canonical>`, else its `og:url`, else the caller's `fallbackUrl` (a `--base-url`, or
 * a `file:` URL of the file), else unknown (''): links then keep only absolute targets. A canonical or
 * og:url only counts when it resolves to an http(s) URL (a relative one against `<base href>` or the
 * fallback). `PageInfo.urlSource` says which rule chose the URL.
 *
 * Base URL: the first `<base href>`, resolved against the page URL, applies to every link of the document,
 * also those before it; the `BASE@/href` link itself is resolved against the page URL.
 */
import type { Link } from '../../core/link/link.ts';
import type { PageInfo, PageLinks, PageUrlSource } from '../../core/link/page.ts';
import { isWebUrl, normalizeUrl, resolveUrl } from '../../core/url/normalize.ts';
import type { CharsetSource } from './charset.ts';
import { fastNormalisedUrl, LinkResolver } from './fast-resolve.ts';

export const BASE_PATH = 'BASE@/href';

/** What the extractor collected about the page, before URLs are known. */
export interface PageFacts {
  pageUrl: string | null;
  fallbackUrl: string | null;
  baseHref: string | null;
  canonicalHref: string | null;
  ogUrl: string | null;
  title: string | null;
  lang: string | null;
  noindex: boolean;
  nofollow: boolean;
  status: number | null;
  charset: string;
  charsetSource: CharsetSource;
  unknownCharsetLabel: string | undefined;
}

export function finishPage(facts: PageFacts, links: Link[]): PageLinks {
  const { url, source } = choosePageUrl(facts);
  const baseUrl = (facts.baseHref !== null ? resolveUrl(facts.baseHref, url) : null) ?? url;
  const resolver = new LinkResolver(baseUrl);
  for (const link of links) {
    link.source = url;
    link.target = link.path === BASE_PATH ? resolveUrl(link.rawUrl, url) : resolver.resolve(link.rawUrl);
    if (facts.nofollow) link.nofollow = true;
  }
  const page: PageInfo = {
    url,
    urlSource: source,
    status: facts.status,
    baseUrl,
    canonical: facts.canonicalHref === null ? null : resolver.resolve(facts.canonicalHref),
    ogUrl: facts.ogUrl === null ? null : resolver.resolve(facts.ogUrl),
    title: facts.title,
    lang: facts.lang,
    noindex: facts.noindex,
    nofollow: facts.nofollow,
    charset: facts.charset,
    charsetSource: facts.charsetSource,
  };
  if (facts.unknownCharsetLabel !== undefined) page.unknownCharsetLabel = facts.unknownCharsetLabel;
  return { page, links };
}

function choosePageUrl(facts: PageFacts): { url: string; source: PageUrlSource } {
  if (facts.pageUrl !== null) return { url: normalise(facts.pageUrl) ?? facts.pageUrl, source: 'capture' };
  const fallback = facts.fallbackUrl === null ? null : normalise(facts.fallbackUrl);
  const against = (facts.baseHref === null ? null : normalise(facts.baseHref)) ?? fallback;
  const canonical = webUrl(facts.canonicalHref, against);
  if (canonical !== null) return { url: canonical, source: 'canonical' };
  const ogUrl = webUrl(facts.ogUrl, against);
  if (ogUrl !== null) return { url: ogUrl, source: 'og:url' };
  if (fallback !== null) return { url: fallback, source: 'fallback' };
  return { url: '', source: 'none' };
}

/** normalizeUrl, without URL parsing when the value is already a clean absolute URL (fast-resolve.ts). */
function normalise(raw: string): string | null {
  return fastNormalisedUrl(raw) ?? normalizeUrl(raw);
}

function webUrl(raw: string | null, against: string | null): string | null {
  if (raw === null) return null;
  // `against` is a normalised URL or null, so the shortcut gives what resolveUrl gives.
  const url = fastNormalisedUrl(raw) ?? resolveUrl(raw, against);
  return url !== null && isWebUrl(url) ? url : null;
}
