/**
 * The report endpoints: backlinks, refdomains, anchors, pages (and broken pages), profile, history, gap.
 * Each parses its query (params.ts), calls the same application function as the CLI command of the same
 * name, and renders JSON or the CLI's CSV.
 */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { reportBrokenPages } from '../../app/ledger/broken.ts';
import { competitorKeys, reportGap } from '../../app/ledger/gap.ts';
import { reportHistory } from '../../app/ledger/history.ts';
import {
  exportBacklinks,
  type ReportRequest,
  reportAnchors,
  reportBacklinks,
  reportPages,
  reportProfile,
  reportRefDomains,
} from '../../app/ledger/reports.ts';
import { GAP_SCOPES } from '../../core/ledger/gap.ts';
import { HISTORY_PERIODS } from '../../core/ledger/history.ts';
import type { LedgerKind } from '../../core/ledger/model.ts';
import {
  ANCHOR_SORTS,
  BACKLINK_SORTS,
  PAGE_SORTS,
  REFDOMAIN_SORTS,
  targetSelector,
} from '../../core/ledger/query.ts';
import { DEFAULT_QUALITY_WEIGHTS } from '../../core/quality/weights.ts';
import { brokenCsv, gapCsv, HISTORY_CSV_COLUMNS } from '../cli/output/change-format.ts';
import { csvLine } from '../cli/output/csv.ts';
import {
  ANCHOR_CSV_COLUMNS,
  BACKLINK_CSV_COLUMNS,
  BACKLINK_QUALITY_CSV_COLUMNS,
  csvRow,
  csvRows,
  PAGE_CSV_COLUMNS,
  profileCsv,
  REFDOMAIN_CSV_COLUMNS,
} from '../cli/output/report-format.ts';
import { asParameter, badParameter } from './api-error.ts';
import {
  exportQuery,
  flag,
  formatParam,
  integer,
  LEDGER_KINDS,
  listingQuery,
  listOf,
  oneOf,
  pageParams,
  repeated,
  reportQuery,
  valuesOf,
} from './params.ts';
import { csvResponse, csvStream, formatOf, listingResponse } from './respond.ts';
import { type ApiEnv, addEndpoint, type EndpointContext } from './route.ts';
import {
  AnchorPageSchema,
  BacklinkPageSchema,
  BrokenPagePageSchema,
  GapPageSchema,
  HistorySchema,
  LinkedPagePageSchema,
  ProfileSchema,
  RefDomainPageSchema,
} from './schemas.ts';
import type { Role } from './tokens.ts';

type ReportQuery = z.output<typeof reportQuery>;

/** The application's request from the shared parameters, as the CLI's parseReportFlags builds it. */
function requestOf(q: ReportQuery): ReportRequest {
  const request: ReportRequest = { target: q.target, scope: q.scope };
  if (q.includeInternal) request.includeInternal = true;
  if (q.dofollow) request.dofollowOnly = true;
  if (q.kind.length > 0)
    request.kinds = q.kind.includes('all') ? 'all' : q.kind.filter((k): k is LedgerKind => k !== 'all');
  if (q.placement.length > 0) request.placements = q.placement;
  if (q.since !== undefined) request.firstSeenSince = q.since;
  return request;
}

const json = (schema: z.ZodType, description: string, csv = true) => ({
  200: {
    description,
    content: {
      'application/json': { schema },
      ...(csv ? { 'text/csv': { schema: z.string().openapi({ description: 'the CLI CSV columns' }) } } : {}),
    },
  },
});

function listingOf<const S extends readonly [string, ...string[]]>(
  _sorts: S,
  q: z.output<ReturnType<typeof listingQuery<S>>>,
) {
  return {
    ...requestOf(q),
    status: q.status,
    limit: q.limit,
    offset: q.offset,
    ...(q.order === undefined ? {} : { order: q.order }),
    ...(q.sort === undefined ? {} : { sort: q.sort as S[number] }),
  };
}

