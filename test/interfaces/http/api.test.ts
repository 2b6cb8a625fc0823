/**
 * The HTTP API in-process (`app.request`), on a DuckDB ledger imported from the real Common Crawl excerpt
 * plus a small CSV of a link farm (so toxic and disavow have work): every report returns what the
 * application function returns for the same parameters, pages add up, CSV is the CLI's CSV, bad
 * parameters are 400s naming the field, tokens gate reads and changes, internal errors hide their stack,
 * and the committed docs/openapi.json is what the server serves.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../../src/adapters/store-duckdb/duckdb-store.ts';
import { reportGap } from '../../../src/app/ledger/gap.ts';
import { reportHistory } from '../../../src/app/ledger/history.ts';
import {
  reportAnchors,
  reportBacklinks,
  reportPages,
  reportProfile,
  reportRefDomains,
} from '../../../src/app/ledger/reports.ts';
import { auditToxicity } from '../../../src/app/quality/toxic.ts';
import type { LedgerStore } from '../../../src/core/ledger/store.ts';
import { DEFAULT_QUALITY_WEIGHTS } from '../../../src/core/quality/weights.ts';
import { BACKLINK_CSV_COLUMNS, csvRows } from '../../../src/interfaces/cli/output/report-format.ts';
import { createApi } from '../../../src/interfaces/http/api.ts';
import {
  AnchorPageSchema,
  BacklinkPageSchema,
  BrokenPagePageSchema,
  DisavowVersionSchema,
  ExplainSchema,
  GapPageSchema,
  GeneratedDisavowSchema,
  HistorySchema,
  LinkedPagePageSchema,
  ProfileSchema,
  RefDomainPageSchema,
  ToxicSchema,
  WhitelistSchema,
} from '../../../src/interfaces/http/schemas.ts';
import { parseTokens } from '../../../src/interfaces/http/tokens.ts';
import { OPENAPI_FILE, openApiText } from '../../../src/main/serve-openapi.ts';
import { runMain } from '../../support/cli.ts';
import { REPO_ROOT } from '../../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-http-'));
const db = join(dir, 'ledger.duckdb');
const WARC = join(REPO_ROOT, 'data', 'commoncrawl', 'CC-MAIN-2020-34-excerpt.warc.gz');
const TARGET = 'radsport-suche.ch';
const FARM = Array.from({ length: 6 }, (_, i) => `farm-${i + 1}.example`);
const READ = 'read-token-0123456789abcdef';
const ADMIN = 'admin-token-0123456789abcdef';
const NOW = Date.UTC(2024, 5, 1);

let store: LedgerStore;
let api: ReturnType<typeof createApi>;
const logged: string[] = [];

beforeAll(async () => {
  const rows = ['source,target,anchor,rel,first_seen'];
  for (const farm of FARM) {
    rows.push(`http://${farm}/,https://target.example/widgets,cheap widgets,,2024-01-10`);
    for (const other of FARM)
      if (other !== farm) rows.push(`http://${farm}/,http://${other}/,partner,,2024-01-10`);
  }
  rows.push('http://news-1.example/story,https://target.example/,Target Example,,2024-02-02');
  const csv = join(dir, 'links.csv');
  writeFileSync(csv, `${rows.join('\n')}\n`);
  const imported = await runMain(['import', '--db', db, '--progress', 'none', WARC, csv]);
  expect(imported.code, imported.stderr).toBe(0);
  store = await DuckDbLedgerStore.open({ path: db });
  api = createApi({
    store,
    tokens: parseTokens(`# test tokens\nread:${READ}\nadmin:${ADMIN}\n`, 'test'),
    now: () => NOW,
    log: (m) => logged.push(m),
    version: 'test',
  });
}, 120_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, token: string | null = READ, headers: Record<string, string> = {}) =>
  api.request(path, {
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers },
  });
/** The schema docs/openapi.json gives each report's 200 response (strict: no field more, none missing). */
const RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  '/api/v1/backlinks': BacklinkPageSchema,
  '/api/v1/refdomains': RefDomainPageSchema,
  '/api/v1/anchors': AnchorPageSchema,
  '/api/v1/pages': z.union([LinkedPagePageSchema, BrokenPagePageSchema]),
  '/api/v1/profile': ProfileSchema,
  '/api/v1/history': HistorySchema,
  '/api/v1/gap': GapPageSchema,
  '/api/v1/toxic': ToxicSchema,
};

