/**
 * Background jobs over the API: start an import of files on the server, a crawl or a rank run (admin),
 * follow their progress, cancel them. Jobs run one at a time (app/jobs/job-board.ts); starting one
 * answers 202 with the queued job at once, and `GET /api/v1/jobs/{id}` shows its progress.
 */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { JobBoard, JobView, JobWork } from '../../app/jobs/job-board.ts';
import type { JobWorks } from '../../app/jobs/job-works.ts';
import { CRAWL_SCOPES } from '../../core/crawl/settings.ts';
import { isSourceTag } from '../../core/ledger/source-tag.ts';
import { normalizeUrl } from '../../core/url/normalize.ts';
import { ApiError } from './api-error.ts';
import { type ApiEnv, addEndpoint } from './route.ts';
import { JobListSchema, JobSchema } from './schemas.ts';
import type { Role } from './tokens.ts';

export interface JobService {
  board: JobBoard;
  works: JobWorks;
  /** Stores an uploaded file on the server and gives its path (src/main/serve-uploads.ts). */
  upload: (name: string, body: ReadableStream<Uint8Array> | null) => Promise<{ path: string; bytes: number }>;
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const viewOf = (job: JobView) => ({
  ...job,
  createdAt: iso(job.createdAt),
  startedAt: iso(job.startedAt),
  finishedAt: iso(job.finishedAt),
});
const jobResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: JobSchema } },
});
const notFound = (id: string) => new ApiError(404, 'NOT_FOUND', `no such job: ${id}`, 'id');
const sourceTag = z
  .string()
  .refine(isSourceTag, { error: 'source must look like "gsc", "ahrefs" or "commoncrawl:CC-MAIN-2024-10"' })
  .optional()
  .openapi({ description: 'record the links under this source tag instead of the detected one' });
const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'job-1' }) });

