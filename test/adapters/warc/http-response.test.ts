/**
 * parseHttpResponse and its helpers on messages built around a real page (the first HTML response of
 * Common Crawl's link-extraction fixture): tolerant status lines and headers, chunked and compressed
 * bodies, and the failure modes that must keep the stored bytes: wrong framing, a coding that does not
 * match, a truncated stream, a gzip bomb.
 */
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  contentTypeOf,
  HeaderFields,
  type HttpResponse,
  locationOf,
  parseContentType,
  parseHttpRequest,
  parseHttpResponse,
  robotsTagsOf,
} from '../../../src/adapters/warc/index.ts';
import { data, readAll, records } from './helpers.ts';

const [, firstPage] = records(await readAll(data('conformance', 'link-extraction-test.warc')));
const PAGE = (() => {
  const http = parseHttpResponse(firstPage!.block);
  if (!http.ok) throw new Error(http.message);
  return Buffer.from(http.body);
})();

function message(head: string, body: Uint8Array = Buffer.alloc(0)): Buffer {
  return Buffer.concat([Buffer.from(head), body]);
}

function ok(block: Uint8Array, options?: Parameters<typeof parseHttpResponse>[1]): HttpResponse {
  const http = parseHttpResponse(block, options);
  if (!http.ok) throw new Error(http.message);
  return http;
}

/** `body` in chunked framing, `size` bytes per chunk, with an extension on the first chunk. */
function chunk(body: Buffer, size: number, eol = '\r\n'): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; at += size) {
    const piece = body.subarray(at, at + size);
    parts.push(
      Buffer.from(`${piece.length.toString(16)}${at === 0 ? ';name=value' : ''}${eol}`),
      piece,
      Buffer.from(eol),
    );
  }
  parts.push(Buffer.from(`0${eol}Expires: never${eol}${eol}`));
  return Buffer.concat(parts);
}

describe('status line and headers', () => {
  it.each([
    ['HTTP/1.1 200 OK\r\n\r\n', 'HTTP/1.1', 200, 'OK'],
    ['HTTP/1.1 200\r\n\r\n', 'HTTP/1.1', 200, ''],
    ['HTTP/1.1 200 \r\n\r\n', 'HTTP/1.1', 200, ''],
    ['HTTP/1.0 404 Not Found\n\n', 'HTTP/1.0', 404, 'Not Found'],
    ['http/1.1 301 Moved Permanently\r\n\r\n', 'HTTP/1.1', 301, 'Moved Permanently'],
    ['HTTP/2 204 No Content\r\n\r\n', 'HTTP/2', 204, 'No Content'],
    ['\r\nHTTP/1.1 500 Internal Server Error\r\n\r\n', 'HTTP/1.1', 500, 'Internal Server Error'],
  ])('%j', (head, version, status, reason) => {
    expect(ok(message(head))).toMatchObject({ version, status, reason, headerComplete: true });
  });

  it('rejects what is not a status line', () => {
    for (const head of ['<html>', 'HTTP/1.1 OK\r\n\r\n', 'GET / HTTP/1.1\r\n\r\n', '']) {
      expect(parseHttpResponse(message(head))).toMatchObject({ ok: false, reason: 'not-http' });
    }
  });

  it('keeps repeated headers in order, looks them up in any case, unfolds continuation lines', () => {
    const http = ok(
      message(
        'HTTP/1.1 200 OK\nSet-Cookie: a=1\nset-cookie: b=2\nX-Long: first\n  second\nbroken line\nContent-Type: text/html\n\nbody',
      ),
    );
    expect(http.headers.getAll('SET-COOKIE')).toEqual(['a=1', 'b=2']);
    expect(http.headers.get('x-long')).toBe('first second');
    expect([...http.headers].map(([name]) => name)).toEqual([
      'Set-Cookie',
      'set-cookie',
      'X-Long',
      'Content-Type',
    ]);
    expect(http.headers.toJSON()).toEqual({
      'set-cookie': 'a=1, b=2',
      'x-long': 'first second',
      'content-type': 'text/html',
    });
    expect(Buffer.from(http.body).toString()).toBe('body');
  });

  it('a block that ends inside the header: headers so far, empty body, headerComplete false', () => {
    const http = ok(message('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Le'));
    expect(http.headerComplete).toBe(false);
    expect(http.headers.get('content-type')).toBe('text/html');
    expect(http.body.length).toBe(0);
  });

  it('takes the body as the rest of the block, whatever Content-Length says', () => {
    const http = ok(message('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n', PAGE));
    expect(Buffer.from(http.body).equals(PAGE)).toBe(true);
  });

  it('decodes UTF-8 header bytes as UTF-8 and anything else as Latin-1', () => {
    const utf8 = ok(message('HTTP/1.1 302 Found\r\nLocation: /caf\u00e9\r\n\r\n'));
    expect(locationOf(utf8.headers)).toBe('/caf\u00e9');
    const latin1 = ok(
      Buffer.concat([
        Buffer.from('HTTP/1.1 302 Found\r\nLocation: /caf'),
        Buffer.from([0xe9]),
        Buffer.from('\r\n\r\n'),
      ]),
    );
    expect(locationOf(latin1.headers)).toBe('/caf\u00e9');
  });
});

