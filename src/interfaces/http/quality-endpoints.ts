/**
 * The review endpoints: toxic links, the quality breakdown of one link, the whitelist and disavow files.
 * Reading is `read`; changing the whitelist and generating (saving) a disavow version is `admin`.
 */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { generateDisavow } from '../../app/quality/generate-disavow.ts';
import { explainLink } from '../../app/quality/link-quality.ts';
import { auditToxicity } from '../../app/quality/toxic.ts';
import { parseEntry } from '../../core/disavow/classify.ts';
import { MAX_LIMIT, SCOPES } from '../../core/ledger/query.ts';
import type { ReviewKind } from '../../core/ledger/review.ts';
import { normalizeUrl } from '../../core/url/normalize.ts';
import { toxicCsv } from '../cli/output/toxic-format.ts';
import { ApiError, badParameter } from './api-error.ts';
import { checkTarget, formatParam, integer, oneOf, repeated, valuesOf } from './params.ts';
import { csvResponse, formatOf, pageInfo } from './respond.ts';
import { type ApiEnv, addEndpoint, type EndpointContext } from './route.ts';
import {
  DisavowVersionSchema,
  ExplainSchema,
  GeneratedDisavowSchema,
  ToxicSchema,
  WhitelistSchema,
} from './schemas.ts';
import type { Role } from './tokens.ts';

const target = z
  .string({ error: 'target is required' })
  .min(1, { error: 'target is required' })
  .openapi({ description: 'the site (as given to toxic)', example: 'example.com' });
const score = (name: string, description: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const n = /^\d{1,3}(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
      if (n >= 0 && n <= 100) return n;
      ctx.addIssue({ code: 'custom', message: `${name} must be a number from 0 to 100` });
      return z.NEVER;
    })
    .openapi({ description, type: 'number', minimum: 0, maximum: 100 });

function entryOf(field: string, value: string): { kind: ReviewKind; value: string } {
  const parsed = parseEntry(value.trim());
  if (!parsed.ok)
    throw badParameter(
      field,
      `${JSON.stringify(value)}: ${parsed.message} (use domain:example.com or a URL)`,
    );
  return parsed.entry.kind === 'domain'
    ? { kind: 'domain', value: parsed.entry.domain }
    : { kind: 'url', value: parsed.entry.url };
}

const day = (t: number) => new Date(t).toISOString();

