/**
 * Links of an HTML document given as bytes: sniff the encoding (charset.ts), decode in a streaming way
 * (TextDecoder with `stream: true`, so a multi-byte character split between chunks is decoded once, whole)
 * and feed the extractor as the bytes arrive. Memory: the bytes held back for sniffing (1 KiB, or up to
 * 64 KiB when nothing declares the encoding and the UTF-8 check needs more evidence), plus the extractor's
 * own state; never the whole document.
 */
import type { PageLinks } from '../../core/link/page.ts';
import { createDecoder, PRESCAN_BYTES, sniffCharset } from './charset.ts';
import { createHtmlLinkExtractor, type HtmlLinkExtractorOptions } from './link-extractor.ts';

/** Bytes examined by the UTF-8 validity check when nothing declares the encoding. */
export const DEFAULT_SNIFF_BYTES = 64 * 1024;

export interface ExtractBytesOptions
  extends Omit<HtmlLinkExtractorOptions, 'charset' | 'charsetSource' | 'unknownCharsetLabel'> {
  /** The HTTP Content-Type header (its `charset` parameter is step 2 of sniffing). */
  contentType?: string | undefined;
}

export async function extractLinksFromBytes(
  input: AsyncIterable<Uint8Array> | Uint8Array,
  options: ExtractBytesOptions,
): Promise<PageLinks> {
  const source: AsyncIterator<Uint8Array> =
    input instanceof Uint8Array ? once(input) : input[Symbol.asyncIterator]();
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  let done = false;
  const readMore = async (upTo: number): Promise<void> => {
    while (!done && heldBytes < upTo) {
      const next = await source.next();
      if (next.done) done = true;
      else if (next.value.length > 0) {
        held.push(next.value);
        heldBytes += next.value.length;
      }
    }
  };

  await readMore(PRESCAN_BYTES);
  let sniff = sniffCharset(concat(held, heldBytes), options.contentType, { complete: done });
  if (sniff.source === 'default' || sniff.source === 'fallback') {
    // Nothing usable is declared: give the UTF-8 check more of the document before deciding.
    await readMore(DEFAULT_SNIFF_BYTES);
    sniff = sniffCharset(concat(held, heldBytes), options.contentType, { complete: done });
  }

  const { contentType: _contentType, ...extractorOptions } = options;
  const extractor = createHtmlLinkExtractor({
    ...extractorOptions,
    charset: sniff.encoding,
    charsetSource: sniff.source,
    ...(sniff.unknownLabel === undefined ? {} : { unknownCharsetLabel: sniff.unknownLabel }),
  });
  const decoder = createDecoder(sniff.encoding);
  for (const chunk of held) extractor.write(decoder.decode(chunk, { stream: true }));
  held.length = 0;
  while (!done) {
    const next = await source.next();
    if (next.done) done = true;
    else extractor.write(decoder.decode(next.value, { stream: true }));
  }
  extractor.write(decoder.decode());
  return extractor.end();
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function once(bytes: Uint8Array): AsyncIterator<Uint8Array> {
  let given = false;
  return {
    next: async () => {
      if (given) return { done: true, value: undefined };
      given = true;
      return { done: false, value: bytes };
    },
  };
}
