/**
 * The other HTTP-bearing records: `request` (what the crawler asked for: method, target, Referer...) and
 * `revisit` (a capture whose payload was not stored again because it was identical or unchanged; the
 * block holds the response head only, and the record points at the original capture).
 */
import type { HeaderFields } from './header-fields.ts';
import { parseHttpHead } from './http-head.ts';
import { type HttpFailure, type HttpResponse, parseHttpResponse } from './http-response.ts';
import type { WarcRecord } from './types.ts';

export interface HttpRequest {
  ok: true;
  method: string;
  /** The request target as written: a path (`/a?b`) or, through proxies, an absolute URL. */
  target: string;
  version: string;
  headers: HeaderFields;
  body: Uint8Array;
}

const REQUEST_LINE = /^([A-Za-z]+)[ \t]+(\S+)(?:[ \t]+(HTTP\/\d+(?:\.\d+)?))?$/i;

export function parseHttpRequest(block: Uint8Array): HttpRequest | HttpFailure {
  const head = parseHttpHead(block);
  const match = REQUEST_LINE.exec(head.startLine.trim());
  if (!match) {
    return {
      ok: false,
      reason: 'not-http',
      message: `not an HTTP request line: ${JSON.stringify(head.startLine.slice(0, 60))}`,
    };
  }
  return {
    ok: true,
    method: match[1]!.toUpperCase(),
    target: match[2]!,
    version: (match[3] ?? 'HTTP/0.9').toUpperCase(),
    headers: head.headers,
    body: block.subarray(head.bodyStart),
  };
}

export interface Revisit {
  /** `WARC-Profile`: `.../revisit/identical-payload-digest` or `.../revisit/server-not-modified`. */
  profile: string | null;
  /** The original capture: `WARC-Refers-To-Target-URI` (brackets removed), `-Date`, `WARC-Refers-To`. */
  refersToTargetUri: string | null;
  refersToDate: string | null;
  refersTo: string | null;
  /** `WARC-Payload-Digest`, the key to find the original payload by. */
  payloadDigest: string | null;
  /** The response head stored with the revisit (status, headers; no body), when there is one. */
  http: HttpResponse | HttpFailure | null;
}

export function parseRevisit(record: WarcRecord): Revisit {
  const headers = record.headers;
  const target = headers.get('warc-refers-to-target-uri');
  return {
    profile: headers.get('warc-profile') ?? null,
    refersToTargetUri: target === undefined ? null : target.replace(/^<(.*)>$/, '$1'),
    refersToDate: headers.get('warc-refers-to-date') ?? null,
    refersTo: headers.get('warc-refers-to') ?? null,
    payloadDigest: headers.get('warc-payload-digest') ?? null,
    http: record.block.length === 0 ? null : parseHttpResponse(record.block, { decode: false }),
  };
}
