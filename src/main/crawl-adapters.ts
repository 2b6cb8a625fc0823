/** The crawl's adapters: undici fetcher with the safe connector, the HTML page reader, the sitemap reader. */
import { createHttpFetcher } from '../adapters/http/http-fetcher.ts';
import { readResponsePage } from '../adapters/http/response-page.ts';
import { readSitemap } from '../adapters/http/sitemap-reader.ts';
import type { CrawlAdapters } from '../app/crawl/run-crawl.ts';
import type { CrawlSettings } from '../core/crawl/settings.ts';

export function crawlAdapters(settings: CrawlSettings): CrawlAdapters {
  return {
    fetcher: createHttpFetcher({
      userAgent: settings.userAgent,
      timeouts: settings.timeouts,
      perHost: settings.perHost,
      allowPrivateNetwork: settings.allowPrivateNetwork,
      resolve: settings.resolve,
    }),
    readPage: readResponsePage,
    readSitemap,
  };
}