describe('body decoding', () => {
  it('chunked + gzip of a real page', () => {
    const block = message(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n',
      chunk(gzipSync(PAGE), 700),
    );
    const http = ok(block);
    expect(http.decoded).toEqual(['chunked', 'gzip']);
    expect(http.problems).toEqual([]);
    expect(Buffer.from(http.body).equals(PAGE)).toBe(true);
    expect(Buffer.from(http.rawBody).toString('latin1', 0, 16)).toMatch(/^[0-9a-f]+;name=value\r\n/);
  });

  it('chunked framing with LF-only lines', () => {
    const http = ok(message('HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n', chunk(PAGE, 999, '\n')));
    expect(http.problems).toEqual([]);
    expect(Buffer.from(http.body).equals(PAGE)).toBe(true);
  });

  it.each([
    ['br', brotliCompressSync(PAGE)],
    ['x-gzip', gzipSync(PAGE)],
    ['deflate', deflateSync(PAGE)],
    ['deflate', deflateRawSync(PAGE)],
    ['gzip, br', brotliCompressSync(gzipSync(PAGE))],
    ['identity', PAGE],
  ])('Content-Encoding: %s', (coding, body) => {
    const http = ok(message(`HTTP/1.1 200 OK\r\nContent-Encoding: ${coding}\r\n\r\n`, body));
    expect(http.problems).toEqual([]);
    expect(Buffer.from(http.body).equals(PAGE)).toBe(true);
  });

  it('X-Crawler-Content-Encoding / X-Crawler-Transfer-Encoding (Common Crawl renamed them) are not acted on', () => {
    const http = ok(
      message(
        'HTTP/1.1 200 OK\r\nX-Crawler-Content-Encoding: gzip\r\nX-Crawler-Transfer-Encoding: chunked\r\n\r\n',
        PAGE,
      ),
    );
    expect(http.decoded).toEqual([]);
    expect(http.body).toBe(http.rawBody);
  });

  it('a gzip bomb stops at the cap: reported, the compressed bytes kept', () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    const http = ok(message('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n', bomb));
    expect(http.problems.map((p) => p.reason)).toEqual(['body-too-large']);
    expect(http.body).toBe(http.rawBody);
    const brotliBomb = ok(
      message('HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n', brotliCompressSync(Buffer.alloc(2_000_000))),
      {
        maxBodyBytes: 1_000_000,
      },
    );
    expect(brotliBomb.problems.map((p) => p.reason)).toEqual(['body-too-large']);
  });

  it('bad chunk framing: the stored body is kept and the problem reported', () => {
    const http = ok(message('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', PAGE));
    expect(http.problems.map((p) => p.reason)).toEqual(['bad-chunking']);
    expect(http.decoded).toEqual([]);
    expect(http.body).toBe(http.rawBody);
  });

  it('a chunked body cut inside a chunk keeps what arrived', () => {
    const framed = chunk(PAGE, 300);
    const cut = Math.floor(framed.length / 2);
    const http = ok(
      message('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', framed.subarray(0, cut)),
    );
    expect(http.problems.map((p) => p.reason)).toEqual(['truncated-body']);
    expect(PAGE.subarray(0, http.body.length).equals(Buffer.from(http.body))).toBe(true);
    expect(http.body.length).toBeGreaterThan(cut - 100);
  });

  it('a truncated gzip body keeps its decodable prefix', () => {
    const gz = gzipSync(PAGE);
    const http = ok(
      message('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n', gz.subarray(0, gz.length - 30)),
    );
    expect(http.problems.map((p) => p.reason)).toEqual(['truncated-body']);
    expect(http.body.length).toBeGreaterThan(PAGE.length / 2);
    expect(PAGE.subarray(0, http.body.length).equals(Buffer.from(http.body))).toBe(true);
  });

  it('gzip followed by junk still decodes the member', () => {
    const http = ok(
      message(
        'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n',
        Buffer.concat([gzipSync(PAGE), Buffer.from('trailing junk')]),
      ),
    );
    expect(Buffer.from(http.body).equals(PAGE)).toBe(true);
  });

  it('declared gzip over a payload already decoded: bytes kept as stored, problem reported', () => {
    const http = ok(message('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n', PAGE));
    expect(http.problems.map((p) => p.reason)).toEqual(['decode-failed']);
    expect(http.body).toBe(http.rawBody);
  });

  it('a coding we cannot undo is reported and left in place', () => {
    const http = ok(message('HTTP/1.1 200 OK\r\nContent-Encoding: zstd\r\n\r\n', PAGE));
    expect(http.problems.map((p) => p.reason)).toEqual(['unsupported-encoding']);
    expect(http.body).toBe(http.rawBody);
  });

  it('decode: false leaves the body as stored', () => {
    const http = ok(message('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n', gzipSync(PAGE)), {
      decode: false,
    });
    expect(http.body).toBe(http.rawBody);
  });
});

