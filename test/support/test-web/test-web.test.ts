/**
 * The test web itself: routing by Host, robots answers, stateful pages, the bomb, the trap, the log and
 * the concurrency counters, and that the hand-written expectations (expected.ts) agree with what is served.
 */
import { Agent, type IncomingHttpHeaders, type IncomingMessage, request } from 'node:http';
import { createGunzip, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResolveSpec } from '../../../src/core/crawl/address-policy.ts';
import {
  type ExpectedUrl,
  HOSTS,
  type RequestLogEntry,
  startTestWeb,
  type TestWeb,
  type TestWebOptions,
} from './index.ts';

const webs: TestWeb[] = [];
async function start(options: TestWebOptions = {}): Promise<TestWeb> {
  const web = await startTestWeb(options);
  webs.push(web);
  return web;
}
afterAll(async () => {
  await Promise.all(webs.map((w) => w.close()));
});

const FAST: TestWebOptions = { slowHeadersMs: 200, trickleIntervalMs: 40 };

// ---------------------------------------------------------------------------------------------------
// A small HTTP client: node:http to 127.0.0.1 with the URL's host in the Host header (no decompression).

interface Init {
  method?: string;
  headers?: Record<string, string>;
  agent?: Agent | false;
  host?: string;
}

function open(web: TestWeb, url: string, init: Init = {}): Promise<IncomingMessage> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: web.port,
      method: init.method ?? 'GET',
      path: u.pathname + u.search,
      headers: { host: init.host ?? u.host, 'user-agent': 'test-web-test/1.0', ...init.headers },
      agent: init.agent ?? false,
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

async function fetchAll(web: TestWeb, url: string, init: Init = {}): Promise<Answer> {
  const res = await open(web, url, init);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) };
}

/** The status and headers only; the connection is dropped after the head. */
async function headOnly(
  web: TestWeb,
  url: string,
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  const res = await open(web, url);
  res.destroy();
  return { status: res.statusCode ?? 0, headers: res.headers };
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function entryFor(web: TestWeb, host: string, path: string): RequestLogEntry {
  const entry = web.log.findLast((e) => e.host === host && e.path === path);
  if (!entry) throw new Error(`no log entry for ${host}${path}`);
  return entry;
}

// ---------------------------------------------------------------------------------------------------
// A minimal reader for the test web's own HTML (which is written to be read this way).

/** windows-1252, WHATWG mapping (Node's TextDecoder reads 0x80-0x9F as Latin-1 C1 controls). */
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decode(bytes: Buffer, charset: string): string {
  if (charset !== 'windows-1252') return new TextDecoder(charset).decode(bytes);
  let out = '';
  for (const byte of bytes)
    out += byte >= 0x80 && byte <= 0x9f ? CP1252_80_9F[byte - 0x80] : String.fromCharCode(byte);
  return out;
}

interface Read {
  baseUrl: string;
  canonical: string | null;
  refresh: string | null;
  noindex: boolean;
  nofollow: boolean;
  links: Array<{ target: string; anchor: string; rel: string[] }>;
}

const attr = (tag: string, name: string): string | null =>
  new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1] ?? null;

function normalise(raw: string, base: string): string {
  const url = new URL(raw, base);
  url.hash = '';
  return url.href;
}

function readHtml(html: string, pageUrl: string, xRobotsTag?: string): Read {
  const baseHref = /<base\s[^>]*>/i.exec(html)?.[0];
  const baseUrl = baseHref ? normalise(attr(baseHref, 'href') ?? '', pageUrl) : pageUrl;
  const canonicalTag = /<link\s[^>]*rel="canonical"[^>]*>/i.exec(html)?.[0];
  const refreshTag = /<meta\s[^>]*http-equiv="refresh"[^>]*>/i.exec(html)?.[0];
  const refreshUrl = refreshTag ? /url=(.*)$/i.exec(attr(refreshTag, 'content') ?? '')?.[1] : undefined;
  const robotsTag = /<meta\s[^>]*name="robots"[^>]*>/i.exec(html)?.[0];
  const robots = `${robotsTag ? attr(robotsTag, 'content') : ''},${xRobotsTag ?? ''}`.toLowerCase();
  const links = [...html.matchAll(/<a(\s[^>]*)>([\s\S]*?)<\/a>/gi)].map(([, attrs = '', inner = '']) => ({
    target: normalise(attr(attrs, 'href') ?? '', baseUrl),
    anchor: inner
      .replace(/<img\s[^>]*alt="([^"]*)"[^>]*>/gi, ' $1 ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
    rel: [
      ...new Set(
        (attr(attrs, 'rel') ?? '')
          .toLowerCase()
          .split(/[\s,]+/)
          .filter((t) => t !== ''),
      ),
    ],
  }));
  return {
    baseUrl,
    canonical: canonicalTag ? normalise(attr(canonicalTag, 'href') ?? '', baseUrl) : null,
    refresh: refreshUrl ? normalise(refreshUrl, baseUrl) : null,
    noindex: /\bnoindex\b/.test(robots),
    nofollow: /\bnofollow\b/.test(robots),
    links,
  };
}

