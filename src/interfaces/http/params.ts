/**
 * The query parameters of the API, as zod schemas (they validate requests and describe them in the
 * OpenAPI document). They mirror the CLI flags of the same reports (src/interfaces/cli/commands/reports):
 * the same names in camelCase, the same allowed values and the same defaults, except that `limit` defaults
 * to DEFAULT_LIMIT for every format (a page, not a whole export). Lists (`kind`, `placement`,
 * `competitor`) are repeated parameters or comma-separated values, as the flags are.
 */
import { z } from '@hono/zod-openapi';
import { DEFAULT_LIMIT, MAX_LIMIT, SCOPES, targetSelector } from '../../core/ledger/query.ts';
import { LINK_KINDS, PLACEMENTS } from '../../core/link/link.ts';

export const LEDGER_KINDS = [...LINK_KINDS, 'webgraph'] as const;
export const STATUSES = ['live', 'lost', 'all'] as const;
export const ORDERS = ['asc', 'desc'] as const;
export const FORMATS = ['json', 'csv'] as const;

const list = (values: readonly string[]) => values.join(', ');

export function oneOf<const T extends readonly [string, ...string[]]>(name: string, values: T) {
  return z.enum(values, { error: `${name} must be one of ${list(values)}` });
}

/** `true`/`false` (also `1`/`0`), as a query string spells a flag. */
export function flag(name: string, description: string) {
  return z
    .enum(['true', 'false', '1', '0'], { error: `${name} must be true or false` })
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .openapi({ description, type: 'boolean' });
}

/** An integer from `min` to `max` written in decimal digits. */
export function integer(name: string, min: number, max: number, fallback: number, description: string) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return fallback;
      const n = /^\d{1,16}$/.test(v) ? Number(v) : Number.NaN;
      if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
      ctx.addIssue({ code: 'custom', message: `${name} must be an integer from ${min} to ${max}` });
      return z.NEVER;
    })
    .openapi({ description, type: 'integer', minimum: min, maximum: max, default: fallback });
}

/** A repeatable, comma-separated parameter whose parts are each one of `allowed`; `[]` when absent. */
export function listOf<const T extends string>(name: string, allowed: readonly T[], description: string) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v, ctx) => {
      const parts = (v === undefined ? [] : Array.isArray(v) ? v : [v])
        .flatMap((p) => p.split(','))
        .map((p) => p.trim().toLowerCase())
        .filter((p) => p !== '');
      const bad = parts.filter((p) => !(allowed as readonly string[]).includes(p));
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be among ${list(allowed)} (got ${bad.join(', ')})`,
        });
        return z.NEVER;
      }
      return [...new Set(parts)] as T[];
    })
    .openapi({
      description,
      type: 'array',
      items: { type: 'string', enum: [...allowed] },
    });
}

/** `YYYY-MM-DD` (UTC) to epoch ms; a real calendar day only. */
export function day(name: string, description: string) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
      if (m && !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v) return t;
      ctx.addIssue({ code: 'custom', message: `${name} must be a day as YYYY-MM-DD` });
      return z.NEVER;
    })
    .openapi({ description, type: 'string', format: 'date', example: '2020-08-01' });
}

export const formatParam = oneOf('format', FORMATS)
  .optional()
  .openapi({ description: 'json (default) or csv; `Accept: text/csv` also asks for csv' });

/** The target and filters of every report (profile, history, toxic...). */
export const reportQuery = z
  .object({
    target: z.string({ error: 'target is required' }).min(1, { error: 'target is required' }).openapi({
      description: 'a registrable domain, host, URL or URL prefix (see scope)',
      example: 'example.com',
    }),
    scope: oneOf('scope', SCOPES).default('domain').openapi({ description: 'what target names' }),
    dofollow: flag('dofollow', 'only followed links (not nofollow, sponsored or ugc)'),
    kind: listOf(
      'kind',
      [...LEDGER_KINDS, 'all'],
      'link kinds (default: the hyperlink kinds; `all` for every kind)',
    ),
    placement: listOf('placement', PLACEMENTS, 'where the link sits on its page'),
    since: day('since', 'only links first seen on or after this day (UTC)'),
    includeInternal: flag('includeInternal', "also links from the target's own registrable domain"),
    format: formatParam,
  })
  .superRefine((q, ctx) => checkTarget(q.target, q.scope, ctx));

/** Status and sorting on top of the report query: a listing's rows, before paging. */
function listingFields<const S extends readonly [string, ...string[]]>(sorts: S, defaultSort: S[number]) {
  return {
    ...reportQuery.shape,
    status: oneOf('status', STATUSES).default('live').openapi({ description: 'live, lost or all links' }),
    sort: oneOf('sort', sorts)
      .optional()
      .openapi({ description: `default ${defaultSort}` }),
    order: oneOf('order', ORDERS)
      .optional()
      .openapi({ description: 'default: the natural order of the sort' }),
  };
}

/** Adds status, sorting and paging to the report query (`backlinks`, `refdomains`, `anchors`, `pages`). */
export function listingQuery<
  const S extends readonly [string, ...string[]],
  E extends z.ZodRawShape = Record<never, never>,
>(
  sorts: S,
  defaultSort: S[number],
  /** Parameters of one endpoint only (`backlinks?quality=true`). */
  extra: E = {} as E,
) {
  return z.object({ ...listingFields(sorts, defaultSort), ...pageParams, ...extra }).superRefine((q, ctx) => {
    // With a generic `extra` shape TypeScript cannot see the common fields; they are there.
    const common = q as unknown as { target: string; scope: (typeof SCOPES)[number] };
    checkTarget(common.target, common.scope, ctx);
  });
}

/** A whole listing, no paging (`backlinks/export`). */
export function exportQuery<const S extends readonly [string, ...string[]]>(
  sorts: S,
  defaultSort: S[number],
) {
  return z
    .object(listingFields(sorts, defaultSort))
    .superRefine((q, ctx) => checkTarget(q.target, q.scope, ctx));
}

export const pageParams = {
  limit: integer('limit', 1, MAX_LIMIT, DEFAULT_LIMIT, 'rows per page'),
  offset: integer(
    'offset',
    0,
    Number.MAX_SAFE_INTEGER,
    0,
    'rows to skip (the next page starts at offset + limit)',
  ),
};

/** A target the scope cannot read (`scope=url` with no URL) is a 400 naming `target`. */
export function checkTarget(target: string, scope: (typeof SCOPES)[number], ctx: z.RefinementCtx): void {
  if (target === '') return;
  try {
    targetSelector(target, scope);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      path: ['target'],
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** A repeatable free-text parameter (`?keyword=a&keyword=b`): one string or several. */
export const repeated = z.union([z.string(), z.array(z.string())]).optional();

/** The values of a repeatable parameter, trimmed, empty ones dropped. */
export function valuesOf(v: string | readonly string[] | undefined): string[] {
  return (v === undefined ? [] : typeof v === 'string' ? [v] : [...v])
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
