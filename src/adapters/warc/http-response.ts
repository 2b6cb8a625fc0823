/**
 * The HTTP response inside a WARC `response` record's block: status line, headers, and the body with
 * its transfer and content codings undone (http-body.ts), plus the header helpers link extraction needs
 * (content type and charset, `Location`, `X-Robots-Tag`).
 *
 * The body is the rest of the block, whatever the HTTP `Content-Length` says: archives often disagree
 * with it (see ../shared/data/conformance/SOURCE.txt, FIXTURE QUIRKS), and the WARC framing is the one
 * that was checked.
 */
import type { HeaderFields } from './header-fields.ts';
import { type BodyProblem, codingsOf, decodeBody } from './http-body.ts';
import { parseHttpHead } from './http-head.ts';

export interface HttpResponse {
  ok: true;
  /** `HTTP/1.1`, `HTTP/1.0`, `HTTP/2` (as written, upper-cased). */
  version: string;
  status: number;
  /** The reason phrase, `''` when missing (`HTTP/1.1 200`). */
  reason: string;
  headers: HeaderFields;
  /** The body with its codings undone, or as stored where undoing failed (see `problems`). */
  body: Uint8Array;
  /** The bytes after the header, as stored in the WARC. */
  rawBody: Uint8Array;
  /** Codings undone, in the order undone: e.g. `['chunked', 'gzip']`. */
  decoded: string[];
  problems: BodyProblem[];
  /** False when the block ended inside the header (the body is then empty). */
  headerComplete: boolean;
}

export interface HttpFailure {
  ok: false;
  reason: 'not-http';
  message: string;
}

export interface ParseHttpOptions {
  /** Undo transfer and content codings. Default true. */
  decode?: boolean;
  /** Cap on decompressed body bytes (gzip bombs). Default 16 MiB. */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

const STATUS_LINE = /^(HTTP\/\d+(?:\.\d+)?)[ \t]+(\d{3})(?:[ \t]+(.*))?$/i;

export function parseHttpResponse(
  block: Uint8Array,
  options: ParseHttpOptions = {},
): HttpResponse | HttpFailure {
  const head = parseHttpHead(block);
  const match = STATUS_LINE.exec(head.startLine.trim());
  if (!match) {
    return {
      ok: false,
      reason: 'not-http',
      message: `not an HTTP status line: ${JSON.stringify(head.startLine.slice(0, 60))}`,
    };
  }
  const rawBody = asBuffer(block).subarray(head.bodyStart);
  const response: HttpResponse = {
    ok: true,
    version: match[1]!.toUpperCase(),
    status: Number(match[2]),
    reason: (match[3] ?? '').trim(),
    headers: head.headers,
    body: rawBody,
    rawBody,
    decoded: [],
    problems: [],
    headerComplete: head.complete,
  };
  if (options.decode === false || rawBody.length === 0) return response;
  const transfer = codingsOf(head.headers.getAll('transfer-encoding'));
  const content = codingsOf(head.headers.getAll('content-encoding'));
  if (transfer.length === 0 && content.length === 0) return response;
  const decoded = decodeBody(rawBody, transfer, content, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  response.body = decoded.bytes;
  response.decoded = decoded.decoded;
  response.problems = decoded.problems;
  return response;
}

export interface ContentType {
  /** Lower-case `type/subtype`. */
  mime: string;
  /** Lower-case `charset` parameter, or null. */
  charset: string | null;
  /** All parameters, lower-case names, unquoted values. */
  params: Record<string, string>;
}

/** The `Content-Type`: the last valid one when repeated (what browsers do, per the Fetch standard). */
export function contentTypeOf(headers: HeaderFields): ContentType | null {
  const values = headers.getAll('content-type');
  for (let k = values.length - 1; k >= 0; k--) {
    const parsed = parseContentType(values[k]!);
    if (parsed) return parsed;
  }
  return null;
}

export function parseContentType(value: string): ContentType | null {
  const [essence = '', ...rest] = value.split(';');
  const mime = essence.trim().toLowerCase();
  if (!/^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+$/.test(mime)) return null;
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    let paramValue = part.slice(eq + 1).trim();
    if (paramValue.length >= 2 && paramValue.startsWith('"') && paramValue.endsWith('"')) {
      paramValue = paramValue.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    if (name && !(name in params)) params[name] = paramValue;
  }
  const charset = params.charset ? params.charset.toLowerCase() : null;
  return { mime, charset, params };
}

/** The `Location` header (trimmed, unresolved), or null. */
export function locationOf(headers: HeaderFields): string | null {
  const value = headers.get('location')?.trim();
  return value ? value : null;
}

/** Every `X-Robots-Tag` value, in order (each may hold several comma-separated directives). */
export function robotsTagsOf(headers: HeaderFields): string[] {
  return headers.getAll('x-robots-tag').filter((value) => value.length > 0);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