/** Reads an HTML answer: gzip undone, decoded with the charset of its header or its <meta charset>. */
function readAnswer(url: string, answer: Answer, charset?: string): Read {
  const body = answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body) : answer.body;
  const declared =
    charset ??
    /charset=([\w-]+)/i.exec(String(answer.headers['content-type'] ?? ''))?.[1] ??
    /<meta charset="([\w-]+)">/i.exec(body.subarray(0, 1024).toString('latin1'))?.[1] ??
    'utf-8';
  const xRobots = answer.headers['x-robots-tag'];
  return readHtml(decode(body, declared.toLowerCase()), url, typeof xRobots === 'string' ? xRobots : '');
}

// ---------------------------------------------------------------------------------------------------

describe('test web: hosts and routing', () => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await start(FAST);
  });

  it('listens on 127.0.0.1 and names one --resolve entry per virtual host', () => {
    expect(web.port).toBeGreaterThan(0);
    expect(web.hosts).toEqual(Object.values(HOSTS));
    expect(web.resolveArgs).toEqual(web.hosts.map((h) => `${h}:${web.port}:127.0.0.1`));
    for (const arg of web.resolveArgs) {
      expect(parseResolveSpec(arg)).toEqual({
        host: arg.split(':')[0],
        port: web.port,
        address: '127.0.0.1',
      });
    }
    expect(web.origin('site-a.test')).toBe(`http://site-a.test:${web.port}`);
    expect(() => web.origin('external.example')).toThrow(/not a host of the test web/);
  });

  it('routes by the Host header (name without port, any case) and refuses unknown hosts with 421', async () => {
    const a = await fetchAll(web, `${web.origin('site-a.test')}/`);
    const b = await fetchAll(web, `${web.origin('site-b.test')}/`);
    expect(a.status).toBe(200);
    expect(a.body.toString()).toContain('<title>Site A</title>');
    expect(b.body.toString()).toContain('<title>Site B</title>');
    const upper = await fetchAll(web, `${web.origin('site-a.test')}/`, { host: 'SITE-A.TEST' });
    expect(upper.body.toString()).toContain('<title>Site A</title>');
    for (const host of ['external.example', `127.0.0.1:${web.port}`, 'localhost']) {
      expect((await fetchAll(web, `${web.origin('site-a.test')}/`, { host })).status).toBe(421);
    }
    expect((await fetchAll(web, `${web.origin('site-b.test')}/about.html`)).status).toBe(404);
  });

  it('answers robots.txt per host: rules, 404, 500, a redirect, Crawl-delay', async () => {
    const robots = (host: string) => fetchAll(web, `${web.origin(host)}/robots.txt`);
    const a = await robots('site-a.test');
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toMatch(/^text\/plain/);
    const text = a.body.toString();
    for (const line of [
      'Disallow: /private/',
      'Allow: /private/public-note.html',
      'Disallow: /*.cgi$',
      'Disallow: /search*q=',
      `Sitemap: ${web.origin('site-a.test')}/sitemap-index.xml`,
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    expect((await robots('blog.site-a.test')).status).toBe(404);
    expect((await robots('broken.test')).status).toBe(500);
    const trap = await robots('trap.test');
    expect(trap.status).toBe(301);
    expect(trap.headers.location).toBe('/robots-moved.txt');
    expect((await fetchAll(web, `${web.origin('trap.test')}/robots-moved.txt`)).body.toString()).toContain(
      'Disallow: /hidden/',
    );
    expect((await robots('site-b.test')).body.toString()).toContain('Crawl-delay: 1\n');
  });

  it('serves files by Content-Type, whatever their extension', async () => {
    const a = web.origin('site-a.test');
    const type = async (path: string) => {
      const r = await fetchAll(web, `${a}${path}`);
      return [r.headers['content-type'], r.body.subarray(0, 4).toString('latin1')];
    };
    expect(await type('/files/report.pdf')).toEqual(['application/pdf', '%PDF']);
    expect(await type('/files/logo.png')).toEqual(['image/png', '\x89PNG']);
    expect(await type('/files/not-html.html')).toEqual(['image/png', '\x89PNG']);
    expect(await type('/files/really-html.pdf')).toEqual(['text/html; charset=utf-8', '<!do']);
    expect(await type('/files/data.json')).toEqual(['application/json', '{"na']);
    expect((await type('/files/notes.txt'))[0]).toBe('text/plain; charset=utf-8');
    const download = await fetchAll(web, `${a}/files/download`);
    expect(download.headers['content-disposition']).toBe('attachment; filename="report.pdf"');
  });

  it('serves a sitemap index, a sitemap and a gzipped sitemap (a .gz file, not Content-Encoding)', async () => {
    const a = web.origin('site-a.test');
    const index = await fetchAll(web, `${a}/sitemap-index.xml`);
    expect(index.body.toString()).toContain(`<loc>${a}/sitemap-extra.xml.gz</loc>`);
    const gz = await fetchAll(web, `${a}/sitemap-extra.xml.gz`);
    expect(gz.headers['content-encoding']).toBeUndefined();
    expect([...gz.body.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(gz.body).toString()).toContain(`<loc>${a}/gz-sitemap-only.html</loc>`);
  });

  it('encodes the legacy-charset pages in their charsets', async () => {
    const a = web.origin('site-a.test');
    const cp = await fetchAll(web, `${a}/charset/windows-1252.html`);
    expect(cp.headers['content-type']).toBe('text/html; charset=windows-1252');
    // "Café — «naïve» €5": é E9, — 97, « AB, ï EF, » BB, € 80 (no UTF-8 anywhere).
    const anchor = Buffer.from([
      0x43, 0x61, 0x66, 0xe9, 0x20, 0x97, 0x20, 0xab, 0x6e, 0x61, 0xef, 0x76, 0x65, 0xbb, 0x20, 0x80, 0x35,
    ]);
    expect(cp.body.includes(anchor)).toBe(true);
    expect(cp.body.includes(Buffer.from('href="/charset/caf\xe9.html"', 'latin1'))).toBe(true);
    const sjis = await fetchAll(web, `${a}/charset/shift_jis.html`);
    expect(sjis.headers['content-type']).toBe('text/html');
    expect(new TextDecoder('shift_jis').decode(sjis.body)).toContain('>日本語のテスト</a>');
    expect(sjis.body.includes(Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]))).toBe(true);
  });

  it('keeps the trap endless: every calendar page links to a new next month', async () => {
    const trap = web.origin('trap.test');
    const seen = new Set<string>();
    let url = `${trap}/calendar/2026/11`;
    for (let i = 0; i < 30; i++) {
      const r = await fetchAll(web, url);
      expect(r.status).toBe(200);
      const { links } = readHtml(r.body.toString(), url);
      expect(links.map((l) => l.anchor)).toEqual(['Previous month', 'Next month', 'Hidden']);
      seen.add(url);
      url = links[1]!.target;
      expect(seen.has(url)).toBe(false);
    }
    expect(url).toBe(`${trap}/calendar/2029/05`);
    const far = await fetchAll(web, `${trap}/calendar/9999/12`);
    const next = readHtml(far.body.toString(), `${trap}/calendar/9999/12`).links[1]!.target;
    expect(next).toBe(`${trap}/calendar/10000/01`);
    expect((await fetchAll(web, next)).status).toBe(200);
    expect((await fetchAll(web, `${trap}/calendar/2026/13`)).status).toBe(404);
    expect((await fetchAll(web, `${trap}/calendar/2026/1`)).status).toBe(404);
  });
});

