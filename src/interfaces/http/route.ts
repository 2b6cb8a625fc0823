/**
 * How an endpoint is declared: one spec (method, path, role, zod query and body, responses) becomes both
 * the hono route (validation before the handler) and its entry in the OpenAPI document. The handler gets
 * the validated input and returns a Response (JSON or CSV, see respond.ts); errors it throws become JSON
 * errors in api.ts.
 */
import { createRoute, type OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { ErrorSchema } from './schemas.ts';
import type { Role } from './tokens.ts';

export interface ApiEnv {
  Variables: { role: Role | null };
}

/** What every endpoint can use: the ledger (one request at a time) and the clock. */
export interface EndpointContext {
  /** Runs `use` on the store once the queries before it are done (one connection serialises them). */
  withStore: <T>(use: (store: LedgerStore) => Promise<T>) => Promise<T>;
  now: () => number;
  /** The server log (what clients must not see). */
  log: (message: string) => void;
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface EndpointSpec<Q extends AnyObject, B extends AnyObject, P extends AnyObject = AnyObject> {
  method: 'get' | 'post';
  path: string;
  role: Role;
  tags: string[];
  summary: string;
  description?: string;
  query?: Q;
  body?: B;
  /** Path parameters (`{id}` in `path`). */
  params?: P;
  responses: RouteConfig['responses'];
  handler: (
    c: Context<ApiEnv>,
    input: { query: z.output<Q>; body: z.output<B>; params: z.output<P> },
  ) => Promise<Response>;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

export const ERROR_RESPONSES = {
  400: errorResponse('a parameter is missing or not acceptable (`field` names it)'),
  401: errorResponse('no token, or a token the server does not know'),
  403: errorResponse('the token may not do this (an admin token is needed)'),
  500: errorResponse('an internal error (details in the server log only)'),
} as const;

export function addEndpoint<Q extends AnyObject, B extends AnyObject, P extends AnyObject = AnyObject>(
  app: OpenAPIHono<ApiEnv>,
  auth: (needed: Role) => MiddlewareHandler<ApiEnv>,
  spec: EndpointSpec<Q, B, P>,
): void {
  const route = createRoute({
    method: spec.method,
    path: spec.path,
    tags: spec.tags,
    summary: spec.summary,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    security: [{ bearer: [] }],
    middleware: [auth(spec.role)] as const,
    request: {
      ...(spec.query === undefined ? {} : { query: spec.query }),
      ...(spec.params === undefined ? {} : { params: spec.params }),
      ...(spec.body === undefined
        ? {}
        : { body: { required: true, content: { 'application/json': { schema: spec.body } } } }),
    },
    responses: { ...spec.responses, ...ERROR_RESPONSES },
  });
  const handler = async (c: Context<ApiEnv>) => {
    const valid = (target: string): unknown => (c.req.valid as (t: string) => unknown).call(c.req, target);
    return spec.handler(c, {
      query: (spec.query === undefined ? {} : valid('query')) as z.output<Q>,
      body: (spec.body === undefined ? {} : valid('json')) as z.output<B>,
      params: (spec.params === undefined ? {} : valid('param')) as z.output<P>,
    });
  };
  // The handler returns plain Responses (JSON or CSV), which the typed-response check cannot follow.
  app.openapi(route, handler as never);
}
