/**
 * Builds WAT JSON the way Common Crawl's extractor lays it out, from Common Crawl's own expected links
 * (the conformance file). No real WAT with HTML-Metadata exists in ../shared/data (the whirlwind WAT holds
 * only a request record), so this is how the WAT reader is checked against the upstream expectations.
 */
import { type ExpectedLink, type ExpectedPage, expectedLinks, expectedPages } from './conformance.ts';

export function watJsonForPage(page: ExpectedPage, links: readonly ExpectedLink[]): unknown {
  const head: Record<string, unknown> = { Link: [], Metas: [] };
  if (page.title !== undefined) head.Title = page.title;
  const body: Record<string, unknown>[] = [];
  for (const link of links) {
    if (link.path === '__base__') head.Base = link.url;
    else if (link.path === '__meta_refresh__')
      (head.Metas as unknown[]).push({ 'http-equiv': 'Refresh', content: `5; URL=${link.url}` });
    else if (link.watLocation === 'Head.Link')
      (head.Link as unknown[]).push({
        path: link.path,
        url: link.url,
        ...(link.relListed ? { rel: link.relListed } : {}),
      });
    else if (link.path === 'STYLE/#text') body.push({ path: link.path, href: link.url });
    else
      body.push({
        path: link.path,
        url: link.url,
        ...(link.text !== undefined ? { text: link.text } : {}),
        ...(link.alt !== undefined ? { alt: link.alt } : {}),
      });
  }
  return {
    Envelope: {
      Format: 'WARC',
      'WARC-Header-Metadata': {
        'WARC-Type': 'response',
        'WARC-Target-URI': page.warcTargetUriRaw ?? page.page,
      },
      'Payload-Metadata': {
        'Actual-Content-Type': 'application/http; msgtype=response',
        'HTTP-Response-Metadata': {
          'Response-Message': { Version: 'HTTP/1.1', Status: '200', Reason: 'OK' },
          Headers: { 'Content-Type': 'text/html' },
          'HTML-Metadata': { Head: head, Links: body },
        },
      },
    },
  };
}

/** One WAT JSON document per conformance page, in record order. */
export function conformanceWatRecords(): Array<{ page: ExpectedPage; links: ExpectedLink[]; json: unknown }> {
  const links = expectedLinks();
  return expectedPages().map((page) => {
    const own = links.filter((l) => l.record === page.record);
    return { page, links: own, json: watJsonForPage(page, own) };
  });
}
