/**
 * The HTTP API of linkledger (`linkledger serve`): a hono app over the same application functions as the
 * CLI. It knows no adapter: the composition root (src/main/serve.ts) hands it an open store, the tokens
 * and a log. `createApi(...).request(...)` answers in-process, which is how the tests call it.
 *
 * Everything under /api/v1 needs a bearer token when a token book is given (tokens.ts): GET needs `read`
 * (or `admin`), anything that changes data needs `admin`. Without a book every request is allowed, so the
 * server refuses to listen beyond loopback then (src/main/serve.ts). `/openapi.json` is always public.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler, Next } from 'hono';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { ApiError, badParameter, errorResponse } from './api-error.ts';
import { addJobEndpoints, type JobService } from './job-endpoints.ts';
import { addLedgerEndpoints } from './ledger-endpoints.ts';
import { addQualityEndpoints } from './quality-endpoints.ts';
import { addReportEndpoints } from './report-endpoints.ts';
import type { ResponseCache } from './response-cache.ts';
import type { ApiEnv, EndpointContext } from './route.ts';
import { allows, type Role, roleOf, type TokenBook } from './tokens.ts';

export interface ApiDeps {
  store: LedgerStore;
  /** How requests reach the store (default: directly, side by side; see storeAccess). */
  withStore?: EndpointContext['withStore'];
  /** null: no tokens, every request allowed (loopback only). */
  tokens: TokenBook | null;
  now?: () => number;
  /** Where internal errors go, with their stack (never to the client). */
  log?: (message: string) => void;
  /** Version in the OpenAPI document. */
  version: string;
  /** Background imports, crawls and rank runs; without it the job endpoints answer 503. */
  jobs?: JobService;
  /** Repeated GET requests answered from memory until the ledger changes (response-cache.ts). */
  cache?: ResponseCache;
  /** Serves the dashboard's files for GET requests no endpoint answers (src/main/dashboard-files.ts). */
  dashboard?: MiddlewareHandler;
}

export const OPENAPI_INFO = {
  title: 'linkledger API',
  description:
    'Backlink reports, toxicity review and disavow files over a linkledger ledger. The same application functions and parameters as the command line; JSON by default, CSV with format=csv or Accept: text/csv.',
} as const;

/**
 * Store access for the endpoints: requests run side by side (the store decides what may overlap: the
 * DuckDB store reads on a pool of connections and writes on its own), and `drain()` resolves once every
 * request that reached the store has finished (the server waits for that before closing the store).
 */
export function storeAccess(store: LedgerStore): {
  withStore: EndpointContext['withStore'];
  drain: () => Promise<void>;
} {
  const inFlight = new Set<Promise<unknown>>();
  return {
    withStore: <T>(use: (s: LedgerStore) => Promise<T>) => {
      const run = use(store);
      const tracked = run.then(
        () => undefined,
        () => undefined,
      );
      inFlight.add(tracked);
      void tracked.then(() => inFlight.delete(tracked));
      return run;
    },
    drain: async () => {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

export function createApi(deps: ApiDeps): OpenAPIHono<ApiEnv> {
  const log = deps.log ?? ((message: string) => process.stderr.write(`linkledger serve: ${message}\n`));
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const field = issue?.path.length ? String(issue.path[0]) : (result.target ?? 'request');
      const message = issue?.message ?? 'invalid request';
      throw badParameter(field, message.startsWith(field) ? message : `${field}: ${message}`);
    },
  });

  // Reads of the ledger may be answered from the cache, once the token check passed; jobs change by the
  // second, and an export is streamed (never held whole in memory).
  const proceed = (c: Context<ApiEnv>, next: Next) =>
    deps.cache &&
    c.req.method === 'GET' &&
    !c.req.path.startsWith('/api/v1/jobs') &&
    !c.req.path.endsWith('/export')
      ? deps.cache.serve(c, next)
      : next();
  const auth =
    (needed: Role): MiddlewareHandler<ApiEnv> =>
    async (c, next) => {
      if (deps.tokens === null) {
        c.set('role', null);
        return proceed(c, next);
      }
      const token = bearer(c.req.header('authorization'));
      const role = token === null ? null : roleOf(deps.tokens, token);
      if (role === null) {
        c.header('www-authenticate', 'Bearer realm="linkledger"');
        throw new ApiError(
          401,
          'UNAUTHORIZED',
          token === null ? 'send a token: Authorization: Bearer <token>' : 'unknown token',
        );
      }
      if (!allows(role, needed)) throw new ApiError(403, 'FORBIDDEN', `this needs an ${needed} token`);
      c.set('role', role);
      return proceed(c, next);
    };

  app.use('*', async (c, next) => {
    await next();
    // No sniffing, and no Referer to the sites a user opens from a backlink table.
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
  });

  const ctx: EndpointContext = {
    withStore: deps.withStore ?? storeAccess(deps.store).withStore,
    now: deps.now ?? Date.now,
    log,
  };
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'a token of the server token book (role read or admin); not needed when none is configured',
  });
  addReportEndpoints(app, auth, ctx);
  addQualityEndpoints(app, auth, ctx);
  addLedgerEndpoints(app, auth, ctx);
  addJobEndpoints(app, auth, deps.jobs ?? null);
  app.doc31('/openapi.json', { openapi: '3.1.0', info: { ...OPENAPI_INFO, version: deps.version } });
  if (deps.dashboard) app.get('/*', deps.dashboard);

  app.notFound((c) =>
    c.json(
      errorResponse(new ApiError(404, 'NOT_FOUND', `no such endpoint: ${c.req.method} ${c.req.path}`), log)
        .body,
      404,
    ),
  );
  app.onError((error, c) => {
    const { status, body } = errorResponse(error, log);
    return c.json(body, status);
  });
  return app;
}

/** The OpenAPI document of the API (what GET /openapi.json serves), for docs/openapi.json. */
export function openApiDocument(app: OpenAPIHono<ApiEnv>, version: string) {
  return app.getOpenAPI31Document({ openapi: '3.1.0', info: { ...OPENAPI_INFO, version } });
}
