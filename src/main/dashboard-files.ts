/**
 * The dashboard's static files (web/dist, built by `npm ci` / `npm run build`) served at `/` by
 * `linkledger serve`, behind a strict Content-Security-Policy: everything from this origin only (the
 * dashboard bundles every script, style and font; no CDN), inline styles allowed because ECharts and React
 * set element styles. Hashed assets are cached for a year; index.html is revalidated so a rebuild shows.
 * Without a build, `/` explains how to make one instead of a bare 404.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

/** web/dist of this checkout (the same from src/main and dist/main). */
export const DASHBOARD_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'web', 'dist');

export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>linkledger</title>
<p>The dashboard is not built. Run <code>npm run build</code> (or <code>npm ci</code>) in the linkledger folder and reload.
The API answers at <a href="/openapi.json">/openapi.json</a>.</p>`;

export function dashboardFiles(dir: string = DASHBOARD_DIR): MiddlewareHandler {
  const files = serveStatic({ root: dir });
  return async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    if (c.req.path === '/' && !existsSync(join(dir, 'index.html'))) return c.html(NOT_BUILT, 503);
    const found = await files(c, next);
    if (found instanceof Response && found.status < 400) {
      found.headers.set(
        'cache-control',
        c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      found.headers.set('content-security-policy', DASHBOARD_CSP);
    }
    return found;
  };
}