describe('test web: stateful and misbehaving pages', () => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await start(FAST);
  });

  it('answers 503 twice then 200, counting per test web instance', async () => {
    const url = (w: TestWeb) => `${w.origin('flaky.test')}/503-twice.html`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetchAll(web, url(web))).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    const other = await start(FAST);
    expect((await fetchAll(other, url(other))).status).toBe(503);
    expect((await fetchAll(web, url(web))).status).toBe(200);
    await other.close();
  });

  it('answers 429 with Retry-After: 1 until a request waits that second, then 200', async () => {
    const url = `${web.origin('flaky.test')}/429.html`;
    const first = await fetchAll(web, url);
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('1');
    expect((await fetchAll(web, url)).status).toBe(429); // too early
    await sleep(1000);
    const after = await fetchAll(web, url);
    expect(after.status).toBe(200);
    expect(after.body.toString()).toContain('href="/after-429.html"');
    expect((await fetchAll(web, url)).status).toBe(200);
  });

  it('always answers 500, 404 and 410 where it says so', async () => {
    const flaky = web.origin('flaky.test');
    expect((await fetchAll(web, `${flaky}/always-500.html`)).status).toBe(500);
    expect((await fetchAll(web, `${flaky}/always-500.html`)).status).toBe(500);
    expect((await fetchAll(web, `${flaky}/not-found.html`)).status).toBe(404);
    expect((await fetchAll(web, `${flaky}/gone.html`)).status).toBe(410);
  });

  it('sends a small gzip bomb that inflates past 100 MB (counted streaming, stopped early)', async () => {
    const res = await open(web, `${web.origin('flaky.test')}/bomb.html`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(Number(res.headers['content-length'])).toBeLessThan(2_000_000);
    const limit = 100 * 1024 * 1024;
    const gunzip = createGunzip();
    let inflated = 0;
    let head = '';
    await new Promise<void>((resolve, reject) => {
      gunzip.on('data', (chunk: Buffer) => {
        if (head.length < 15) head += chunk.subarray(0, 15).toString('latin1');
        inflated += chunk.length;
        if (inflated > limit) {
          res.destroy();
          gunzip.destroy();
          resolve();
        }
      });
      gunzip.on('error', reject);
      gunzip.on('end', () => reject(new Error(`the bomb ended after ${inflated} bytes`)));
      res.pipe(gunzip);
    });
    expect(inflated).toBeGreaterThan(limit);
    expect(head.startsWith('<!doctype html>')).toBe(true);
  });

  it('serves a legitimate gzip-encoded page', async () => {
    const r = await fetchAll(web, `${web.origin('flaky.test')}/gzipped.html`);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(r.body).toString()).toContain('href="/from-gzipped.html"');
  });

  it('streams a 20 MiB page chunked, and one with Content-Length (and its HEAD without a body)', async () => {
    const flaky = web.origin('flaky.test');
    const chunked = await fetchAll(web, `${flaky}/huge.html`);
    expect(chunked.headers['content-length']).toBeUndefined();
    expect(chunked.headers['transfer-encoding']).toBe('chunked');
    expect(chunked.body.length).toBe(20 * 1024 * 1024);
    expect(chunked.body.subarray(-15).toString()).toBe('</body></html>\n');
    const head = await fetchAll(web, `${flaky}/huge-declared.html`, { method: 'HEAD' });
    expect(head.headers['content-length']).toBe(String(20 * 1024 * 1024));
    expect(head.body.length).toBe(0);
    const declared = await fetchAll(web, `${flaky}/huge-declared.html`);
    expect(declared.body.length).toBe(20 * 1024 * 1024);
  });

  it('answers /slow/headers.html only after the delay', async () => {
    const t0 = performance.now();
    const r = await fetchAll(web, `${web.origin('flaky.test')}/slow/headers.html`);
    expect(r.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
  });

  it('trickles /slow/trickle.html for ever, and logs it cut when the client leaves', async () => {
    const res = await open(web, `${web.origin('flaky.test')}/slow/trickle.html`);
    let bytes = 0;
    let chunks = 0;
    let ended = false;
    res.on('data', (c: Buffer) => {
      bytes += c.length;
      chunks++;
    });
    res.on('end', () => {
      ended = true;
    });
    await sleep(400);
    expect(ended).toBe(false);
    expect(chunks).toBeGreaterThanOrEqual(4);
    const before = bytes;
    await sleep(200);
    expect(bytes).toBeGreaterThan(before);
    res.destroy();
    const entry = entryFor(web, 'flaky.test', '/slow/trickle.html');
    await until(() => entry.endedAt !== null);
    expect(entry).toMatchObject({ status: 200, completed: false });
  });

  it('stalls /slow/stall.html after a few bytes', async () => {
    const res = await open(web, `${web.origin('flaky.test')}/slow/stall.html`);
    const got: Buffer[] = [];
    res.on('data', (c: Buffer) => got.push(c));
    await sleep(150);
    const first = Buffer.concat(got).length;
    expect(first).toBeGreaterThan(0);
    await sleep(300);
    expect(Buffer.concat(got).length).toBe(first);
    res.destroy();
  });

  it('cuts /cut.html mid-body: fewer bytes than Content-Length, then the connection closes', async () => {
    const res = await open(web, `${web.origin('flaky.test')}/cut.html`);
    expect(res.headers['content-length']).toBe('100000');
    let bytes = 0;
    const outcome = await new Promise<string>((resolve) => {
      res.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      res.on('end', () => resolve('end'));
      res.on('aborted', () => resolve('aborted'));
      res.on('error', () => resolve('error'));
    });
    expect(outcome).not.toBe('end');
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(100000);
    const entry = entryFor(web, 'flaky.test', '/cut.html');
    await until(() => entry.endedAt !== null);
    expect(entry.completed).toBe(false);
  });
});

