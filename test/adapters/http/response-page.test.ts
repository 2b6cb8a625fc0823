/** readResponsePage: a fetched response as a page with links (redirects, HTML by type or by sniffing, X-Robots-Tag). */
import { describe, expect, it } from 'vitest';
import { readResponsePage } from '../../../src/adapters/http/response-page.ts';
import type { FetchResponse } from '../../../src/core/crawl/fetch-port.ts';

const URL_ = 'https://example.com/dir/page';

function response(over: Partial<FetchResponse> = {}): FetchResponse {
  const body = over.body ?? null;
  return {
    kind: 'response',
    url: URL_,
    status: 200,
    headers: {},
    mime: null,
    body,
    truncated: null,
    wireBytes: body?.length ?? 0,
    contentHash: body === null ? null : 'x'.repeat(32),
    remoteAddress: null,
    ...over,
  };
}

const HTML = new TextEncoder().encode(`<!doctype html>
<html lang="en"><head><title>A page</title></head>
<body><a href="/a">First</a> <a href="https://other.org/x" rel="nofollow">Second</a></body></html>`);

const html = (headers: Record<string, string> = {}, over: Partial<FetchResponse> = {}) =>
  response({ body: HTML, mime: 'text/html', headers: { 'content-type': 'text/html', ...headers }, ...over });

describe('readResponsePage: redirects', () => {
  it('turns a 3xx with Location into one redirect link, resolved against the page URL', async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const page = await readResponsePage(response({ status, headers: { location: '../new?q=1#top' } }));
      expect(page.page).toMatchObject({ url: URL_, status, noindex: false, nofollow: false });
      expect(page.links).toEqual([
        {
          source: URL_,
          target: 'https://example.com/new?q=1',
          rawUrl: '../new?q=1#top',
          kind: 'redirect',
          path: 'HTTP@/location',
          anchor: '',
          rel: [],
          nofollow: false,
          sponsored: false,
          ugc: false,
          placement: 'unknown',
          position: 0,
        },
      ]);
    }
  });

  it('ignores the HTML body of a redirect', async () => {
    const page = await readResponsePage(
      html(
        { location: 'https://elsewhere.org/' },
        { status: 301, headers: { location: ' https://elsewhere.org/ ' } },
      ),
    );
    expect(page.links.map((l) => [l.kind, l.target])).toEqual([['redirect', 'https://elsewhere.org/']]);
    expect(page.page.title).toBeNull();
  });

  it('keeps an unresolvable Location as a link without a target', async () => {
    const page = await readResponsePage(response({ status: 302, headers: { location: 'http://[::1' } }));
    expect(page.links).toHaveLength(1);
    expect(page.links[0]).toMatchObject({ kind: 'redirect', target: null, rawUrl: 'http://[::1' });
  });

  it('a 3xx without Location (or an empty one) has no links', async () => {
    expect((await readResponsePage(response({ status: 304 }))).links).toEqual([]);
    expect((await readResponsePage(response({ status: 302, headers: { location: '  ' } }))).links).toEqual(
      [],
    );
  });

  it('a Location on a 200 is not a redirect', async () => {
    const page = await readResponsePage(html({ location: 'https://elsewhere.org/' }));
    expect(page.links.map((l) => l.kind)).toEqual(['a', 'a']);
  });
});

describe('readResponsePage: HTML', () => {
  it('extracts the links and page facts of text/html', async () => {
    const page = await readResponsePage(html());
    expect(page.page).toMatchObject({ url: URL_, status: 200, title: 'A page', lang: 'en', noindex: false });
    expect(page.links.map((l) => [l.target, l.anchor, l.nofollow])).toEqual([
      ['https://example.com/a', 'First', false],
      ['https://other.org/x', 'Second', true],
    ]);
    expect(page.links.every((l) => l.source === URL_)).toBe(true);
  });

  it('extracts application/xhtml+xml too', async () => {
    const page = await readResponsePage(
      response({
        body: HTML,
        mime: 'application/xhtml+xml',
        headers: { 'content-type': 'application/xhtml+xml' },
      }),
    );
    expect(page.links).toHaveLength(2);
  });

  it('keeps the status of an HTML error page it was given', async () => {
    const page = await readResponsePage(html({}, { status: 404 }));
    expect(page.page.status).toBe(404);
    expect(page.links).toHaveLength(2);
  });

  it('sniffs HTML when there is no Content-Type', async () => {
    const padded = new TextEncoder().encode(`\r\n \t<html><body><a href="b">x</a></body></html>`);
    const page = await readResponsePage(response({ body: padded, mime: null }));
    expect(page.links.map((l) => l.target)).toEqual(['https://example.com/dir/b']);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...HTML]);
    expect((await readResponsePage(response({ body: bom, mime: null }))).links).toHaveLength(2);
  });

  it('does not parse a body without Content-Type that does not look like HTML', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n<a href="/hidden">x</a>');
    const page = await readResponsePage(response({ body: pdf, mime: null }));
    expect(page.links).toEqual([]);
    expect(page.page.status).toBe(200);
  });

  it('does not parse a declared non-HTML type even when the bytes look like HTML', async () => {
    for (const mime of ['text/plain', 'application/json', 'image/svg+xml', 'application/octet-stream']) {
      const page = await readResponsePage(response({ body: HTML, mime, headers: { 'content-type': mime } }));
      expect(page.links, mime).toEqual([]);
      expect(page.page.title, mime).toBeNull();
    }
  });

  it('gives a page with no links when the body was not read', async () => {
    const page = await readResponsePage(response({ status: 200, mime: 'application/pdf', body: null }));
    expect(page).toEqual({
      page: expect.objectContaining({ url: URL_, status: 200, noindex: false, nofollow: false, title: null }),
      links: [],
    });
    expect((await readResponsePage(response({ mime: 'text/html', body: null }))).links).toEqual([]);
  });

  it('decodes with the charset of the Content-Type header', async () => {
    // "café" in windows-1252: é is the single byte 0xE9.
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('<html><body><a href="/c">caf'),
      0xe9,
      ...new TextEncoder().encode('</a></body></html>'),
    ]);
    const page = await readResponsePage(
      response({
        body: bytes,
        mime: 'text/html',
        headers: { 'content-type': 'text/html; charset=windows-1252' },
      }),
    );
    expect(page.links[0]?.anchor).toBe('café');
    expect(page.page).toMatchObject({ charset: 'windows-1252', charsetSource: 'http' });
  });
});