const getJson = async (path: string) => {
  const res = await get(path);
  expect(res.status, await res.clone().text()).toBe(200);
  const schema = RESPONSE_SCHEMAS[new URL(path, 'http://api').pathname];
  if (schema) expect(schema.safeParse(await res.clone().json()).error, path).toBeUndefined();
  return (await res.json()) as { data: unknown[]; page: { nextOffset: number | null } } & Record<
    string,
    unknown
  >;
};
const post = (path: string, body: unknown, token: string | null = ADMIN) =>
  api.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });

describe('reports: the same rows as the application functions', () => {
  it('backlinks, with filters and sorting', async () => {
    const body = await getJson(
      `/api/v1/backlinks?target=${TARGET}&kind=a&dofollow=true&sort=source-url&order=asc&limit=100`,
    );
    const expected = await reportBacklinks(store, {
      target: TARGET,
      scope: 'domain',
      kinds: ['a'],
      dofollowOnly: true,
      sort: 'source-url',
      order: 'asc',
      status: 'live',
      limit: 100,
      offset: 0,
    });
    expect(expected.length).toBeGreaterThan(20);
    expect(body.data).toEqual(expected);
    expect(body.page).toEqual({ limit: 100, offset: 0, count: expected.length, nextOffset: null });
  });

  it('exports a whole listing as the same CSV the paged endpoint gives, streamed', async () => {
    for (const query of [
      `target=${TARGET}`,
      `target=${TARGET}&dofollow=true&sort=source-url&order=asc&status=all`,
    ]) {
      const paged = await get(`/api/v1/backlinks?${query}&format=csv&limit=100000`);
      const exported = await get(`/api/v1/backlinks/export?${query}`);
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(exported.headers.get('content-disposition')).toMatch(
        /^attachment; filename="backlinks-radsport-suche\.ch\.csv"$/,
      );
      const text = await exported.text();
      expect(text).toBe(await paged.text());
      expect(text.split('\n').length).toBeGreaterThan(20);
    }
    expect((await get(`/api/v1/backlinks/export?target=${TARGET}&limit=5`)).status).toBe(200);
    expect((await get('/api/v1/backlinks/export?target=')).status).toBe(400);
    expect((await get(`/api/v1/backlinks/export?target=${TARGET}`, null)).status).toBe(401);
  });

  it('backlinks with quality=true: each row carries the quality backlinks --quality computes', async () => {
    const body = await getJson(`/api/v1/backlinks?target=${TARGET}&quality=true&limit=100`);
    const expected = await reportBacklinks(store, {
      target: TARGET,
      limit: 100,
      offset: 0,
      quality: DEFAULT_QUALITY_WEIGHTS,
    });
    expect(expected.every((r) => typeof r.quality === 'number')).toBe(true);
    expect(body.data).toEqual(expected);
    const csv = await (await get(`/api/v1/backlinks?target=${TARGET}&quality=true&format=csv`)).text();
    expect(csv.split('\n')[0]).toMatch(/,quality$/);
  });

  it('refdomains, anchors, pages, profile and history', async () => {
    const base = { target: TARGET, scope: 'domain' as const, status: 'live' as const, limit: 50, offset: 0 };
    expect((await getJson(`/api/v1/refdomains?target=${TARGET}`)).data).toEqual(
      await reportRefDomains(store, base),
    );
    const anchors = await getJson(`/api/v1/anchors?target=${TARGET}&brand=Radsport`);
    const expectedAnchors = await reportAnchors(store, { ...base, brand: ['Radsport'] });
    expect(anchors.data).toEqual(expectedAnchors.anchors);
    expect(anchors.classes).toEqual(expectedAnchors.classes);
    expect((await getJson(`/api/v1/pages?target=${TARGET}&sort=links`)).data).toEqual(
      await reportPages(store, { ...base, sort: 'links' }),
    );
    const profile = await getJson(`/api/v1/profile?target=${TARGET}&top=3`);
    expect(profile).toEqual(
      await reportProfile(store, { target: TARGET, scope: 'domain', now: NOW, top: 3 }),
    );
    expect((await getJson(`/api/v1/history?target=${TARGET}&by=week`)).data).toEqual(
      await reportHistory(store, { target: TARGET, scope: 'domain', by: 'week', since: null, now: NOW }),
    );
    const broken = await getJson(`/api/v1/pages?target=${TARGET}&broken=true`);
    expect(broken.data).toEqual([]);
  });

  it('pages through a listing: full pages point at the next, and the pages add up to the whole', async () => {
    const all = (await getJson(`/api/v1/backlinks?target=${TARGET}&limit=1000`)).data;
    const seen: unknown[] = [];
    let path: string | null = `/api/v1/backlinks?target=${TARGET}&limit=10`;
    while (path !== null) {
      const res = await get(path);
      const body = (await res.json()) as { data: unknown[]; page: { nextOffset: number | null } };
      seen.push(...body.data);
      const link = res.headers.get('link');
      if (body.page.nextOffset === null) expect(link).toBeNull();
      else
        expect(link).toBe(
          `</api/v1/backlinks?target=${TARGET}&limit=10&offset=${body.page.nextOffset}>; rel="next"`,
        );
      path = link === null ? null : /^<([^>]+)>/.exec(link)![1]!;
    }
    expect(all.length).toBe(28);
    expect(seen).toEqual(all);
  });

  it('serves the CLI CSV with format=csv or Accept: text/csv', async () => {
    const rows = await reportBacklinks(store, { target: TARGET, limit: 50, offset: 0 });
    const expected = [...csvRows(BACKLINK_CSV_COLUMNS, rows)].join('');
    const byParam = await get(`/api/v1/backlinks?target=${TARGET}&format=csv`);
    expect(byParam.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await byParam.text()).toBe(expected);
    const byAccept = await get(`/api/v1/backlinks?target=${TARGET}`, READ, { accept: 'text/csv' });
    expect(await byAccept.text()).toBe(expected);
  });

  it('finds the gap and the toxic links as the CLI does', async () => {
    const gap = await getJson(
      `/api/v1/gap?target=${TARGET}&competitor=farm-1.example&competitor=farm-2.example&min=2`,
    );
    const expectedGap = await reportGap(store, {
      target: TARGET,
      competitors: ['farm-1.example', 'farm-2.example'],
      min: 2,
      limit: 50,
      offset: 0,
    });
    expect((gap.data as { domain: string }[]).map((r) => r.domain).sort()).toEqual(FARM.slice(2).sort());
    expect(gap.data).toEqual(expectedGap);
    const toxic = await getJson('/api/v1/toxic?target=target.example&all=true');
    const { report } = await auditToxicity(store, {
      target: 'target.example',
      scope: 'domain',
      brandTerms: [],
      keywords: [],
    });
    expect((toxic.links as unknown[]).length).toBe(report.links.length);
    // The response is what docs/openapi.json says, field for field (no field more, none missing).
    expect(ToxicSchema.safeParse(toxic).error).toBeUndefined();
    expect(report.links.some((l) => l.reasons.length > 0) && report.domains.length > 0).toBe(true);
    const flagged = await getJson('/api/v1/toxic?target=target.example');
    expect((flagged.links as { flagged: boolean }[]).every((l) => l.flagged)).toBe(true);
    // paging: pages of the same ordered list, with the exact total and next offset.
    const everything = toxic.links as { sourceUrl: string; targetUrl: string }[];
    expect(toxic.total).toBe(everything.length);
    expect(toxic.page).toBeNull();
    const pages: unknown[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const got = await getJson(`/api/v1/toxic?target=target.example&all=true&limit=4&offset=${offset}`);
      const page = got.page as unknown as { count: number; nextOffset: number | null };
      expect(got.total).toBe(everything.length);
      expect(page.count).toBe((got.links as unknown[]).length);
      pages.push(...(got.links as unknown[]));
      offset = page.nextOffset;
    }
    expect(pages).toEqual(everything);
    expect((await get('/api/v1/toxic?target=target.example&limit=0')).status).toBe(400);
    // trusted seeds: the same spam mass as toxic --trusted; seeds not in the ledger are named.
    const seeded = await getJson(
      '/api/v1/toxic?target=target.example&all=true&trusted=news-1.example,nowhere.example',
    );
    const withTrust = await auditToxicity(store, {
      target: 'target.example',
      scope: 'domain',
      brandTerms: [],
      keywords: [],
      trusted: ['news-1.example', 'nowhere.example'],
    });
    expect(seeded.unknownSeeds).toEqual(['nowhere.example']);
    expect(seeded.links).toEqual(
      [...withTrust.report.links].sort((a, b) => b.score - a.score || (a.sourceUrl < b.sourceUrl ? -1 : 1)),
    );
    const reasons = (links: unknown) =>
      (links as { reasons: { code: string }[] }[]).flatMap((l) => l.reasons.map((r) => r.code));
    expect(reasons(seeded.links)).toContain('high-spam-mass');
    expect(reasons(toxic.links)).not.toContain('high-spam-mass');
    const explained = await get(
      '/api/v1/explain?source=http://farm-1.example/&target=https://target.example/widgets',
    );
    expect(explained.status).toBe(200);
    const body = await explained.json();
    expect(ExplainSchema.safeParse(body).error).toBeUndefined(); // field for field as docs/openapi.json says
    const [scored] = body as { quality: { score: number; factors: unknown[] } }[];
    expect(scored!.quality.score).toBeGreaterThanOrEqual(0);
    expect(scored!.quality.factors.length).toBeGreaterThan(0);
    expect(
      (await get('/api/v1/explain?source=http://nowhere.example/&target=https://target.example/')).status,
    ).toBe(404);
  });
});

