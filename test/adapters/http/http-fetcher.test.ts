/**
 * The HTTP fetcher against real node:http servers on 127.0.0.1: headers sent, the address policy (checked
 * before any connection), --resolve routing, timeouts, refused connections, bodies not wanted, content
 * decoding, and one connection per host.
 *
 * Every URL here is an IP literal or a name routed by `resolve`, so nothing is looked up in DNS; and as a
 * guard, net.connect refuses any address but 127.0.0.1 (so a broken address check fails the test instead
 * of sending a packet to 169.254.169.254).
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetcher, type HttpFetcherOptions } from '../../../src/adapters/http/http-fetcher.ts';
import type {
  Fetcher,
  FetchRequest,
  FetchResponse,
  FetchResult,
} from '../../../src/core/crawl/fetch-port.ts';

const UA = 'linkledger-test/1.0 (+https://example.invalid/bot)';
const HTML = Buffer.from(
  `<!doctype html><html><head><title>T</title></head><body>${'<a href="/x">x</a>'.repeat(200)}</body></html>`,
);

// ---------------------------------------------------------------------------------------------------
// Guard: no connection anywhere but the loopback test servers.

const connectAttempts: string[] = [];
const realConnect = net.connect;
beforeAll(() => {
  (net as { connect: unknown }).connect = (...args: unknown[]) => {
    const options = args[0] as { host?: string; hostname?: string };
    const host =
      typeof options === 'object' && options !== null ? (options.host ?? options.hostname) : undefined;
    connectAttempts.push(String(host));
    if (host !== '127.0.0.1') {
      // A socket that fails at once: the fetch fails (with the wrong error kind) and no packet leaves.
      const socket = new net.Socket();
      setImmediate(() => socket.destroy(new Error(`test guard: refused a connection to ${String(host)}`)));
      return socket;
    }
    return (realConnect as (...a: unknown[]) => Socket)(...args);
  };
});
afterAll(() => {
  (net as { connect: unknown }).connect = realConnect;
});

// ---------------------------------------------------------------------------------------------------
// Servers

interface Logged {
  path: string;
  headers: IncomingMessage['headers'];
}

interface TestServer {
  server: Server;
  port: number;
  log: Logged[];
  connections: number;
  /** Most sockets open at once, and most requests being answered at once. */
  maxOpenSockets: number;
  maxInFlight: number;
  resetGauges(): void;
}

const servers: TestServer[] = [];

async function startServer(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const server = createServer();
  let open = 0;
  let inFlight = 0;
  const state: TestServer = {
    server,
    port: 0,
    log: [],
    connections: 0,
    maxOpenSockets: 0,
    maxInFlight: 0,
    resetGauges() {
      state.maxOpenSockets = open;
      state.maxInFlight = inFlight;
    },
  };
  server.on('connection', (socket: Socket) => {
    state.connections += 1;
    open += 1;
    state.maxOpenSockets = Math.max(state.maxOpenSockets, open);
    socket.on('close', () => {
      open -= 1;
    });
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    state.log.push({ path: req.url ?? '', headers: req.headers });
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  servers.push(state);
  return state;
}

const fetchers: Fetcher[] = [];
function fetcher(over: Partial<HttpFetcherOptions> = {}): Fetcher {
  const f = createHttpFetcher({
    userAgent: UA,
    timeouts: { connectMs: 2_000, readMs: 5_000, totalMs: 10_000 },
    perHost: 1,
    allowPrivateNetwork: true,
    resolve: [],
    ...over,
  });
  fetchers.push(f);
  return f;
}

afterAll(async () => {
  await Promise.all(fetchers.map((f) => f.close().catch(() => undefined)));
  for (const s of servers) s.server.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.server.close(resolve))));
});

const request = (url: string, over: Partial<FetchRequest> = {}): FetchRequest => ({
  url,
  purpose: 'page',
  maxBodyBytes: 10 * 1024 * 1024,
  maxDecodedBytes: 20 * 1024 * 1024,
  ...over,
});

function response(result: FetchResult): FetchResponse {
  if (result.kind !== 'response')
    throw new Error(`expected a response, got ${result.error}: ${result.message}`);
  return result;
}

const hanging: ServerResponse[] = [];

let site: TestServer;
let base: string;

