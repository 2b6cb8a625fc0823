/**
 * The ledger as a whole and authority experiments: `GET /api/v1/ledger` (what the ledger holds, the
 * dashboard's start) and `GET /api/v1/whatif` (how authority would move with one more or one less link,
 * as `linkledger whatif`; computes, writes nothing).
 */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ledgerOverview } from '../../app/ledger/overview.ts';
import { whatIf } from '../../app/ledger/whatif.ts';
import { integer, repeated, valuesOf } from './params.ts';
import { type ApiEnv, addEndpoint, type EndpointContext } from './route.ts';
import { LedgerOverviewSchema, WhatIfSchema } from './schemas.ts';
import type { Role } from './tokens.ts';

const iso = (t: number) => new Date(t).toISOString();

export function addLedgerEndpoints(
  app: OpenAPIHono<ApiEnv>,
  auth: (needed: Role) => MiddlewareHandler<ApiEnv>,
  ctx: EndpointContext,
): void {
  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/ledger',
    role: 'read',
    tags: ['ledger'],
    summary: 'What the ledger holds: counts, links per source, the last rank run, the top domains',
    query: z.object({ top: integer('top', 1, 1000, 20, 'domains in the top-authority list') }),
    responses: {
      200: {
        description: 'the overview',
        content: { 'application/json': { schema: LedgerOverviewSchema } },
      },
    },
    handler: async (c, { query }) => {
      const o = await ctx.withStore((s) => ledgerOverview(s, query.top));
      const run = o.authorityRun;
      return c.json(
        {
          counts: o.counts,
          sources: o.sources,
          rankedAt: run === null ? null : iso(run.rankedAt),
          authorityRun: run === null ? null : { ...run, rankedAt: iso(run.rankedAt) },
          topDomains: o.topDomains,
          suggestedTarget: o.suggestedTarget,
        },
        200,
      );
    },
  });

  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/whatif',
    role: 'read',
    tags: ['ledger'],
    summary:
      "How the target page's authority would move if pages linked to it or stopped linking (as `linkledger whatif`)",
    description:
      'Re-ranks the graph of the last rank run with the change, warm-started from the stored vectors. Writes nothing. Needs a rank run (400 otherwise).',
    query: z.object({
      target: z
        .string({ error: 'target is required' })
        .min(1, { error: 'target is required' })
        .openapi({ description: 'the page (a URL) whose authority is asked about' }),
      addLink: repeated.openapi({ description: 'a page that would link to the target (repeatable)' }),
      removeLink: repeated.openapi({ description: 'a page that would stop linking to it (repeatable)' }),
    }),
    responses: {
      200: {
        description: 'before, after and delta per level',
        content: { 'application/json': { schema: WhatIfSchema } },
      },
    },
    handler: async (c, { query }) => {
      const result = await ctx.withStore((s) =>
        whatIf(s, {
          target: query.target,
          addLinks: valuesOf(query.addLink),
          removeLinks: valuesOf(query.removeLink),
        }),
      );
      return c.json({ ...result, rankedAt: iso(result.rankedAt) }, 200);
    },
  });
}