export function addReportEndpoints(
  app: OpenAPIHono<ApiEnv>,
  auth: (needed: Role) => MiddlewareHandler<ApiEnv>,
  ctx: EndpointContext,
): void {
  const tags = ['reports'];
  const backlinksQuery = listingQuery(BACKLINK_SORTS, 'first-seen', {
    quality: flag('quality', "add each link's quality score, 0-100 (docs/quality.md)"),
  });
  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/backlinks',
    role: 'read',
    tags,
    summary: 'The links to a target, one row per ledger link (as `linkledger backlinks`)',
    query: backlinksQuery,
    responses: json(BacklinkPageSchema, 'a page of backlinks'),
    handler: async (c, { query }) => {
      const paging = { limit: query.limit, offset: query.offset };
      const weights = query.quality ? DEFAULT_QUALITY_WEIGHTS : null;
      const rows = await ctx.withStore((s) =>
        reportBacklinks(s, { ...listingOf(BACKLINK_SORTS, query), quality: weights }),
      );
      return listingResponse(c, {
        name: 'backlinks',
        format: formatOf(c, query.format),
        rows,
        paging,
        csv: () => csvRows(query.quality ? BACKLINK_QUALITY_CSV_COLUMNS : BACKLINK_CSV_COLUMNS, rows),
      });
    },
  });

  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/backlinks/export',
    role: 'read',
    tags,
    summary: 'Every backlink of a listing as one CSV download, streamed (no 100,000-row page limit)',
    description:
      'The same filters, sort and columns as `backlinks?format=csv`, without paging: the rows come from one consistent read of the ledger as they are produced, so a target with millions of links downloads in constant memory. Not cached.',
    query: exportQuery(BACKLINK_SORTS, 'first-seen'),
    responses: {
      200: {
        description: 'the CSV (the CLI columns), streamed',
        content: { 'text/csv': { schema: z.string() } },
      },
    },
    handler: async (c, { query }) => {
      const {
        limit: _l,
        offset: _o,
        ...request
      } = listingOf(BACKLINK_SORTS, { ...query, limit: 1, offset: 0 });
      const name = `backlinks-${query.target.replace(/[^A-Za-z0-9.-]+/g, '_')}`;
      return csvStream(
        c,
        name,
        async (write) => {
          await write(csvLine(BACKLINK_CSV_COLUMNS));
          await ctx.withStore((s) =>
            exportBacklinks(s, request, async (rows) => {
              let chunk = '';
              for (const row of rows) chunk += csvRow(BACKLINK_CSV_COLUMNS, row);
              await write(chunk);
            }),
          );
        },
        ctx.log,
      );
    },
  });

  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/refdomains',
    role: 'read',
    tags,
    summary: 'The referring domains of a target (as `linkledger refdomains`)',
    query: listingQuery(REFDOMAIN_SORTS, 'links'),
    responses: json(RefDomainPageSchema, 'a page of referring domains'),
    handler: async (c, { query }) => {
      const rows = await ctx.withStore((s) => reportRefDomains(s, listingOf(REFDOMAIN_SORTS, query)));
      return listingResponse(c, {
        name: 'refdomains',
        format: formatOf(c, query.format),
        rows,
        paging: query,
        csv: () => csvRows(REFDOMAIN_CSV_COLUMNS, rows),
      });
    },
  });

  const anchorsQuery = listingQuery(ANCHOR_SORTS, 'links').extend({
    brand: repeated.openapi({
      description: "brand names for the branded class (default: the target domain's name); repeatable",
    }),
    keyword: repeated.openapi({ description: 'keywords for the exact and partial classes; repeatable' }),
  });
  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/anchors',
    role: 'read',
    tags,
    summary: 'The anchor texts of the links to a target, counted and classified (as `linkledger anchors`)',
    query: anchorsQuery,
    responses: json(AnchorPageSchema, 'a page of anchors, with the links per class over all anchors'),
    handler: async (c, { query }) => {
      const report = await ctx.withStore((s) =>
        reportAnchors(s, {
          ...listingOf(ANCHOR_SORTS, query),
          ...(query.brand === undefined ? {} : { brand: valuesOf(query.brand) }),
          ...(query.keyword === undefined ? {} : { keywords: valuesOf(query.keyword) }),
        }),
      );
      return listingResponse(c, {
        name: 'anchors',
        format: formatOf(c, query.format),
        rows: report.anchors,
        paging: query,
        csv: () => csvRows(ANCHOR_CSV_COLUMNS, report.anchors),
        extra: { classes: report.classes, truncated: report.truncated },
      });
    },
  });

  const pagesQuery = listingQuery(PAGE_SORTS, 'refdomains').extend({
    broken: flag(
      'broken',
      'pages whose latest capture answered 4xx, with the live links still pointing at them (status, sort and order do not apply)',
    ),
  });
  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/pages',
    role: 'read',
    tags,
    summary:
      'The most linked pages of a target, or with broken=true its broken pages (as `linkledger pages`)',
    query: pagesQuery,
    responses: {
      200: {
        description: 'a page of linked pages (or of broken pages with broken=true)',
        content: {
          'application/json': {
            schema: z.union([LinkedPagePageSchema, BrokenPagePageSchema]),
          },
          'text/csv': { schema: z.string() },
        },
      },
    },
    handler: async (c, { query }) => {
      const format = formatOf(c, query.format);
      if (query.broken) {
        if (query.sort !== undefined) throw badParameter('sort', 'sort does not apply with broken=true');
        if (query.order !== undefined) throw badParameter('order', 'order does not apply with broken=true');
        if (query.status !== 'live') throw badParameter('status', 'broken=true lists live links only');
        const request = { ...requestOf(query), limit: query.limit, offset: query.offset };
        const rows = await ctx.withStore((s) => reportBrokenPages(s, request));
        return listingResponse(c, {
          name: 'broken-pages',
          format,
          rows,
          paging: query,
          csv: () => brokenCsv(rows),
        });
      }
      const rows = await ctx.withStore((s) => reportPages(s, listingOf(PAGE_SORTS, query)));
      return listingResponse(c, {
        name: 'pages',
        format,
        rows,
        paging: query,
        csv: () => csvRows(PAGE_CSV_COLUMNS, rows),
      });
    },
  });

  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/profile',
    role: 'read',
    tags,
    summary: 'The backlink profile of a target on one screen (as `linkledger profile`)',
    query: reportQuery.extend({
      top: integer('top', 1, 1000, 10, 'entries in the TLD and top-domain lists'),
    }),
    responses: json(ProfileSchema, 'the profile (csv: field,name,value lines)'),
    handler: async (c, { query }) => {
      const profile = await ctx.withStore((s) =>
        reportProfile(s, { ...requestOf(query), now: ctx.now(), top: query.top }),
      );
      if (formatOf(c, query.format) === 'csv') return csvResponse(c, 'profile', profileCsv(profile));
      return c.json(profile, 200);
    },
  });

  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/history',
    role: 'read',
    tags,
    summary:
      'New and lost links and referring domains per period, with live totals (as `linkledger history`)',
    description: 'Here `since` picks the first period shown; the running totals still count older links.',
    query: reportQuery.extend({
      by: oneOf('by', HISTORY_PERIODS)
        .default('month')
        .openapi({ description: 'UTC periods; weeks start on Monday' }),
    }),
    responses: json(HistorySchema, 'one row per period'),
    handler: async (c, { query }) => {
      const { firstSeenSince, ...rest } = requestOf(query);
      const rows = await ctx.withStore((s) =>
        reportHistory(s, { ...rest, by: query.by, since: firstSeenSince ?? null, now: ctx.now() }),
      );
      if (formatOf(c, query.format) === 'csv')
        return csvResponse(c, 'history', csvRows(HISTORY_CSV_COLUMNS, rows));
      return c.json({ data: rows }, 200);
    },
  });

  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/gap',
    role: 'read',
    tags,
    summary:
      'Referring domains linking to at least `min` competitors but not to the target (as `linkledger gap`)',
    query: z.object({
      target: reportQuery.shape.target,
      competitor: repeated.openapi({
        description: 'a competitor; repeat (or separate with commas) for several',
      }),
      scope: oneOf('scope', GAP_SCOPES).default('domain'),
      min: z
        .string()
        .optional()
        .openapi({ description: 'at least this many competitors linked (default 1)' }),
      allLinks: flag('allLinks', 'count nofollow, sponsored and ugc links to competitors too'),
      kind: listOf('kind', [...LEDGER_KINDS, 'all'], 'link kinds (default: the hyperlink kinds)'),
      format: formatParam,
      ...pageParams,
    }),
    responses: json(GapPageSchema, 'a page of gap domains'),
    handler: async (c, { query }) => {
      const sites = (query.competitor === undefined ? [] : [query.competitor].flat())
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (sites.length === 0) throw badParameter('competitor', 'name at least one competitor');
      asParameter('target', () => targetSelector(query.target, query.scope));
      const { competitors } = asParameter('competitor', () =>
        competitorKeys({ target: query.target, competitors: sites, scope: query.scope }),
      );
      const min = query.min === undefined ? 1 : /^\d{1,6}$/.test(query.min) ? Number(query.min) : Number.NaN;
      if (!(min >= 1 && min <= competitors.length))
        throw badParameter(
          'min',
          `min must be an integer from 1 to ${competitors.length} (the competitors named)`,
        );
      const rows = await ctx.withStore((s) =>
        reportGap(s, {
          target: query.target,
          competitors,
          scope: query.scope,
          min,
          allLinks: query.allLinks,
          ...(query.kind.length === 0
            ? {}
            : {
                kinds: query.kind.includes('all')
                  ? 'all'
                  : query.kind.filter((k): k is LedgerKind => k !== 'all'),
              }),
          limit: query.limit,
          offset: query.offset,
        }),
      );
      return listingResponse(c, {
        name: 'gap',
        format: formatOf(c, query.format),
        rows,
        paging: query,
        csv: () => gapCsv(rows, competitors),
      });
    },
  });
}