beforeAll(async () => {
  site = await startServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/echo') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(req.headers));
    } else if (path === '/page') {
      res.setHeader('content-type', 'Text/HTML; Charset=UTF-8');
      res.setHeader('x-robots-tag', ['noarchive', 'nofollow']);
      res.end(HTML);
    } else if (path === '/gzip') {
      res.setHeader('content-type', 'text/html');
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync(HTML));
    } else if (path === '/pdf') {
      res.setHeader('content-type', 'application/pdf');
      res.end(Buffer.alloc(256 * 1024, 0x25));
    } else if (path === '/missing') {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/html');
      res.end('<html><body><a href="/x">gone</a></body></html>');
    } else if (path === '/moved') {
      res.statusCode = 301;
      res.setHeader('location', '/page');
      res.setHeader('content-type', 'text/html');
      res.end('<a href="/page">moved</a>');
    } else if (path === '/hang') {
      hanging.push(res); // never answers
    } else if (path === '/drip') {
      res.setHeader('content-type', 'text/html');
      res.write('<html><body>');
      const timer = setInterval(() => res.write('<p>more</p>'), 20);
      res.on('close', () => clearInterval(timer));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  base = `http://127.0.0.1:${site.port}`;
});

afterAll(() => {
  for (const res of hanging) res.destroy();
});

// ---------------------------------------------------------------------------------------------------

describe('http fetcher: requests', () => {
  it('sends the User-Agent, an Accept for the purpose and the codings it can undo', async () => {
    const attempts = connectAttempts.length;
    const result = response(await fetcher().fetch(request(`${base}/echo`, { purpose: 'robots' })));
    expect(result.status).toBe(200);
    expect(connectAttempts.slice(attempts)).toEqual(['127.0.0.1']); // the guard sees undici's connections
    const headers = JSON.parse(Buffer.from(result.body!).toString('utf8')) as Record<string, string>;
    expect(headers['user-agent']).toBe(UA);
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers.accept).toMatch(/text\/plain/);
    expect(headers.host).toBe(`127.0.0.1:${site.port}`);
  });

  it('reads an HTML page: status, lower-case mime, joined repeated headers, body and hash', async () => {
    const result = response(await fetcher().fetch(request(`${base}/page`)));
    expect(result).toMatchObject({
      kind: 'response',
      url: `${base}/page`,
      status: 200,
      mime: 'text/html',
      truncated: null,
      wireBytes: HTML.length,
    });
    expect(result.headers['x-robots-tag']).toBe('noarchive, nofollow');
    expect(result.headers['content-type']).toBe('Text/HTML; Charset=UTF-8');
    expect(Buffer.from(result.body!).equals(HTML)).toBe(true);
    expect(result.contentHash).toMatch(/^[0-9a-f]{32}$/);
    expect(result.remoteAddress).toBe('127.0.0.1');
  });

  it('decodes a gzip-encoded page', async () => {
    const result = response(await fetcher().fetch(request(`${base}/gzip`)));
    expect(result.headers['content-encoding']).toBe('gzip');
    expect(Buffer.from(result.body!).equals(HTML)).toBe(true);
    expect(result.wireBytes).toBe(gzipSync(HTML).length);
    expect(result.wireBytes).toBeLessThan(HTML.length);
  });

  it('does not read the body of a non-HTML page, a redirect or an error page', async () => {
    const f = fetcher();
    const pdf = response(await f.fetch(request(`${base}/pdf`)));
    expect(pdf).toMatchObject({
      status: 200,
      mime: 'application/pdf',
      body: null,
      wireBytes: 0,
      contentHash: null,
    });
    const moved = response(await f.fetch(request(`${base}/moved`)));
    expect(moved).toMatchObject({ status: 301, body: null });
    expect(moved.headers.location).toBe('/page');
    const missing = response(await f.fetch(request(`${base}/missing`)));
    expect(missing).toMatchObject({ status: 404, body: null });
    // The same PDF is read for a purpose that wants any body.
    const asSitemap = response(await f.fetch(request(`${base}/pdf`, { purpose: 'sitemap' })));
    expect(asSitemap.body?.length).toBe(256 * 1024);
  });

  it('cuts a body at maxBodyBytes', async () => {
    const result = response(await fetcher().fetch(request(`${base}/page`, { maxBodyBytes: 1000 })));
    expect(result.truncated).toBe('body');
    expect(result.wireBytes).toBe(1000);
    expect(Buffer.from(result.body!).equals(HTML.subarray(0, 1000))).toBe(true);
  });

  it('cuts a decoded body at maxDecodedBytes', async () => {
    const result = response(await fetcher().fetch(request(`${base}/gzip`, { maxDecodedBytes: 500 })));
    expect(result.truncated).toBe('decoded');
    expect(Buffer.from(result.body!).equals(HTML.subarray(0, 500))).toBe(true);
  });
});

