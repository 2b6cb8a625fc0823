/**
 * flaky.test: everything that goes wrong with real servers. Slow headers, an endless trickle, a stalled
 * body, a body cut by closing the socket, 503 twice then 200, 500 always, 429 with Retry-After: 1, a huge
 * page (chunked and declared), a gzip bomb, a legitimate gzip-encoded page, 404 and 410.
 * Counters are per test web instance.
 */
import { gzipSync } from 'node:zlib';
import { gzipBomb, streamHuge } from '../payloads.ts';
import { type HostDef, HTML_UTF8, html, send, status, text } from '../respond.ts';
import type { Origins } from '../types.ts';

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
${body}
</body>
</html>
`;

/** A request for /429.html answers 200 only this long after the last 429 (Retry-After: 1, minus timer slack). */
const RETRY_AFTER_SLACK_MS = 900;

export function flaky({ a }: Origins): HostDef {
  return {
    name: 'flaky.test',
    routes: {
      '/robots.txt': text(`User-agent: *
Disallow: /never/
`),
      '/': html(
        page(
          'Flaky',
          `<a href="/ok.html">A normal page</a>
<a href="/slow/headers.html">Slow headers</a>
<a href="/slow/trickle.html">Endless trickle</a>
<a href="/slow/stall.html">Stalled body</a>
<a href="/cut.html">Cut body</a>
<a href="/503-twice.html">503 twice</a>
<a href="/always-500.html">Always 500</a>
<a href="/429.html">Rate limited</a>
<a href="/huge.html">Huge (chunked)</a>
<a href="/huge-declared.html">Huge (Content-Length)</a>
<a href="/bomb.html">Gzip bomb</a>
<a href="/gzipped.html">Gzipped</a>
<a href="/not-found.html">Missing</a>
<a href="/gone.html">Gone</a>
<a href="/never/page.html">Disallowed</a>
<a href="${a}/">Site A</a>`,
        ),
      ),
      '/ok.html': html(page('OK', '<p>Nothing wrong here.</p>')),
      '/never/page.html': html(page('Never', '<p>Disallowed by /never/.</p>')),

      // The head after `slowHeadersMs` (3 s by default).
      '/slow/headers.html': (ctx) =>
        ctx.after(ctx.options.slowHeadersMs, () => html(page('Slow', '<p>Finally.</p>'))(ctx)),

      // The head at once, then one byte every `trickleIntervalMs`, never ending: only a total timeout stops it.
      '/slow/trickle.html': (ctx) => {
        ctx.res.writeHead(200, { 'content-type': HTML_UTF8 });
        ctx.res.write('<!doctype html><html><head><title>Trickle</title></head><body><p>');
        ctx.every(ctx.options.trickleIntervalMs, () => ctx.res.write('.'));
      },

      // The head and a few bytes, then silence for ever: a read (idle) timeout stops it.
      '/slow/stall.html': (ctx) => {
        ctx.res.writeHead(200, { 'content-type': HTML_UTF8 });
        ctx.res.write('<!doctype html><html><head><title>Stall</title></head><body><p>Wait for it');
      },

      // Promises 100000 bytes, sends 1000, closes the connection.
      '/cut.html': (ctx) => {
        ctx.res.writeHead(200, { 'content-type': HTML_UTF8, 'content-length': '100000' });
        ctx.res.write(`<!doctype html><html><head><title>Cut</title></head><body><p>${'x'.repeat(936)}`);
        ctx.after(50, () => ctx.req.socket.destroy());
      },

      '/503-twice.html': (ctx) => {
        if (ctx.hit('503-twice') <= 2) {
          status(503, page('Unavailable', '<p>Try again.</p>'))(ctx);
        } else {
          html(page('Third time lucky', '<a href="/after-503.html">After the 503s</a>'))(ctx);
        }
      },
      '/after-503.html': html(page('After 503', '<p>Linked from the third answer of /503-twice.html.</p>')),
      '/always-500.html': status(500, page('Error', '<p>Always broken.</p>')),

      // 429 with Retry-After: 1 until a request comes at least a second after the last 429; then 200 for good.
      '/429.html': (ctx) => {
        const last = ctx.memory.get('429-at');
        const served = ctx.memory.get('429-served') === 1;
        if (!served && (last === undefined || ctx.now() - last < RETRY_AFTER_SLACK_MS)) {
          ctx.memory.set('429-at', ctx.now());
          status(429, page('Too many requests', '<p>Slow down.</p>'), { 'retry-after': '1' })(ctx);
          return;
        }
        ctx.memory.set('429-served', 1);
        html(page('Thanks for waiting', '<a href="/after-429.html">After the 429</a>'))(ctx);
      },
      '/after-429.html': html(page('After 429', '<p>Linked from /429.html once it answers 200.</p>')),

      '/huge.html': (ctx) => streamHuge(ctx, ctx.options.hugeBytes, false),
      '/huge-declared.html': (ctx) => streamHuge(ctx, ctx.options.hugeBytes, true),

      // Sent gzip-encoded whatever Accept-Encoding says: ~1 MB that inflates to ~1 GiB of spaces.
      '/bomb.html': (ctx) =>
        send(
          ctx,
          200,
          { 'content-type': HTML_UTF8, 'content-encoding': 'gzip' },
          gzipBomb(ctx.options.bombBytes),
        ),

      // A legitimate gzip-encoded page.
      '/gzipped.html': (ctx) =>
        send(
          ctx,
          200,
          { 'content-type': HTML_UTF8, 'content-encoding': 'gzip', vary: 'Accept-Encoding' },
          gzipSync(page('Gzipped', '<a href="/from-gzipped.html">Inside a gzipped page</a>')),
        ),
      '/from-gzipped.html': html(page('From gzipped', '<p>Linked from a gzip-encoded page.</p>')),

      '/not-found.html': status(404, page('Not found', '<p>This link is broken.</p>')),
      '/gone.html': status(410, page('Gone', '<p>This page is gone for good.</p>')),
    },
  };
}