describe('errors', () => {
  it.each([
    ['/api/v1/backlinks', 'target'],
    [`/api/v1/backlinks?target=${TARGET}&limit=0`, 'limit'],
    [`/api/v1/backlinks?target=${TARGET}&limit=abc`, 'limit'],
    [`/api/v1/backlinks?target=${TARGET}&offset=-1`, 'offset'],
    [`/api/v1/backlinks?target=${TARGET}&sort=domain`, 'sort'],
    [`/api/v1/backlinks?target=${TARGET}&scope=planet`, 'scope'],
    [`/api/v1/backlinks?target=${TARGET}&kind=a&kind=nope`, 'kind'],
    [`/api/v1/backlinks?target=${TARGET}&since=2020-02-30`, 'since'],
    [`/api/v1/backlinks?target=${TARGET}&dofollow=yes`, 'dofollow'],
    [`/api/v1/backlinks?target=${TARGET}&format=xml`, 'format'],
    ['/api/v1/backlinks?target=not a url&scope=url', 'target'],
    [`/api/v1/pages?target=${TARGET}&broken=true&sort=links`, 'sort'],
    [`/api/v1/gap?target=${TARGET}`, 'competitor'],
    [`/api/v1/gap?target=${TARGET}&competitor=${TARGET}`, 'competitor'],
    [`/api/v1/gap?target=${TARGET}&competitor=a.com&min=2`, 'min'],
    [`/api/v1/history?target=${TARGET}&by=year`, 'by'],
    ['/api/v1/explain?source=nope&target=https://target.example/', 'source'],
  ])('%s is a 400 naming %s', async (path, field) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; field: string; message: string } };
    expect(body.error).toMatchObject({ code: 'USAGE', field });
    expect(body.error.message.length).toBeGreaterThan(5);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('hides internal errors from the client and logs them', async () => {
    const broken = createApi({
      store: new Proxy(store, {
        get: (target, key) =>
          key === 'backlinks' ? () => Promise.reject(new Error('disk on fire')) : Reflect.get(target, key),
      }),
      tokens: null,
      log: (m) => logged.push(m),
      version: 'test',
    });
    const res = await broken.request(`/api/v1/backlinks?target=${TARGET}`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('disk on fire');
    expect(text).not.toMatch(/\bat \S+:\d+/);
    expect(logged.some((m) => m.includes('disk on fire'))).toBe(true);
  });

  it('maps a bad merge file (BAD_INPUT) to 422', async () => {
    const res = await post('/api/v1/disavow', {
      target: 'target.example',
      merge: 'domain:\nnot a line at all ::\n',
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_INPUT');
  });
});

describe('tokens', () => {
  const path = `/api/v1/backlinks?target=${TARGET}&limit=1`;
  it('needs a known token to read: 401 without or with a bad one, 200 with read or admin', async () => {
    const none = await get(path, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await get(path, 'not-a-known-token-at-all')).status).toBe(401);
    expect((await get(path, READ)).status).toBe(200);
    expect((await get(path, ADMIN)).status).toBe(200);
  });

  it('needs admin to change data: 403 with a read token', async () => {
    const add = { target: 'target.example', add: ['domain:farm-1.example'], note: 'partner' };
    expect((await post('/api/v1/whitelist', add, null)).status).toBe(401);
    expect((await post('/api/v1/whitelist', add, READ)).status).toBe(403);
    expect((await post('/api/v1/disavow', { target: 'target.example' }, READ)).status).toBe(403);
    const added = await post('/api/v1/whitelist', add, ADMIN);
    expect(added.status).toBe(200);
    const listed: unknown = await (await get('/api/v1/whitelist?target=target.example', READ)).json();
    expect(WhitelistSchema.safeParse(listed).error).toBeUndefined();
    const list = listed as { data: { value: string; note: string }[] };
    expect(list.data).toEqual([expect.objectContaining({ value: 'domain:farm-1.example', note: 'partner' })]);
    expect((await post('/api/v1/whitelist', { target: 'target.example', add: ['::bad'] })).status).toBe(400);
  });

  it('generates, lists and downloads disavow versions', async () => {
    const res = await post('/api/v1/disavow', { target: 'target.example' });
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    expect(GeneratedDisavowSchema.safeParse(body).error).toBeUndefined();
    const made = body as { version: { version: number }; text: string };
    expect(made.text).toContain('domain:farm-2.example');
    expect(made.text).not.toContain('domain:farm-1.example'); // whitelisted above
    const listedVersions: unknown = await (
      await get('/api/v1/disavow/versions?target=target.example')
    ).json();
    expect(
      z.strictObject({ data: z.array(DisavowVersionSchema) }).safeParse(listedVersions).error,
    ).toBeUndefined();
    const versions = listedVersions as { data: { version: number }[] };
    expect(versions.data.map((v) => v.version)).toContain(made.version.version);
    const file = await get('/api/v1/disavow/file?target=target.example');
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await file.text()).toBe(made.text);
    expect((await get('/api/v1/disavow/file?target=target.example&version=999')).status).toBe(404);
  });

  it('generates the disavow file from the same toxic links as toxic?trusted= when given trusted domains', async () => {
    const trusted = ['news-1.example'];
    const toxic = await getJson(`/api/v1/toxic?target=target.example&trusted=${trusted.join(',')}`);
    const flagged = new Set(
      (toxic.links as { sourceUrl: string }[]).map((l) => `domain:${new URL(l.sourceUrl).hostname}`),
    );
    const res = await post('/api/v1/disavow', { target: 'target.example', trusted });
    expect(res.status, await res.clone().text()).toBe(200);
    const made = (await res.json()) as { text: string };
    const lines = new Set(made.text.split('\n').filter((l) => l.startsWith('domain:')));
    expect(lines).toEqual(flagged);
    expect((await post('/api/v1/disavow', { target: 'target.example', trusted: 'x' })).status).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('serves the committed docs/openapi.json (run `npm run openapi` after changing the API)', async () => {
    const res = await api.request('/openapi.json');
    expect(res.status).toBe(200);
    const committed = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as { info: { version: string } };
    const served = (await res.json()) as { info: { version: string } };
    expect({ ...served, info: { ...served.info, version: committed.info.version } }).toEqual(committed);
    expect(openApiText()).toBe(readFileSync(OPENAPI_FILE, 'utf8'));
  });
});