export function addJobEndpoints(
  app: OpenAPIHono<ApiEnv>,
  auth: (needed: Role) => MiddlewareHandler<ApiEnv>,
  service: JobService | null,
): void {
  const jobs = (): JobService => {
    if (service === null) throw new ApiError(503, 'TRANSIENT', 'this server runs no background jobs');
    return service;
  };
  /** 202 with the job just queued. */
  const queued = (c: Context<ApiEnv>, work: JobWork) => c.json(viewOf(jobs().board.submit(work)), 202);
  const tags = ['jobs'];
  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/jobs',
    role: 'read',
    tags,
    summary: 'Background jobs of this server, newest first (the last 100 finished ones and any running)',
    responses: {
      200: { description: 'the jobs', content: { 'application/json': { schema: JobListSchema } } },
    },
    handler: async (c) => c.json({ data: jobs().board.list().map(viewOf) }, 200),
  });

  addEndpoint(app, auth, {
    method: 'get',
    path: '/api/v1/jobs/{id}',
    role: 'read',
    tags,
    summary: 'One job with its progress',
    params: idParam,
    responses: { 200: jobResponse('the job'), 404: jobResponse('no such job') },
    handler: async (c, { params }) => {
      const job = jobs().board.get(params.id);
      if (!job) throw notFound(params.id);
      return c.json(viewOf(job), 200);
    },
  });

  addEndpoint(app, auth, {
    method: 'post',
    path: '/api/v1/jobs/{id}/cancel',
    role: 'admin',
    tags,
    summary: 'Cancel a queued or running job (an import or crawl stops after the batch in flight, resumable)',
    params: idParam,
    responses: { 200: jobResponse('the job as it is now'), 404: jobResponse('no such job') },
    handler: async (c, { params }) => {
      const job = jobs().board.cancel(params.id);
      if (!job) throw notFound(params.id);
      return c.json(viewOf(job), 200);
    },
  });

  addEndpoint(app, auth, {
    method: 'post',
    path: '/api/v1/jobs/import',
    role: 'admin',
    tags,
    summary:
      'Import files or folders on the server into the ledger, as `linkledger import` (a background job)',
    description:
      'Paths are on the server and must lie under one of its import folders (`serve --import-dir`, default: the folder the server was started in); relative paths are taken from the first. Formats are detected as `import` does. Importing the same file again resumes an unfinished run or changes nothing but lastSeen.',
    body: z.object({
      paths: z
        .array(z.string().min(1, { error: 'paths must not contain empty strings' }), {
          error: 'paths must be a list of file or folder paths',
        })
        .min(1, { error: 'paths must list at least one file or folder' })
        .max(1000, { error: 'paths may list at most 1000 entries' }),
      source: sourceTag,
    }),
    responses: { 202: jobResponse('the job, queued') },
    handler: async (c, { body }) =>
      queued(
        c,
        jobs().works.import({
          paths: body.paths,
          ...(body.source === undefined ? {} : { source: body.source }),
        }),
      ),
  });

  addEndpoint(app, auth, {
    method: 'post',
    path: '/api/v1/jobs/upload',
    role: 'admin',
    tags,
    summary:
      'Upload one file (the request body) and import it, as `linkledger import FILE` (a background job)',
    description:
      "For a browser or a client without access to the server's disk: send the file as the raw body (any content type, at most 4 GiB), its name in `filename` (the format is detected from the content and, for CSV exports, the header line). The file is removed once imported; a failed or cancelled import keeps it so the job can be started again.",
    query: z.object({
      filename: z
        .string({ error: 'filename is required' })
        .min(1, { error: 'filename is required' })
        .max(255, { error: 'filename may have at most 255 characters' })
        .openapi({ example: 'search-console-links.csv' }),
      source: sourceTag,
    }),
    responses: { 202: jobResponse('the import job, queued'), 413: jobResponse('the file is too large') },
    handler: async (c, { query }) => {
      const { path, bytes } = await jobs().upload(query.filename, c.req.raw.body);
      return queued(
        c,
        jobs().works.import({
          paths: [path],
          uploaded: { name: query.filename, bytes },
          ...(query.source === undefined ? {} : { source: query.source }),
        }),
      );
    },
  });

  addEndpoint(app, auth, {
    method: 'post',
    path: '/api/v1/jobs/crawl',
    role: 'admin',
    tags,
    summary: 'Crawl politely from seed URLs into the ledger, as `linkledger crawl` (a background job)',
    description:
      "The server's crawl settings apply (user agent, network safety: private addresses only with `serve --allow-private-network`). Starting the same crawl again resumes it.",
    body: z.object({
      seeds: z
        .array(
          z.string().refine((u) => normalizeUrl(u) !== null && /^https?:\/\//i.test(u), {
            error: 'seeds must be http(s) URLs',
          }),
          { error: 'seeds must be a list of URLs' },
        )
        .min(1, { error: 'seeds must list at least one URL' })
        .max(1000, { error: 'seeds may list at most 1000 URLs' }),
      scope: z.enum(CRAWL_SCOPES, { error: `scope must be one of ${CRAWL_SCOPES.join(', ')}` }).optional(),
      maxPages: z
        .number({ error: 'maxPages must be a number' })
        .int({ error: 'maxPages must be an integer' })
        .min(1, { error: 'maxPages must be at least 1' })
        .max(10_000_000, { error: 'maxPages must be at most 10000000' })
        .optional(),
      maxDepth: z
        .number({ error: 'maxDepth must be a number' })
        .int({ error: 'maxDepth must be an integer' })
        .min(0, { error: 'maxDepth must be at least 0' })
        .max(1000, { error: 'maxDepth must be at most 1000' })
        .optional(),
    }),
    responses: { 202: jobResponse('the job, queued') },
    handler: async (c, { body }) => {
      const seeds = body.seeds.map((u) => normalizeUrl(u)!);
      return queued(
        c,
        jobs().works.crawl({
          seeds,
          ...(body.scope === undefined ? {} : { scope: body.scope }),
          ...(body.maxPages === undefined ? {} : { maxPages: body.maxPages }),
          ...(body.maxDepth === undefined ? {} : { maxDepth: body.maxDepth }),
        }),
      );
    },
  });

  addEndpoint(app, auth, {
    method: 'post',
    path: '/api/v1/jobs/rank',
    role: 'admin',
    tags,
    summary: 'Rank the ledger (page, host and domain authority), as `linkledger rank` (a background job)',
    body: z.object({
      dofollowOnly: z
        .boolean({ error: 'dofollowOnly must be true or false' })
        .optional()
        .openapi({ description: 'only followed links vote (default false, as `rank`)' }),
    }),
    responses: { 202: jobResponse('the job, queued') },
    handler: async (c, { body }) =>
      queued(
        c,
        jobs().works.rank(body.dofollowOnly === undefined ? {} : { dofollowOnly: body.dofollowOnly }),
      ),
  });
}
