/**
 * The server's response cache, in-process over a DuckDB ledger of the real Common Crawl excerpt: a
 * repeated read is answered from memory with the same body; any write through the server (a whitelist
 * entry here) makes it stale; tokens are checked before the cache answers; JSON and CSV are kept apart;
 * job listings are never cached; the same request arriving many times at once reaches the store once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../../src/adapters/store-duckdb/duckdb-store.ts';
import type { LedgerStore } from '../../../src/core/ledger/store.ts';
import { createApi } from '../../../src/interfaces/http/api.ts';
import { ResponseCache } from '../../../src/interfaces/http/response-cache.ts';
import { parseTokens } from '../../../src/interfaces/http/tokens.ts';
import { countingWrites, WRITE_METHODS } from '../../../src/main/write-count.ts';
import { runMain } from '../../support/cli.ts';
import { REPO_ROOT } from '../../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-cache-'));
const db = join(dir, 'ledger.duckdb');
const WARC = join(REPO_ROOT, 'data', 'commoncrawl', 'CC-MAIN-2020-34-excerpt.warc.gz');
const TARGET = 'radsport-suche.ch';
const READ = 'read-token-0123456789abcdef';
const ADMIN = 'admin-token-0123456789abcdef';

let raw: LedgerStore;
let cache: ResponseCache;
let api: ReturnType<typeof createApi>;
let backlinkQueries = 0;

beforeAll(async () => {
  const imported = await runMain(['import', '--db', db, '--progress', 'none', WARC]);
  expect(imported.code, imported.stderr).toBe(0);
  raw = await DuckDbLedgerStore.open({ path: db, readConnections: 2 });
  const original = raw.backlinks.bind(raw);
  raw.backlinks = (q) => {
    backlinkQueries += 1;
    return original(q);
  };
  const { store, writes } = countingWrites(raw);
  cache = new ResponseCache({ version: writes });
  api = createApi({
    store,
    tokens: parseTokens(`read:${READ}\nadmin:${ADMIN}\n`, 'test'),
    version: 'test',
    cache,
  });
}, 120_000);

afterAll(async () => {
  await raw?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, token: string | null = READ, accept?: string) =>
  api.request(path, {
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(accept === undefined ? {} : { accept }),
    },
  });

describe('response cache', () => {
  it('answers a repeated read from memory with the same body, until a write', async () => {
    const path = `/api/v1/backlinks?target=${TARGET}&limit=10`;
    const first = await get(path);
    expect(first.headers.get('x-cache')).toBe('miss');
    const body = await first.text();
    const queries = backlinkQueries;
    const second = await get(path);
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(await second.text()).toBe(body);
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(backlinkQueries).toBe(queries);

    const added = await api.request('/api/v1/whitelist', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ target: TARGET, add: ['domain:example.org'] }),
    });
    expect(added.status, await added.clone().text()).toBe(200);
    const after = await get(path);
    expect(after.headers.get('x-cache')).toBe('miss');
    expect(backlinkQueries).toBe(queries + 1);
  });

  it('checks the token before answering from the cache', async () => {
    const path = `/api/v1/refdomains?target=${TARGET}`;
    expect((await get(path)).status).toBe(200);
    expect((await get(path)).headers.get('x-cache')).toBe('hit');
    expect((await get(path, null)).status).toBe(401);
    expect((await get(path, 'wrong-token-0123456789')).status).toBe(401);
  });

  it('keeps JSON and CSV apart and never caches job listings or errors', async () => {
    const path = `/api/v1/anchors?target=${TARGET}`;
    const json = await get(path);
    const csv = await get(path, READ, 'text/csv');
    expect(json.headers.get('content-type')).toMatch(/json/);
    expect(csv.headers.get('content-type')).toMatch(/csv/);
    expect((await get(path, READ, 'text/csv')).headers.get('content-type')).toMatch(/csv/);
    expect((await get('/api/v1/jobs')).headers.get('x-cache')).toBeNull();
    const exported = `/api/v1/backlinks/export?target=${TARGET}`;
    for (let i = 0; i < 2; i++) {
      const res = await get(exported);
      expect(res.headers.get('x-cache')).toBeNull();
      expect(await res.text()).toMatch(/^sourceUrl,/);
    }
    expect((await get('/api/v1/backlinks?target=')).headers.get('x-cache')).toBeNull();
    expect((await get('/api/v1/backlinks?target=')).headers.get('x-cache')).toBeNull();
  });

  it('sends a burst of the same new request to the store once', async () => {
    const path = `/api/v1/backlinks?target=${TARGET}&limit=7`;
    const queries = backlinkQueries;
    const answers = await Promise.all(Array.from({ length: 12 }, () => get(path)));
    const bodies = await Promise.all(answers.map((a) => a.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('x-cache') === 'miss')).toHaveLength(1);
    expect(backlinkQueries).toBe(queries + 1);
  });

  it('counts every method of the store that writes (a new one must be added to WRITE_METHODS)', () => {
    const writers = Object.getOwnPropertyNames(DuckDbLedgerStore.prototype).filter((name) =>
      /^(save|add|remove|delete|set|update|commit|optimize)/.test(name),
    );
    expect(writers.length).toBeGreaterThanOrEqual(8);
    expect([...WRITE_METHODS].sort()).toEqual(writers.sort());
  });
});