describe('test web: log and concurrency counters', () => {
  it('logs every request and counts parallel requests and sockets per host', async () => {
    const web = await start({ slowHeadersMs: 300 });
    const slow = `${web.origin('flaky.test')}/slow/headers.html`;
    const both = Promise.all([fetchAll(web, slow), fetchAll(web, slow)]);
    await until(() => web.log.length === 2);
    // Both in flight: no status yet, not ended.
    expect(web.log.map((e) => [e.host, e.path, e.status, e.endedAt])).toEqual([
      ['flaky.test', '/slow/headers.html', 0, null],
      ['flaky.test', '/slow/headers.html', 0, null],
    ]);
    const answers = await both;
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await until(() => web.log.every((e) => e.endedAt !== null));
    expect(web.maxConcurrentPerHost()).toEqual(new Map([['flaky.test', 2]]));
    expect(web.maxOpenSocketsPerHost()).toEqual(new Map([['flaky.test', 2]]));
    const [one, two] = web.log;
    expect(one!.socketId).not.toBe(two!.socketId);
    for (const entry of web.log) {
      expect(entry).toMatchObject({
        method: 'GET',
        status: 200,
        completed: true,
        userAgent: 'test-web-test/1.0',
      });
      expect(entry.endedAt!).toBeGreaterThanOrEqual(entry.startedAt + 290);
    }

    // One keep-alive connection, three requests in a row, to site-a.test: one socket, one at a time.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const a = web.origin('site-a.test');
    await fetchAll(web, `${a}/`, { agent });
    await fetchAll(web, `${a}/about.html`, { agent, method: 'HEAD' });
    await fetchAll(web, `${a}/nothing-here`, { agent, headers: { 'user-agent': 'other/2' } });
    agent.destroy();
    const siteA = web.log.filter((e) => e.host === 'site-a.test');
    expect(siteA.map((e) => [e.method, e.path, e.status, e.userAgent])).toEqual([
      ['GET', '/', 200, 'test-web-test/1.0'],
      ['HEAD', '/about.html', 200, 'test-web-test/1.0'],
      ['GET', '/nothing-here', 404, 'other/2'],
    ]);
    expect(new Set(siteA.map((e) => e.socketId)).size).toBe(1);
    expect(web.maxConcurrentPerHost().get('site-a.test')).toBe(1);
    expect(web.maxOpenSocketsPerHost().get('site-a.test')).toBe(1);
    for (let i = 1; i < web.log.length; i++) {
      expect(web.log[i]!.startedAt).toBeGreaterThanOrEqual(web.log[i - 1]!.startedAt);
    }
    await web.close();
  });

  it('closes promptly with requests in flight, destroying their connections', async () => {
    const web = await start();
    const res = await open(web, `${web.origin('flaky.test')}/slow/stall.html`);
    const pending = open(web, `${web.origin('flaky.test')}/slow/headers.html`).then(
      () => 'answered',
      () => 'failed',
    );
    await until(() => web.log.length === 2);
    const closedByServer = new Promise<void>((resolve) => res.on('close', () => resolve()));
    const t0 = performance.now();
    await web.close();
    expect(performance.now() - t0).toBeLessThan(1000);
    await closedByServer;
    expect(await pending).toBe('failed');
    await web.close(); // twice is fine
  });
});

