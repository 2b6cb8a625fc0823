/**
 * `explain`, `toxic`, `whitelist` and `disavow TARGET` on one ledger: the real Common Crawl WARC excerpt
 * (real pages and links, none to the target) plus a generic CSV that plants, around target.example, a
 * link farm (8 domains all linking to each other and to the target with the same money anchor), a paid
 * link without `sponsored`, and a few ordinary editorial links. The farm and the paid link must be
 * flagged with their reasons, the editorial links not; a whitelisted domain must leave the report and the
 * disavow file; the disavow file must pass our own validator and be versioned in the ledger.
 * Runs `main` in-process (the code of the bin) to keep the test fast; one import goes through the bin.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../src/adapters/store-duckdb/duckdb-store.ts';
import type { ScoredLink } from '../../src/app/quality/link-quality.ts';
import type { ToxicityReport } from '../../src/core/toxicity/model.ts';
import { BIN, runMain } from '../support/cli.ts';
import { REPO_ROOT } from '../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-quality-'));
const db = join(dir, 'ledger.duckdb');
const WARC = join(REPO_ROOT, 'data', 'commoncrawl', 'CC-MAIN-2020-34-excerpt.warc.gz');
const FARM = Array.from({ length: 8 }, (_, i) => `farm-${i + 1}.example`);
const EDITORIAL = ['news-1.example', 'news-2.example', 'blog-3.example'];

const run = (...args: string[]) => runMain([...args, '--db', db]);

beforeAll(async () => {
  const rows = ['source,target,anchor,rel,first_seen'];
  for (const farm of FARM) {
    rows.push(`http://${farm}/,https://target.example/widgets,cheap widgets,,2024-01-10`);
    for (const other of FARM)
      if (other !== farm) rows.push(`http://${farm}/,http://${other}/,partner,,2024-01-10`);
  }
  rows.push('http://deals.example/offers,https://target.example/,best casino bonus,,2024-02-01');
  rows.push('http://news-1.example/story,https://target.example/,Target Example,,2024-02-02');
  rows.push(
    'http://news-2.example/review,https://target.example/guide,the widget guide by Target,,2024-02-03',
  );
  rows.push('http://blog-3.example/post,https://target.example/,target.example,,2024-02-04');
  const csv = join(dir, 'links.csv');
  writeFileSync(csv, `${rows.join('\n')}\n`);
  const imported = spawnSync(process.execPath, [BIN, 'import', WARC, csv, '--db', db, '--progress', 'none'], {
    encoding: 'utf8',
  });
  expect(imported.status).toBe(0);
  expect((await run('rank')).code).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const toxicReport = async () =>
  JSON.parse((await run('toxic', 'target.example', '--format', 'json', '--all')).stdout) as ToxicityReport;

describe('explain SOURCE TARGET', () => {
  it('shows every factor, with points that add up to the score', async () => {
    const { code, stdout } = await run(
      'explain',
      'http://news-1.example/story',
      'https://target.example/',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const [scored] = JSON.parse(stdout) as ScoredLink[];
    const sum = scored!.quality.factors.reduce((s, f) => s + f.points, 0);
    expect(sum).toBeCloseTo(scored!.quality.score, 6);
    expect(scored!.quality.score).toBeGreaterThan(0);
    // After `rank`, the linking page's authority is known, not a neutral guess.
    expect(scored!.quality.factors.find((f) => f.name === 'page authority')?.known).toBe(true);
  });

  it('prints the same score as a table for people', async () => {
    const args = ['explain', 'http://farm-1.example/', 'https://target.example/widgets'];
    const [scored] = JSON.parse((await run(...args, '--format', 'json')).stdout) as ScoredLink[];
    const { stdout } = await run(...args);
    expect(stdout).toContain(`Quality ${scored!.quality.score.toFixed(1)} / 100`);
    expect(stdout).toMatch(/^Factor\s+Input\s+Value\s+Weight\s+Points$/m);
    expect(stdout).toContain('anchor "cheap widgets"');
  });

  it('backlinks --quality gives every row the score explain computes', async () => {
    const rows = JSON.parse(
      (await run('backlinks', 'target.example', '--quality', '--format', 'json')).stdout,
    ) as {
      sourceUrl: string;
      targetUrl: string;
      quality: number;
    }[];
    expect(rows.length).toBe(12);
    const news = rows.find((r) => r.sourceUrl === 'http://news-1.example/story')!;
    const [scored] = JSON.parse(
      (await run('explain', news.sourceUrl, news.targetUrl, '--format', 'json')).stdout,
    ) as ScoredLink[];
    expect(news.quality).toBe(Math.round(scored!.quality.score * 10) / 10);
    const csv = (await run('backlinks', 'target.example', '--quality', '--format', 'csv')).stdout;
    expect(csv.split('\n')[0]).toMatch(/,quality$/);
  });

  it('says so when the ledger has no such link (exit 2)', async () => {
    const { code, stderr } = await run('explain', 'http://nowhere.example/', 'https://target.example/');
    expect(code).toBe(2);
    expect(stderr).toMatch(/no link from http:\/\/nowhere\.example\//);
  });
});

describe('toxic TARGET', () => {
  it('flags the link farm and the paid link with their reasons, not the editorial links', async () => {
    const report = await toxicReport();
    const byDomain = new Map(report.links.map((l) => [l.sourceDomain, l]));
    for (const farm of FARM) {
      const link = byDomain.get(farm)!;
      expect([farm, link.flagged]).toEqual([farm, true]);
      expect(link.reasons.map((r) => r.code)).toContain('link-farm');
      expect(link.reasons.every((r) => r.scheme !== undefined && r.evidence.length > 0)).toBe(true);
    }
    const paid = byDomain.get('deals.example')!;
    expect(paid.flagged).toBe(true);
    expect(paid.reasons.map((r) => r.code)).toContain('paid-without-sponsored');
    for (const domain of EDITORIAL) expect([domain, byDomain.get(domain)?.flagged]).toEqual([domain, false]);
  });

  it('with --trusted seeds, adds the spam mass of domains no trusted site vouches for', async () => {
    const trusted = join(dir, 'trusted.txt');
    writeFileSync(trusted, `# editorial sites we trust\n${EDITORIAL.join('\n')}\nnowhere.example\n`);
    const plain = await toxicReport();
    expect(plain.unavailable.map((u) => u.code)).toContain('high-spam-mass');
    const { stdout, stderr } = await run(
      'toxic',
      'target.example',
      '--format',
      'json',
      '--all',
      '--trusted',
      trusted,
    );
    expect(stderr).toContain('trusted domains not in the ledger (they seed nothing): nowhere.example');
    const report = JSON.parse(stdout) as ToxicityReport;
    expect(report.unavailable.map((u) => u.code)).not.toContain('high-spam-mass');
    const byDomain = new Map(report.links.map((l) => [l.sourceDomain, l]));
    for (const farm of FARM)
      expect([farm, byDomain.get(farm)!.reasons.map((r) => r.code)]).toEqual([
        farm,
        expect.arrayContaining(['high-spam-mass']),
      ]);
    for (const domain of EDITORIAL) expect([domain, byDomain.get(domain)?.reasons]).toEqual([domain, []]);
  });

  it('leaves whitelisted domains out', async () => {
    expect(
      (await run('whitelist', 'target.example', '--add', 'domain:farm-1.example', '--note', 'our partner'))
        .code,
    ).toBe(0);
    const report = await toxicReport();
    expect(report.links.some((l) => l.sourceDomain === 'farm-1.example')).toBe(false);
    expect(report.whitelisted.links).toBe(1);
    const listed = await run('whitelist', 'target.example');
    expect(listed.stdout).toMatch(/^domain:farm-1\.example\t\d{4}-\d{2}-\d{2}\tour partner$/m);
  });
});

describe('disavow TARGET', () => {
  it('writes a valid file of the toxic domains, without whitelisted or editorial ones, and keeps each version', async () => {
    const first = join(dir, 'disavow.txt');
    expect((await run('disavow', 'target.example', '--out', first)).code).toBe(0);
    const text = readFileSync(first, 'utf8');
    const entries = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(entries.sort()).toEqual([...FARM.slice(1), 'deals.example'].map((d) => `domain:${d}`).sort());
    expect((await run('disavow', 'validate', first)).code).toBe(0);

    const second = join(dir, 'disavow-2.txt');
    writeFileSync(first, `# reviewed by hand\ndomain:old-spam.example\n${text}`);
    expect((await run('disavow', 'target.example', '--merge', first, '--out', second)).code).toBe(0);
    const merged = readFileSync(second, 'utf8');
    expect(merged).toContain('# reviewed by hand\ndomain:old-spam.example\n');
    expect((await run('disavow', 'validate', second)).code).toBe(0);

    const store = await DuckDbLedgerStore.open({ path: db });
    try {
      const versions = await store.disavowVersions('target.example');
      expect(versions.map((v) => v.version)).toEqual([2, 1]);
      expect(versions[0]!.content).toBe(merged);
    } finally {
      await store.close();
    }
  });
});