describe('http fetcher: address safety', () => {
  it('refuses loopback unless private networks are allowed, before connecting', async () => {
    const before = { log: site.log.length, connections: site.connections, attempts: connectAttempts.length };
    const result = await fetcher({ allowPrivateNetwork: false }).fetch(request(`${base}/echo`));
    expect(result).toMatchObject({ kind: 'failure', error: 'blocked-address', url: `${base}/echo` });
    expect(site.log.length).toBe(before.log);
    expect(site.connections).toBe(before.connections);
    expect(connectAttempts.length).toBe(before.attempts);
  });

  it('routes a name with resolve, sending the name in the Host header', async () => {
    const f = fetcher({ resolve: [{ host: 'site.test', port: site.port, address: '127.0.0.1' }] });
    const result = response(
      await f.fetch(request(`http://site.test:${site.port}/echo`, { purpose: 'robots' })),
    );
    const headers = JSON.parse(Buffer.from(result.body!).toString('utf8')) as Record<string, string>;
    expect(headers.host).toBe(`site.test:${site.port}`);
    expect(site.log.at(-1)).toMatchObject({ path: '/echo' });
    expect(result.remoteAddress).toBe('127.0.0.1'); // the connected address, not the name
  });

  it('still applies the address policy to a resolve entry', async () => {
    const before = site.connections;
    const f = fetcher({
      allowPrivateNetwork: false,
      resolve: [{ host: 'site.test', port: site.port, address: '127.0.0.1' }],
    });
    const result = await f.fetch(request(`http://site.test:${site.port}/echo`));
    expect(result).toMatchObject({ kind: 'failure', error: 'blocked-address' });
    expect(site.connections).toBe(before);
  });

  it('refuses cloud metadata even with private networks allowed, by literal or by resolve', async () => {
    const attempts = connectAttempts.length;
    const f = fetcher({
      allowPrivateNetwork: true,
      resolve: [{ host: 'metadata.test', port: 80, address: '169.254.169.254' }],
    });
    const literal = await f.fetch(request('http://169.254.169.254/latest/meta-data/', { purpose: 'robots' }));
    expect(literal).toMatchObject({ kind: 'failure', error: 'blocked-address' });
    if (literal.kind === 'failure') expect(literal.message).toMatch(/169\.254\.169\.254/);
    const named = await f.fetch(request('http://metadata.test/latest/meta-data/'));
    expect(named).toMatchObject({ kind: 'failure', error: 'blocked-address' });
    expect(connectAttempts.length).toBe(attempts);
  });
});

describe('http fetcher: failures', () => {
  it('reports a server that never sends its head as a timeout', async () => {
    const f = fetcher({ timeouts: { connectMs: 2_000, readMs: 300, totalMs: 10_000 } });
    const result = await f.fetch(request(`${base}/hang`));
    expect(result).toMatchObject({ kind: 'failure', error: 'timeout' });
  });

  it('reports a body that never ends as a timeout of the whole request', async () => {
    const f = fetcher({ timeouts: { connectMs: 2_000, readMs: 5_000, totalMs: 400 } });
    const result = await f.fetch(request(`${base}/drip`));
    expect(result).toMatchObject({ kind: 'failure', error: 'timeout' });
  });

  it('reports a closed port as a connect failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await fetcher().fetch(request(`http://127.0.0.1:${port}/`));
    expect(result).toMatchObject({ kind: 'failure', error: 'connect' });
  });

  it('reports a URL it cannot parse', async () => {
    const result = await fetcher().fetch(request('not a url'));
    expect(result).toMatchObject({ kind: 'failure', error: 'other', url: 'not a url' });
  });
});

describe('http fetcher: one connection per host', () => {
  async function burst(perHost: number) {
    const server = await startServer((_req, res) => {
      // Long enough for the other requests to be waiting if they were sent at once.
      setTimeout(() => {
        res.setHeader('content-type', 'text/html');
        res.end('<html></html>');
      }, 50);
    });
    const f = fetcher({ perHost });
    const urls = [1, 2, 3].map((i) => `http://127.0.0.1:${server.port}/p${i}`);
    const results = await Promise.all(urls.map((url) => f.fetch(request(url))));
    await f.close();
    return { server, results };
  }

  it('with perHost 1, three requests issued at once reach the server one at a time on one connection', async () => {
    const { server, results } = await burst(1);
    expect(results.map((r) => response(r).status)).toEqual([200, 200, 200]);
    expect(server.log.map((l) => l.path).sort()).toEqual(['/p1', '/p2', '/p3']);
    expect(server.maxOpenSockets).toBe(1);
    expect(server.maxInFlight).toBe(1);
    expect(server.connections).toBe(1);
  });

  it('with perHost 3 they do overlap (so the gauges above can see it)', async () => {
    const { server, results } = await burst(3);
    expect(results.map((r) => response(r).status)).toEqual([200, 200, 200]);
    expect(server.maxOpenSockets).toBeGreaterThan(1);
    expect(server.maxInFlight).toBeGreaterThan(1);
  });
});