describe('test web: the expectations agree with what is served', () => {
  let web: TestWeb;
  const isOurs = (url: string) => (web.hosts as string[]).includes(new URL(url).hostname);
  const bodies = new Map<string, Answer>();

  /** The whole answer, retrying 503 / waiting out 429 until 200 (for via pages). */
  async function page(url: string): Promise<Answer> {
    const cached = bodies.get(url);
    if (cached) return cached;
    let answer = await fetchAll(web, url);
    for (let i = 0; i < 3 && (answer.status === 503 || answer.status === 429); i++) {
      if (answer.status === 429) await sleep(1000);
      answer = await fetchAll(web, url);
    }
    bodies.set(url, answer);
    return answer;
  }

  function references(via: string, viaAnswer: Answer, url: string): boolean {
    // robots.txt is met through anything that leads to its host.
    const isRobots = new URL(url).pathname === '/robots.txt';
    const leadsTo = (target: string | null) =>
      target !== null && (isRobots ? new URL(target).origin === new URL(url).origin : target === url);
    const redirect = web.expected.redirects.find((r) => r.from === via);
    if (redirect) return leadsTo(redirect.target);
    if (via === url) return true;
    const path = new URL(via).pathname;
    if (path === '/robots.txt') return viaAnswer.body.toString().includes(`Sitemap: ${url}\n`);
    if (path.endsWith('.xml') || path.endsWith('.xml.gz')) {
      const xml = path.endsWith('.gz') ? gunzipSync(viaAnswer.body).toString() : viaAnswer.body.toString();
      return xml.includes(`<loc>${url}</loc>`);
    }
    const read = readAnswer(via, viaAnswer);
    return [...read.links.map((l) => l.target), read.refresh, read.canonical].some(leadsTo);
  }

  beforeAll(async () => {
    web = await start({ slowHeadersMs: 50, trickleIntervalMs: 20, hugeBytes: 1 << 20 });
  });

  it('lists each URL once per crawl, in one list only, with one status everywhere', () => {
    const statuses = new Map<string, number | undefined>();
    for (const crawl of Object.values(web.expected.crawls)) {
      const lists = [crawl.fetch, crawl.fetchIfSitemaps, crawl.mayFetch, crawl.neverFetch];
      const urls = lists.flat().map((e) => e.url);
      expect(urls.length, `${crawl.scope}: duplicates`).toBe(new Set(urls).size);
      for (const e of lists.flat()) {
        if (statuses.has(e.url)) expect(e.status, e.url).toBe(statuses.get(e.url));
        statuses.set(e.url, e.status);
        expect(e.status === undefined, e.url).toBe(!isOurs(e.url));
      }
      for (const url of crawl.mayRepeat) expect(urls, url).toContain(url);
      // A never-fetched URL on a test web host is either in scope (and forbidden) or out of scope.
      for (const e of crawl.neverFetch.filter((n) => isOurs(n.url))) {
        const inScope = crawl.scopeHosts.includes(new URL(e.url).hostname);
        expect(inScope || e.why.startsWith('outside scope'), e.url).toBe(true);
      }
      for (const host of crawl.neverContactHosts) expect(web.hosts as string[]).not.toContain(host);
    }
    expect(web.expected.seed).toBe(`${web.origin('site-a.test')}/`);
    // The scopes nest: what site fetches, domain fetches; what domain fetches, discover fetches.
    const fetched = (scope: 'site' | 'domain' | 'discover') =>
      web.expected.crawls[scope].fetch.map((e) => e.url);
    expect(fetched('domain')).toEqual(expect.arrayContaining(fetched('site')));
    expect(fetched('discover')).toEqual(expect.arrayContaining(fetched('domain')));
  });

  it('gives the status of the first answer of every listed URL', async () => {
    const entries = new Map<string, ExpectedUrl>();
    for (const crawl of Object.values(web.expected.crawls)) {
      for (const e of [...crawl.fetch, ...crawl.fetchIfSitemaps, ...crawl.mayFetch, ...crawl.neverFetch]) {
        if (isOurs(e.url)) entries.set(e.url, e);
      }
    }
    expect(entries.size).toBeGreaterThan(90);
    for (const [url, e] of entries) {
      expect((await headOnly(web, url)).status, url).toBe(e.status);
    }
  });

  it('names a via page, sitemap, robots.txt or redirect that really leads to every URL', async () => {
    for (const crawl of Object.values(web.expected.crawls)) {
      const lists = [crawl.fetch, crawl.fetchIfSitemaps, crawl.mayFetch, crawl.neverFetch];
      for (const e of lists.flat()) {
        expect(references(e.via, await page(e.via), e.url), `${e.url} via ${e.via}`).toBe(true);
      }
      for (const e of crawl.mayFetchPrefixes) {
        const read = readHtml((await page(e.via)).body.toString(), e.via);
        expect(read.links.some((l) => l.target.startsWith(e.url))).toBe(true);
      }
    }
  });

  it('leaves no link of a fetched page out of the lists (discover)', async () => {
    const crawl = web.expected.crawls.discover;
    const known = new Set(
      [...crawl.fetch, ...crawl.fetchIfSitemaps, ...crawl.mayFetch, ...crawl.neverFetch].map((e) => e.url),
    );
    const prefixes = crawl.mayFetchPrefixes.map((e) => e.url);
    const skip = /\/(slow\/|cut\.html|huge|bomb\.html)/;
    let pagesRead = 0;
    for (const e of crawl.fetch) {
      if (skip.test(e.url)) continue;
      const answer = await page(e.url);
      const type = String(answer.headers['content-type'] ?? '');
      if (!type.startsWith('text/html') || answer.status !== 200) continue;
      const read = readAnswer(e.url, answer);
      pagesRead++;
      for (const target of [...read.links.map((l) => l.target), read.refresh, read.canonical]) {
        if (target === null || !target.startsWith('http')) continue;
        const listed = known.has(target) || prefixes.some((p) => target.startsWith(p));
        expect(listed, `${target} (linked from ${e.url}) is in no list`).toBe(true);
      }
    }
    expect(pagesRead).toBeGreaterThan(40);
  });

  it('gives the exact links, robots directives, canonical, base and refresh of the key pages', async () => {
    expect(web.expected.pages.length).toBeGreaterThanOrEqual(8);
    for (const expected of web.expected.pages) {
      const answer = await page(expected.url);
      expect(answer.status).toBe(expected.status);
      const read = readAnswer(expected.url, answer, expected.charset);
      expect(
        {
          noindex: read.noindex,
          nofollow: read.nofollow,
          canonical: read.canonical,
          baseUrl: read.baseUrl,
          refresh: read.refresh,
        },
        expected.url,
      ).toEqual({
        noindex: expected.noindex,
        nofollow: expected.nofollow,
        canonical: expected.canonical,
        baseUrl: expected.baseUrl,
        refresh: expected.refresh,
      });
      expect(
        read.links.map((l) => ({
          source: expected.url,
          target: l.target,
          anchor: l.anchor,
          rel: l.rel,
          nofollow: l.rel.includes('nofollow'),
          sponsored: l.rel.includes('sponsored'),
          ugc: l.rel.includes('ugc'),
        })),
        expected.url,
      ).toEqual(expected.links);
    }
  });

  it('sends every redirect as listed, hop by hop', async () => {
    for (const r of web.expected.redirects) {
      const { status, headers } = await headOnly(web, r.from);
      expect([status, headers.location], r.from).toEqual([r.status, r.location]);
      expect(new URL(r.location, r.from).href).toBe(r.target);
    }
  });
});