describe('readResponsePage: X-Robots-Tag', () => {
  it('noindex marks the page, its links stay followed', async () => {
    const page = await readResponsePage(html({ 'x-robots-tag': 'noindex' }));
    expect(page.page).toMatchObject({ noindex: true, nofollow: false });
    expect(page.links[0]?.nofollow).toBe(false);
  });

  it('nofollow makes every link of the page nofollow', async () => {
    const page = await readResponsePage(html({ 'x-robots-tag': 'nofollow' }));
    expect(page.page).toMatchObject({ noindex: false, nofollow: true });
    expect(page.links.map((l) => l.nofollow)).toEqual([true, true]);
  });

  it('none means both; several values joined with commas all count', async () => {
    expect((await readResponsePage(html({ 'x-robots-tag': 'none' }))).page).toMatchObject({
      noindex: true,
      nofollow: true,
    });
    expect(
      (await readResponsePage(html({ 'x-robots-tag': 'noarchive, NOINDEX, nofollow' }))).page,
    ).toMatchObject({
      noindex: true,
      nofollow: true,
    });
  });

  it('a directive scoped to another crawler does not apply', async () => {
    const page = await readResponsePage(html({ 'x-robots-tag': 'otherbot: noindex' }));
    expect(page.page).toMatchObject({ noindex: false, nofollow: false });
    const all = await readResponsePage(html({ 'x-robots-tag': 'robots: noindex' }));
    expect(all.page.noindex).toBe(true);
  });

  it('noindex applies to a page whose body was not parsed', async () => {
    const page = await readResponsePage(
      response({ mime: 'application/pdf', body: null, headers: { 'x-robots-tag': 'noindex' } }),
    );
    expect(page.page.noindex).toBe(true);
    expect(page.links).toEqual([]);
    const plain = await readResponsePage(response({ mime: 'application/pdf', body: null }));
    expect(plain.page.noindex).toBe(false);
    const none = await readResponsePage(response({ status: 404, headers: { 'x-robots-tag': 'None' } }));
    expect(none.page.noindex).toBe(true);
  });

  it('reads X-Robots-Tag the same way whether or not the body was parsed', async () => {
    for (const tag of [
      'otherbot: noindex',
      'unavailable_after: 25 Jun 2010 15:00:00 PST',
      'noindexing',
      'noindex',
    ]) {
      const parsed = await readResponsePage(html({ 'x-robots-tag': tag }));
      const bodiless = await readResponsePage(
        response({ mime: 'application/pdf', body: null, headers: { 'x-robots-tag': tag } }),
      );
      expect(bodiless.page.noindex, tag).toBe(parsed.page.noindex);
    }
  });
});

describe('readResponsePage: the remote address', () => {
  it('keeps the address the response came from on HTML, redirect and bodiless pages', async () => {
    const remoteAddress = '198.51.100.7';
    expect((await readResponsePage(html({}, { remoteAddress }))).page.remoteAddress).toBe(remoteAddress);
    const moved = await readResponsePage(
      response({ status: 301, headers: { location: '/x' }, remoteAddress }),
    );
    expect(moved.page.remoteAddress).toBe(remoteAddress);
    expect((await readResponsePage(response({ status: 404, remoteAddress }))).page.remoteAddress).toBe(
      remoteAddress,
    );
    expect((await readResponsePage(html())).page).not.toHaveProperty('remoteAddress');
  });
});
