/**
 * The HTML adapter: streaming link extraction from HTML text or bytes (htmlparser2's Tokenizer, no DOM),
 * with WHATWG charset sniffing. See link-extractor.ts for what is extracted and how, finish-page.ts for
 * page and base URLs, charset.ts for encodings, css-urls.ts / url-values.ts for Common Crawl's value rules.
 */
export {
  type CharsetSniff,
  type CharsetSource,
  charsetParameter,
  createDecoder,
  encodingForLabel,
  PRESCAN_BYTES,
  type StreamDecoder,
  sniffCharset,
} from './charset.ts';
export { cssUrls } from './css-urls.ts';
export { DEFAULT_SNIFF_BYTES, type ExtractBytesOptions, extractLinksFromBytes } from './extract-bytes.ts';
export { fastNormalisedUrl, LinkResolver } from './fast-resolve.ts';
export {
  createHtmlLinkExtractor,
  type HtmlLinkExtractor,
  type HtmlLinkExtractorOptions,
} from './link-extractor.ts';
export { MAX_ANCHOR, MAX_TITLE } from './text.ts';
export { onclickUrl, srcsetUrls, trimDataUrl } from './url-values.ts';
