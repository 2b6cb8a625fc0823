/**
 * The crawler's `ResponseReader` (core/crawl/fetch-port.ts): a fetched response as a page with links, the
 * same way a WARC response record is read (adapters/sources/warc-pages.ts): a 3xx with `Location` is one
 * `redirect` link; an HTML body (by Content-Type, or by its bytes when there is none) is parsed with its
 * charset and `X-Robots-Tag`, and its text digest (PageInfo.textDigest, for the ledger); anything else is
 * a page with its status and no links. The address it came from (FetchResponse.remoteAddress) is kept
 * as PageInfo.remoteAddress, on every kind of page.
 */
import type { FetchResponse, ResponseReader } from '../../core/crawl/fetch-port.ts';
import type { PageLinks } from '../../core/link/page.ts';
import { parseRobotsDirectives } from '../../core/link/rel.ts';
import { bodilessPage, redirectPage } from '../../core/link/status-page.ts';
import { extractLinksFromBytes } from '../html/index.ts';
import { sniff } from '../sources/detect-format.ts';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export const readResponsePage: ResponseReader = async (response: FetchResponse): Promise<PageLinks> => {
  const page = await readPage(response);
  if (response.remoteAddress) page.page.remoteAddress = response.remoteAddress;
  // A body over the crawler's cap, or a connection that broke mid-body: the page may hold more links.
  if (response.truncated !== null && response.body !== null) page.page.truncated = true;
  return page;
};

async function readPage(response: FetchResponse): Promise<PageLinks> {
  const { url, status, headers, body, mime } = response;
  const location = headers.location?.trim();
  if (status >= 300 && status < 400 && location) return redirectPage(url, status, location);
  const robotsTag = headers['x-robots-tag'];
  const isHtml =
    body !== null && (mime === null ? sniff(body.subarray(0, 1024)) === 'html' : HTML_TYPES.has(mime));
  if (!isHtml || body === null) return bodilessPage(url, status, parseRobotsDirectives(robotsTag).noindex);
  return extractLinksFromBytes(body, {
    pageUrl: url,
    status,
    ...(headers['content-type'] === undefined ? {} : { contentType: headers['content-type'] }),
    ...(robotsTag === undefined ? {} : { xRobotsTag: robotsTag }),
    textDigest: true,
  });
}
