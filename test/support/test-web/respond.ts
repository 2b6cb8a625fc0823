/** Routes of a virtual host, and the small helpers the host files write their answers with. */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { HostName } from './types.ts';

export interface ResolvedOptions {
  slowHeadersMs: number;
  trickleIntervalMs: number;
  hugeBytes: number;
  bombBytes: number;
}

/** What a route handler gets for one request. */
export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  /** The path as sent, percent-encoding kept, without the query. */
  path: string;
  /** The query with its `?`, or ''. */
  search: string;
  /** Counts the hits of `key` in this test web instance, this one included. */
  hit(key: string): number;
  /** Per-instance memory for stateful routes (429 timing). */
  memory: Map<string, number>;
  /** Milliseconds since the test web started. */
  now(): number;
  /** A timeout cancelled when the response closes or the server stops. */
  after(ms: number, fn: () => void): void;
  /** An interval cancelled when the response closes or the server stops. */
  every(ms: number, fn: () => void): void;
  options: ResolvedOptions;
}

export type Handler = (ctx: Ctx) => void;

export interface HostDef {
  name: HostName;
  /** Exact paths (percent-encoded as a client sends them, no query). */
  routes: Record<string, Handler>;
  /** Pattern routes; returns false when the path is not one of its own. */
  dynamic?: (ctx: Ctx) => boolean;
}

/** Sends a whole response (headers only for HEAD). */
export function send(ctx: Ctx, status: number, headers: OutgoingHttpHeaders, body: string | Uint8Array = '') {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  ctx.res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
  ctx.res.end(ctx.req.method === 'HEAD' ? undefined : bytes);
}

export const HTML_UTF8 = 'text/html; charset=utf-8';

/** A 200 HTML page; `headers` may replace the content type. */
export function html(body: string | Uint8Array, headers: OutgoingHttpHeaders = {}): Handler {
  return (ctx) => send(ctx, 200, { 'content-type': HTML_UTF8, ...headers }, body);
}

export function text(body: string, status = 200): Handler {
  return (ctx) => send(ctx, status, { 'content-type': 'text/plain; charset=utf-8' }, body);
}

export function file(
  contentType: string,
  body: string | Uint8Array,
  headers: OutgoingHttpHeaders = {},
): Handler {
  return (ctx) => send(ctx, 200, { 'content-type': contentType, ...headers }, body);
}

export function status(code: number, body: string, headers: OutgoingHttpHeaders = {}): Handler {
  return (ctx) => send(ctx, code, { 'content-type': HTML_UTF8, ...headers }, body);
}

export function redirect(code: 301 | 302 | 303 | 307 | 308, location: string): Handler {
  return (ctx) =>
    send(
      ctx,
      code,
      { location, 'content-type': HTML_UTF8 },
      `<!doctype html><title>Moved</title><p>Moved to <a href="${location}">${location}</a></p>`,
    );
}

export const notFound: Handler = (ctx) =>
  send(ctx, 404, { 'content-type': HTML_UTF8 }, '<!doctype html><title>Not found</title><p>Not found</p>');
