/**
 * `linkledger rank` and `linkledger whatif` as a user runs them: the real bin on a DuckDB ledger imported
 * (also by the real bin) from the Common Crawl WARC excerpt in data/commoncrawl. JSON output must be what
 * the ledger then holds; `whatif` must move the target and write nothing. Bad usage is checked in-process
 * through `main` (same code, no process start-up).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../src/adapters/store-duckdb/duckdb-store.ts';
import type { RankLedgerResult } from '../../src/app/ledger/rank-ledger.ts';
import type { WhatIfResult } from '../../src/app/ledger/whatif.ts';
import type { AuthorityRun, AuthorityScore } from '../../src/core/ledger/authority.ts';
import { runMain } from '../support/cli.ts';
import { REPO_ROOT } from '../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-rank-'));
const db = join(dir, 'ledger.duckdb');
const WARC = join(REPO_ROOT, 'data', 'commoncrawl', 'CC-MAIN-2020-34-excerpt.warc.gz');
const BIN = join(REPO_ROOT, 'bin', 'linkledger.js');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function stored(): Promise<{
  run: AuthorityRun | null;
  pages: AuthorityScore[];
  domains: AuthorityScore[];
}> {
  const store = await DuckDbLedgerStore.open({ path: db });
  try {
    return {
      run: await store.authorityRun(),
      pages: await store.topAuthority('page'),
      domains: await store.topAuthority('domain', 10),
    };
  } finally {
    await store.close();
  }
}

async function inProcess(args: string[]) {
  const { code, stderr } = await runMain(args);
  return { code, stderr };
}

type RankJson = Omit<RankLedgerResult, 'run'> & {
  run: Omit<AuthorityRun, 'rankedAt'> & { rankedAt: string };
};

let ranked: RankJson;
beforeAll(() => {
  const imported = cli('import', '--db', db, '-q', WARC);
  expect(imported.code, imported.stderr).toBe(0);
  const { code, stdout, stderr } = cli('rank', '--db', db, '--format', 'json', '--top', '5');
  expect(code, stderr).toBe(0);
  ranked = JSON.parse(stdout) as RankJson;
}, 60_000);

describe('linkledger rank', () => {
  it('ranks the live hyperlinks of the ledger and saves what it prints', async () => {
    const { run, top } = ranked;
    expect(run).toMatchObject({ dofollowOnly: false, includeTechnical: false });
    expect(run.linksUsed).toBeGreaterThan(500);
    expect(run.linksUsed).toBeLessThan(run.linksRead);
    for (const level of ['page', 'host', 'domain'] as const) {
      expect(run.levels[level].converged).toBe(true);
      expect(run.levels[level].nodes).toBeGreaterThan(10);
      expect(top[level]).toHaveLength(5);
      expect(top[level][0]!.score).toBeCloseTo(100, 9);
    }
    const saved = await stored();
    expect(saved.run).toEqual({ ...run, rankedAt: Date.parse(run.rankedAt) });
    expect(saved.pages.slice(0, 5)).toEqual(top.page);
    expect(saved.domains.slice(0, 5)).toEqual(top.domain);
    expect(saved.pages).toHaveLength(run.levels.page.nodes);
  });

  it('prints a table of the run and the best pages, hosts and domains; --dofollow-only counts fewer links', async () => {
    const { code, stdout } = cli('rank', '--db', db, '--dofollow-only');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Ranked [\d,]+ of [\d,]+ ledger links \(live hyperlinks, followed only, technical/,
    );
    for (const title of ['Top pages', 'Top hosts', 'Top domains']) expect(stdout).toContain(title);
    expect(stdout).toMatch(/^page\s+[\d,]+\s+[\d,]+\s+\d+\s+\S+\s+yes$/m);
    const saved = await stored();
    expect(saved.run!.dofollowOnly).toBe(true);
    expect(saved.run!.linksUsed).toBeLessThanOrEqual(ranked.run.linksUsed);
  });
});

describe('reports after a rank run', () => {
  it('carry the stored authority of each referring domain and source page', () => {
    const refdomains = cli(
      'refdomains',
      ranked.top.domain[0]!.key,
      '--db',
      db,
      '--format',
      'json',
      '--limit',
      '100',
    );
    const backlinks = cli(
      'backlinks',
      ranked.top.domain[0]!.key,
      '--db',
      db,
      '--format',
      'json',
      '--limit',
      '100',
    );
    const rows = JSON.parse(refdomains.stdout) as { domain: string; authority: number | null }[];
    const links = JSON.parse(backlinks.stdout) as {
      sourceDomain: string;
      sourceDomainAuthority: number | null;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.authority !== null && r.authority >= 0 && r.authority <= 100)).toBe(true);
    expect(
      links.every(
        (l) => l.sourceDomainAuthority === rows.find((r) => r.domain === l.sourceDomain)?.authority,
      ),
    ).toBe(true);
  });
});

describe('linkledger whatif', () => {
  it('shows the target rising with a link from the best page, warm-started, and writes nothing', async () => {
    const before = await stored();
    const source = before.pages[0]!.key;
    const target = before.pages.findLast((s) => s.key.startsWith('http') && s.key !== source)!.key;
    const { code, stdout, stderr } = cli(
      'whatif',
      target,
      '--add-link',
      source,
      '--db',
      db,
      '--format',
      'json',
    );
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as Omit<WhatIfResult, 'rankedAt'> & { rankedAt: string };
    expect(result).toMatchObject({ target, added: [source], removed: [], warmStart: true });
    expect(Date.parse(result.rankedAt)).toBe(before.run!.rankedAt);
    expect(result.moves.page.delta).toBeGreaterThan(0);
    expect(result.moves.page.after).toBeGreaterThan(result.moves.page.before);
    expect(result.runs.page.converged).toBe(true);
    expect(await stored()).toEqual(before);

    const table = cli('whatif', target, '--add-link', source, '--db', db);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^page\s+\S+\s+[\d.]+\s+[\d.]+\s+\+[\d.]+\s+\d+$/m);
    expect(table.stdout).toContain('nothing was written');
  });

  it('refuses bad usage with exit code 2 and a message that says what to do', async () => {
    const bare = join(dir, 'bare.duckdb');
    const store = await DuckDbLedgerStore.open({ path: bare });
    await store.close();
    const unranked = await inProcess([
      'whatif',
      'https://a.example/',
      '--add-link',
      'https://b.example/',
      '--db',
      bare,
    ]);
    expect(unranked).toEqual({ code: 2, stderr: expect.stringMatching(/run `linkledger rank` first/) });
    const nothing = await inProcess(['whatif', 'https://a.example/', '--db', db]);
    expect(nothing).toEqual({
      code: 2,
      stderr: expect.stringMatching(/--add-link URL or --remove-link URL/),
    });
    const missing = await inProcess(['rank', '--db', join(dir, 'missing.duckdb')]);
    expect(missing).toEqual({ code: 2, stderr: expect.stringMatching(/no ledger at/) });
  });
});