describe('header helpers', () => {
  it.each([
    ['text/html; charset=UTF-8', { mime: 'text/html', charset: 'utf-8' }],
    ['Text/HTML;Charset="ISO-8859-1"', { mime: 'text/html', charset: 'iso-8859-1' }],
    ['application/xhtml+xml', { mime: 'application/xhtml+xml', charset: null }],
    ['text/html; charset=', { mime: 'text/html', charset: null }],
  ])('parseContentType(%j)', (value, expected) => {
    expect(parseContentType(value)).toMatchObject(expected);
  });

  it('contentTypeOf: the last valid Content-Type wins; none gives null', () => {
    expect(
      contentTypeOf(
        new HeaderFields([
          ['Content-Type', 'text/plain'],
          ['content-type', 'text/html; charset=utf-8'],
          ['Content-Type', 'garbage'],
        ]),
      ),
    ).toMatchObject({
      mime: 'text/html',
      charset: 'utf-8',
    });
    expect(contentTypeOf(new HeaderFields([['Content-Type', 'nonsense']]))).toBeNull();
    expect(contentTypeOf(new HeaderFields())).toBeNull();
  });

  it('locationOf and robotsTagsOf (every X-Robots-Tag value)', () => {
    const http = ok(
      message(
        'HTTP/1.1 301 Moved\r\nLocation:  https://example.org/next \r\nX-Robots-Tag: noindex\r\nx-robots-tag: googlebot: nofollow, noarchive\r\n\r\n',
      ),
    );
    expect(locationOf(http.headers)).toBe('https://example.org/next');
    expect(robotsTagsOf(http.headers)).toEqual(['noindex', 'googlebot: nofollow, noarchive']);
    expect(locationOf(new HeaderFields())).toBeNull();
    expect(robotsTagsOf(new HeaderFields())).toEqual([]);
  });
});

describe('requests', () => {
  it('parses the request line, headers and body', () => {
    const request = parseHttpRequest(
      message(
        'POST /form?x=1 HTTP/1.1\r\nHost: example.com\r\nReferer: http://a/\r\n\r\n',
        Buffer.from('a=b'),
      ),
    );
    expect(request).toMatchObject({ ok: true, method: 'POST', target: '/form?x=1', version: 'HTTP/1.1' });
    expect(request.ok && request.headers.get('referer')).toBe('http://a/');
    expect(request.ok && Buffer.from(request.body).toString()).toBe('a=b');
    expect(parseHttpRequest(message('HTTP/1.1 200 OK\r\n\r\n'))).toMatchObject({ ok: false });
  });
});
