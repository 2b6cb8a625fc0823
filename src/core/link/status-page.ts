/**
 * Pages known from an HTTP response without parsing any HTML: a redirect (its `Location` is its one link,
 * kind `redirect`, path `HTTP@/location` as in Common Crawl's WAT) and a page whose body was not read (an
 * error page, a PDF): its status, no links.
 */
import { resolveUrl } from '../url/normalize.ts';
import type { PageInfo, PageLinks } from './page.ts';

export function redirectPage(pageUrl: string, status: number, location: string): PageLinks {
  return {
    page: bareInfo(pageUrl, status, false),
    links: [
      {
        source: pageUrl,
        target: resolveUrl(location, pageUrl),
        rawUrl: location,
        kind: 'redirect',
        path: 'HTTP@/location',
        anchor: '',
        rel: [],
        nofollow: false,
        sponsored: false,
        ugc: false,
        placement: 'unknown',
        position: 0,
      },
    ],
  };
}

/** A page with its status and no links; `noindex` from an `X-Robots-Tag` header when there is one. */
export function bodilessPage(pageUrl: string, status: number, noindex = false): PageLinks {
  return { page: bareInfo(pageUrl, status, noindex), links: [] };
}

function bareInfo(url: string, status: number, noindex: boolean): PageInfo {
  return {
    url,
    urlSource: 'capture',
    status,
    baseUrl: url,
    canonical: null,
    ogUrl: null,
    title: null,
    lang: null,
    noindex,
    nofollow: false,
    charset: 'utf-8',
    charsetSource: 'default',
  };
}
