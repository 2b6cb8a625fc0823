/**
 * `linkledger serve` as a user runs it: the real bin on a DuckDB ledger imported from the Common Crawl
 * excerpt, over a real socket on 127.0.0.1 (port 0, the address read from what it prints). The API gives
 * the rows the CLI prints as JSON for the same parameters; tokens from --token-file gate it; SIGTERM
 * closes the ledger and exits 0; without tokens it refuses a non-loopback host.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinRun, runBin, runMain, startBin } from '../support/cli.ts';
import { REPO_ROOT } from '../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-serve-'));
const db = join(dir, 'ledger.duckdb');
const tokenFile = join(dir, 'tokens');
const WARC = join(REPO_ROOT, 'data', 'commoncrawl', 'CC-MAIN-2020-34-excerpt.warc.gz');
const TARGET = 'radsport-suche.ch';
const READ = 'e2e-read-token-0123456789';
const ADMIN = 'e2e-admin-token-0123456789';

let server: { child: ChildProcess; done: Promise<BinRun> } | null = null;
let base = '';
let cliRows: unknown[] = [];
let cliCsv = '';
let keptUpload = '';

/** Starts `serve` and resolves with its address once it prints it. */
async function serve(args: string[]): Promise<string> {
  server = startBin(['serve', '--db', db, '--port', '0', ...args]);
  const { child, done } = server;
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /linkledger API on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    void done.then((run) => reject(new Error(`serve exited early: ${run.stderr}`)));
  });
}

beforeAll(async () => {
  const imported = await runBin(['import', '--db', db, '-q', WARC]);
  expect(imported.status, imported.stderr).toBe(0);
  // The CLI reads the ledger before the server opens it (one process at a time holds a DuckDB file).
  const json = await runBin([
    'backlinks',
    TARGET,
    '--db',
    db,
    '--format',
    'json',
    '--limit',
    '10',
    '--offset',
    '10',
  ]);
  expect(json.status, json.stderr).toBe(0);
  cliRows = JSON.parse(json.stdout) as unknown[];
  cliCsv = (await runBin(['backlinks', TARGET, '--db', db, '--format', 'csv', '--limit', '10'])).stdout;
  writeFileSync(tokenFile, `# e2e\nread:${READ}\nadmin:${ADMIN}\n`);
  base = await serve(['--token-file', tokenFile]);
}, 120_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.done;
  }
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, token: string | null = READ, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });

describe('linkledger serve', () => {
  it('listens on loopback and answers what the CLI prints, as JSON and CSV', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await get(`/api/v1/backlinks?target=${TARGET}&limit=10&offset=10`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: unknown[]; page: { nextOffset: number | null } };
    expect(body.data).toEqual(cliRows);
    expect(body.page.nextOffset).toBe(20);
    expect(res.headers.get('link')).toContain('offset=20');
    const csv = await get(`/api/v1/backlinks?target=${TARGET}&limit=10`, READ, { accept: 'text/csv' });
    expect(await csv.text()).toBe(cliCsv);
  });

  it('applies the token rules: 401, 403, 200', async () => {
    expect((await get(`/api/v1/refdomains?target=${TARGET}`, null)).status).toBe(401);
    expect((await get(`/api/v1/refdomains?target=${TARGET}`, 'wrong-token-0123456789')).status).toBe(401);
    const post = (token: string) =>
      fetch(`${base}/api/v1/whitelist`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ target: TARGET, add: ['domain:live-radsport.ch'] }),
      });
    expect((await post(READ)).status).toBe(403);
    expect((await post(ADMIN)).status).toBe(200);
  });

  it('gives 400 with the field, 404 for unknown routes, and the OpenAPI document without a token', async () => {
    const bad = await get(`/api/v1/backlinks?target=${TARGET}&status=gone`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('status');
    expect((await get('/nowhere')).status).toBe(404);
    const doc = await get('/openapi.json', null);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('keeps an upload whose import failed beside the ledger (where a restarted server finds it)', async () => {
    const res = await fetch(`${base}/api/v1/jobs/upload?filename=broken.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
      body: 'not,a,known,header\n1,2,3,4\n',
    });
    expect(res.status).toBe(202);
    const job = (await res.json()) as { id: string; params: { paths: string[] } };
    let state = '';
    while (state !== 'failed' && state !== 'done') {
      await new Promise((r) => setTimeout(r, 50));
      state = ((await (await get(`/api/v1/jobs/${job.id}`)).json()) as { state: string }).state;
    }
    expect(state).toBe('failed');
    const [kept] = job.params.paths;
    expect(dirname(kept!)).toBe(`${db}.uploads`);
    expect(existsSync(kept!)).toBe(true);
    keptUpload = kept!;
  });

  it('closes the ledger and exits 0 on SIGTERM', async () => {
    server!.child.kill('SIGTERM');
    const run = await server!.done;
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('server stopped, ledger closed');
    // The file is free again: the CLI can open it.
    const after = await runBin(['refdomains', TARGET, '--db', db, '--format', 'json']);
    expect(after.status, after.stderr).toBe(0);
  });

  it('after a restart, imports a kept upload by its path as a job', async () => {
    base = await serve(['--token-file', tokenFile]);
    const res = await fetch(`${base}/api/v1/jobs/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ paths: [keptUpload] }),
    });
    // Accepted (a folder of the previous process would be outside the import folders now: 400).
    expect(res.status, await res.clone().text()).toBe(202);
    server!.child.kill('SIGTERM');
    expect((await server!.done).status).toBe(0);
  });

  it('refuses a non-loopback host without tokens, and a missing ledger', async () => {
    const saved = process.env.LINKLEDGER_TOKENS;
    delete process.env.LINKLEDGER_TOKENS;
    try {
      const open = await runMain(['serve', '--db', db, '--host', '0.0.0.0', '--port', '0']);
      expect(open.code).toBe(2);
      expect(open.stderr).toMatch(/only listens on loopback/);
      const missing = await runMain(['serve', '--db', join(dir, 'none.duckdb'), '--port', '0']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/no ledger at/);
    } finally {
      if (saved !== undefined) process.env.LINKLEDGER_TOKENS = saved;
    }
  });
});
