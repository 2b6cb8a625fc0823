/**
 * A URL line. DOMAIN.md: "one URL ... per line", "each URL at most 2,048 characters". A URL here is an
 * absolute http or https URL written with its `//` and a host: a line without a scheme (`example.com/page`)
 * is a `relative-url` error rather than a guess, since Google would not read it as the author meant.
 *
 * Normalisation: the WHATWG serialisation (`HTTP://Example.com` -> `http://example.com/`, IDN to punycode,
 * non-ASCII percent-encoded, default port dropped). The 2,048-character limit applies to the line as written
 * (in code points) and to that normalised form, which is what linkledger writes back, so that any entry the
 * parser returns can be formatted again.
 */
import type { ValueResult } from './domain-entry.ts';
import type { DisavowEntry } from './entry.ts';
import { count, DISAVOW_MAX_URL_CHARS } from './limits.ts';
import type { DisavowErrorCode } from './problem.ts';

type UrlEntry = Extract<DisavowEntry, { kind: 'url' }>;

export function parseUrlValue(text: string): ValueResult<UrlEntry> {
  const fail = (code: DisavowErrorCode, message: string) => ({ ok: false, code, message }) as const;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1];
  // `example.com:8080/x` reads as scheme "example.com" to a URL parser; it is a URL without a scheme.
  if (scheme === undefined || scheme.includes('.')) {
    return fail(
      'relative-url',
      `"${clip(text)}" is not an absolute URL: write it with its scheme (https://...), or as domain:example.com for a whole domain`,
    );
  }
  if (!/^https?$/i.test(scheme)) {
    return fail('unsupported-scheme', `"${scheme}:" URLs cannot be disavowed; only http and https URLs`);
  }
  if (!/^https?:\/\/[^/\\]/i.test(text)) {
    return fail(
      'not-a-url',
      `"${clip(text)}" is not a URL: write ${scheme.toLowerCase()}:// and then the host`,
    );
  }
  const chars = codePoints(text);
  if (chars > DISAVOW_MAX_URL_CHARS) {
    return fail(
      'url-too-long',
      `the URL is ${count(chars)} characters; Google accepts at most ${count(DISAVOW_MAX_URL_CHARS)}`,
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('not-a-url', `"${clip(text)}" is not a valid URL (check the host name)`);
  }
  if (url.href.length > DISAVOW_MAX_URL_CHARS) {
    return fail(
      'url-too-long',
      `the URL is ${count(url.href.length)} characters once normalised (percent-encoded, punycode); Google accepts at most ${count(DISAVOW_MAX_URL_CHARS)}`,
    );
  }
  return { ok: true, entry: { kind: 'url', url: url.href } };
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Long values shortened for messages. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