export function addQualityEndpoints(
  app: OpenAPIHono<ApiEnv>,
  auth: (needed: Role) => MiddlewareHandler<ApiEnv>,
  ctx: EndpointContext,
): void {
  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/toxic',
    role: 'read',
    tags: ['review'],
    summary: 'Backlinks that look harmful, with score, reasons and evidence (as `linkledger toxic`)',
    query: z
      .object({
        target,
        scope: oneOf('scope', SCOPES).default('domain'),
        all: z
          .enum(['true', 'false', '1', '0'], { error: 'all must be true or false' })
          .optional()
          .transform((v) => v === 'true' || v === '1')
          .openapi({ type: 'boolean', description: 'every assessed link, not only the flagged ones' }),
        minScore: score('minScore', 'list links scoring at least this (default: the flag threshold)'),
        brand: repeated.openapi({ description: 'brand terms for anchor classes (repeatable)' }),
        keyword: repeated.openapi({ description: 'money keywords for exact-match anchors (repeatable)' }),
        limit: z
          .string()
          .regex(/^\d{1,6}$/, { error: 'limit must be an integer from 1 to 100000' })
          .transform(Number)
          .refine((n) => n >= 1 && n <= MAX_LIMIT, { error: 'limit must be an integer from 1 to 100000' })
          .optional()
          .openapi({
            type: 'integer',
            description: 'links per page (default: every link; `total` and `page` say how many there are)',
          }),
        offset: integer('offset', 0, Number.MAX_SAFE_INTEGER, 0, 'links to skip (with limit)'),
        trusted: repeated.openapi({
          description:
            'domains you trust (repeatable or comma-separated): seeds of spam mass on the ledger domain graph, which adds the high-spam-mass reason (as `toxic --trusted FILE`)',
        }),
        format: formatParam,
      })
      .superRefine((q, c) => checkTarget(q.target, q.scope, c)),
    responses: {
      200: {
        description: 'the report, its links filtered and highest score first',
        content: { 'application/json': { schema: ToxicSchema }, 'text/csv': { schema: z.string() } },
      },
    },
    handler: async (c, { query }) => {
      const trusted = valuesOf(query.trusted).flatMap((w) => w.split(',').map((d) => d.trim()));
      const { report, unknownSeeds } = await ctx.withStore((s) =>
        auditToxicity(s, {
          target: query.target,
          scope: query.scope,
          brandTerms: valuesOf(query.brand),
          keywords: valuesOf(query.keyword),
          trusted: trusted.filter((d) => d !== ''),
        }),
      );
      const min = query.minScore;
      const shown = report.links
        .filter((l) => query.all || (min === undefined ? l.flagged : l.score >= min))
        .sort((a, b) => b.score - a.score || (a.sourceUrl < b.sourceUrl ? -1 : 1));
      const paged = query.limit === undefined ? shown : shown.slice(query.offset, query.offset + query.limit);
      if (formatOf(c, query.format) === 'csv') return csvResponse(c, 'toxic', toxicCsv(paged));
      const page =
        query.limit === undefined
          ? null
          : {
              ...pageInfo(paged.length, { limit: query.limit, offset: query.offset }),
              // The whole list is known here, so the next offset is exact (not "the page was full").
              nextOffset: query.offset + paged.length < shown.length ? query.offset + paged.length : null,
            };
      return c.json({ ...report, links: paged, total: shown.length, page, unknownSeeds }, 200);
    },
  });

  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/explain',
    role: 'read',
    tags: ['review'],
    summary:
      'How the quality score of the link(s) from one page to one URL is made (as `linkledger explain`)',
    query: z.object({
      source: z
        .string({ error: 'source is required' })
        .min(1)
        .openapi({ description: 'URL of the linking page' }),
      target: z
        .string({ error: 'target is required' })
        .min(1)
        .openapi({ description: 'URL the link points to' }),
    }),
    responses: {
      200: {
        description: 'the links with their breakdown',
        content: { 'application/json': { schema: ExplainSchema } },
      },
      404: { description: 'the ledger has no such link' },
    },
    handler: async (c, { query }) => {
      if (normalizeUrl(query.source) === null) throw badParameter('source', `not a URL: ${query.source}`);
      if (normalizeUrl(query.target) === null) throw badParameter('target', `not a URL: ${query.target}`);
      const scored = await ctx.withStore((s) => explainLink(s, query.source, query.target));
      if (scored.length === 0)
        throw new ApiError(
          404,
          'NOT_FOUND',
          `the ledger has no link from ${query.source} to ${query.target}`,
        );
      return c.json(scored, 200);
    },
  });

  const whitelistOf = async (t: string) => {
    const reviews = await ctx.withStore((s) => s.reviews(t));
    return {
      target: t,
      data: reviews.map((r) => ({
        value: r.kind === 'domain' ? `domain:${r.value}` : r.value,
        at: day(r.at),
        note: r.note,
      })),
    };
  };
  const whitelistResponse = {
    200: { description: 'the whitelist', content: { 'application/json': { schema: WhitelistSchema } } },
  };

  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/whitelist',
    role: 'read',
    tags: ['review'],
    summary: 'The reviewed links that toxic and disavow leave out',
    query: z.object({ target }),
    responses: whitelistResponse,
    handler: async (c, { query }) => c.json(await whitelistOf(query.target), 200),
  });

  addEndpoint(app, auth, {
    method: 'post',
    path: '/api/v1/whitelist',
    role: 'admin',
    tags: ['review'],
    summary: 'Add entries to (or remove them from) the whitelist (as `linkledger whitelist --add/--remove`)',
    body: z.object({
      target,
      add: z
        .array(z.string())
        .default([])
        .openapi({ description: '`domain:example.com` or a linking page URL' }),
      remove: z.array(z.string()).default([]),
      note: z.string().max(1000).default('').openapi({ description: 'why (kept with the entries added)' }),
    }),
    responses: whitelistResponse,
    handler: async (c, { body }) => {
      const adds = body.add.map((v) => entryOf('add', v));
      const removes = body.remove.map((v) => entryOf('remove', v));
      const at = ctx.now();
      await ctx.withStore(async (s) => {
        for (const e of adds) await s.addReview({ target: body.target, ...e, note: body.note, at });
        for (const e of removes) await s.removeReview(body.target, e.kind, e.value);
      });
      return c.json(await whitelistOf(body.target), 200);
    },
  });

  addEndpoint(app, auth, {
    method: 'post',
    path: '/api/v1/disavow',
    role: 'admin',
    tags: ['review'],
    summary: "Generate a disavow file from the target's toxic links and save it as its next version",
    body: z.object({
      target,
      scope: oneOf('scope', SCOPES).default('domain'),
      level: oneOf('level', ['domain', 'url']).default('domain'),
      minScore: z.number().min(0).max(100).optional(),
      merge: z
        .string()
        .max(2_000_000)
        .optional()
        .openapi({ description: 'an earlier disavow file to add to' }),
      trusted: z
        .array(z.string().max(253), { error: 'trusted must be a list of domains' })
        .max(10_000)
        .optional()
        .openapi({
          description: 'domains you trust: spam mass seeds, as `toxic` takes them (so both agree)',
        }),
    }),
    responses: {
      200: {
        description: 'the saved version',
        content: { 'application/json': { schema: GeneratedDisavowSchema } },
      },
    },
    handler: async (c, { body }) => {
      const result = await ctx.withStore((s) =>
        generateDisavow(s, {
          target: body.target,
          scope: body.scope,
          level: body.level,
          ...(body.minScore === undefined ? {} : { minScore: body.minScore }),
          merge: body.merge === undefined ? null : new TextEncoder().encode(body.merge),
          trusted: (body.trusted ?? []).map((d) => d.trim()).filter((d) => d !== ''),
          now: ctx.now(),
        }),
      );
      const { content: _content, ...version } = result.version;
      return c.json(
        {
          version: { ...version, createdAt: day(version.createdAt) },
          added: result.entries.length,
          links: result.links,
          domains: result.domains,
          text: result.text,
        },
        200,
      );
    },
  });

  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/disavow/versions',
    role: 'read',
    tags: ['review'],
    summary: 'The disavow versions saved for a target, newest first',
    query: z.object({ target }),
    responses: {
      200: {
        description: 'the versions (without their text)',
        content: { 'application/json': { schema: z.object({ data: z.array(DisavowVersionSchema) }) } },
      },
    },
    handler: async (c, { query }) => {
      const versions = await ctx.withStore((s) => s.disavowVersions(query.target));
      return c.json(
        { data: versions.map(({ content: _content, ...v }) => ({ ...v, createdAt: day(v.createdAt) })) },
        200,
      );
    },
  });

  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/disavow/file',
    role: 'read',
    tags: ['review'],
    summary: 'Download a saved disavow file (the latest unless version says)',
    query: z.object({
      target,
      version: z
        .string()
        .regex(/^\d{1,9}$/, { error: 'version must be a positive integer' })
        .optional(),
    }),
    responses: {
      200: { description: 'the file as saved', content: { 'text/plain': { schema: z.string() } } },
      404: { description: 'no such version' },
    },
    handler: async (c, { query }) => {
      const versions = await ctx.withStore((s) => s.disavowVersions(query.target));
      const wanted =
        query.version === undefined ? versions[0] : versions.find((v) => v.version === Number(query.version));
      if (wanted === undefined)
        throw new ApiError(
          404,
          'NOT_FOUND',
          `no disavow file${query.version ? ` version ${query.version}` : ''} for ${query.target}`,
        );
      c.header('content-type', 'text/plain; charset=utf-8');
      c.header('content-disposition', `attachment; filename="disavow-v${wanted.version}.txt"`);
      return c.body(wanted.content, 200);
    },
  });
}
