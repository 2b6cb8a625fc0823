/**
 * The crawler's `Fetcher` (core/crawl/fetch-port.ts) on undici 7: one GET, no redirect following (the crawl
 * schedules every hop), timeouts for connect, the response head, idle body and the whole request, the
 * safe connector (safe-connect.ts) and the body caps (read-body.ts).
 *
 * Connections: an undici Agent keeps one pool per origin with at most `perHost` sockets, kept alive
 * between requests, so the crawl's politeness (one request at a time per host by default) is also one
 * connection per host. Bodies nobody wants (a PDF found by a link) are not downloaded: the connection is
 * dropped after the head.
 *
 * `remoteAddress` of a response: the address the safe connector last connected to for the request's
 * origin (a Map filled by the connector; the pool reuses those sockets), null if none is known.
 */
import { Agent } from 'undici';
import type { ResolveSpec } from '../../core/crawl/address-policy.ts';
import type { FetchErrorKind, Fetcher, FetchRequest, FetchResult } from '../../core/crawl/fetch-port.ts';
import type { CrawlTimeouts } from '../../core/crawl/settings.ts';
import { readBody } from './read-body.ts';
import { connectionKey, safeConnector } from './safe-connect.ts';

export interface HttpFetcherOptions {
  userAgent: string;
  timeouts: CrawlTimeouts;
  perHost: number;
  allowPrivateNetwork: boolean;
  resolve: readonly ResolveSpec[];
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const ACCEPT: Record<FetchRequest['purpose'], string> = {
  page: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  robots: 'text/plain,*/*;q=0.1',
  sitemap: 'application/xml,text/xml,text/plain,application/gzip;q=0.9,*/*;q=0.1',
};

export function createHttpFetcher(options: HttpFetcherOptions): Fetcher {
  const addresses = new Map<string, string>();
  const agent = new Agent({
    connections: options.perHost,
    connect: safeConnector({
      allowPrivateNetwork: options.allowPrivateNetwork,
      resolve: options.resolve,
      connectTimeoutMs: options.timeouts.connectMs,
      onConnect: (key, address) => addresses.set(key, address),
    }),
    headersTimeout: options.timeouts.readMs,
    bodyTimeout: options.timeouts.readMs,
    keepAliveTimeout: 10_000,
  });
  return {
    fetch: (request) => fetchOnce(agent, options, request, addresses),
    close: () => agent.close(),
  };
}

async function fetchOnce(
  agent: Agent,
  options: HttpFetcherOptions,
  request: FetchRequest,
  addresses: ReadonlyMap<string, string>,
): Promise<FetchResult> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { kind: 'failure', url: request.url, error: 'other', message: 'not a URL' };
  }
  const signal = AbortSignal.timeout(options.timeouts.totalMs);
  try {
    const response = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: {
        'user-agent': options.userAgent,
        accept: ACCEPT[request.purpose],
        'accept-encoding': 'gzip, deflate, br',
      },
      signal,
    });
    const headers = flatHeaders(response.headers);
    const remoteAddress = addresses.get(connectionKey(url.protocol, url.hostname, url.port)) ?? null;
    const mime = mimeOf(headers['content-type']);
    const wanted =
      request.purpose !== 'page' || (response.statusCode < 300 && (mime === null || HTML_TYPES.has(mime)));
    if (!wanted) {
      // Not downloaded: a short body is read away (the connection stays usable), a long one drops the connection.
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      return {
        kind: 'response',
        url: request.url,
        status: response.statusCode,
        headers,
        mime,
        body: null,
        truncated: null,
        wireBytes: 0,
        contentHash: null,
        remoteAddress,
      };
    }
    const body = await readBody(response.body, headers['content-encoding'], request);
    if (body.truncated === 'broken' && signal.aborted) {
      return {
        kind: 'failure',
        url: request.url,
        error: 'timeout',
        message: 'the whole request took too long',
      };
    }
    return {
      kind: 'response',
      url: request.url,
      status: response.statusCode,
      headers,
      mime,
      body: body.bytes,
      truncated: body.truncated,
      wireBytes: body.wireBytes,
      contentHash: body.contentHash,
      remoteAddress,
    };
  } catch (error) {
    const kind = errorKind(error, signal);
    return { kind: 'failure', url: request.url, error: kind, message: messageOf(error) };
  }
}

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function mimeOf(contentType: string | undefined): string | null {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return essence && /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+$/.test(essence) ? essence : null;
}

function errorKind(error: unknown, signal: AbortSignal): FetchErrorKind {
  if (signal.aborted) return 'timeout';
  const e = error as { code?: string; name?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  switch (code) {
    case 'LINKLEDGER_BLOCKED_ADDRESS':
      return 'blocked-address';
    case 'LINKLEDGER_DNS':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'connect';
    case 'UND_ERR_SOCKET':
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_CLOSED':
      return 'reset';
  }
  if (code.startsWith('HPE_') || code === 'UND_ERR_INFO' || code === 'UND_ERR_RESPONSE_STATUS_CODE')
    return 'protocol';
  if (/CERT|TLS|SSL/i.test(code) || /certificate/i.test(messageOf(error))) return 'tls';
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  return 'other';
}

function messageOf(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  const message = e.message ?? String(error);
  return e.cause?.message && !message.includes(e.cause.message) ? `${message}: ${e.cause.message}` : message;
}
