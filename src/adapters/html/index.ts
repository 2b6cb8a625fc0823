/**
 * The HTML adapter: streaming link extraction from HTML text or bytes (htmlparser2's Tokenizer, no DOM),
 * with WHATWG charset sniffing.
 *   link-extractor.ts   what is extracted (paths, kinds, anchor texts, rel, placement) and the public API
 *   element-reader.ts   the Tokenizer callbacks: elements, wanted attributes, text (element-stack.ts,
 *                       input-buffer.ts, names.ts, tags.ts, attributes.ts, fast-tokenizer.ts)
 *   finish-page.ts      page URL (capture, canonical, og:url, fallback), base URL, resolution (fast-resolve.ts)
 *   charset.ts          WHATWG encoding sniffing; extract-bytes.ts decodes a byte stream into the extractor
 *   css-urls.ts, url-values.ts   Common Crawl's rules for CSS url(), onclick, srcset and data: values
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
