/**
 * `linkledger import` as a user runs it, on real pages: a WARC built from the 258 real news pages of
 * htmlparser-benchmark, imported into a DuckDB ledger by the real bin. Re-importing changes nothing; a
 * `kill -9` mid-import followed by the same command gives exactly the ledger of one clean import.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../src/adapters/store-duckdb/duckdb-store.ts';
import { renderProgress } from '../../src/interfaces/cli/output/progress.ts';
import { HTML_CORPUS_DIR, REPO_ROOT } from '../support/paths.ts';
import { toSchema1 } from '../support/schema1-ledger.ts';
import {
  CC_SEGMENT_FILE,
  httpResponse,
  pageResponse,
  uncrawledSegmentBytes,
  warcGzBytes,
} from '../support/warc-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BIN = join(REPO_ROOT, 'bin', 'linkledger.js');

/** The real corpus as WARC responses, each page under its own URL on one of 40 hosts. */
function corpusWarc(path: string): void {
  const files = readdirSync(HTML_CORPUS_DIR).sort();
  writeFileSync(
    path,
    warcGzBytes(
      files.map((file, i) => ({
        type: 'response',
        targetUri: `https://news${i % 40}.example.com/story/${i}`,
        contentType: 'application/http; msgtype=response',
        date: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
        block: httpResponse(200, { 'Content-Type': 'text/html' }, readFileSync(join(HTML_CORPUS_DIR, file))),
      })),
    ),
  );
}

function cli(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}

async function ledgerDump(db: string) {
  const store = await DuckDbLedgerStore.open({ path: db });
  try {
    // Import runs are the history of imports, not the ledger: a re-import adds one by design.
    const { importRuns: _runs, ...counts } = await store.counts();
    return { counts, links: await store.dump() };
  } finally {
    await store.close();
  }
}

/** Starts an import, SIGKILLs it after `batches` committed batches, resolves when it is gone. */
function importAndKill(db: string, warc: string, batches: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [BIN, 'import', '--db', db, '--progress', 'lines', '--batch-links', '3000', warc],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let seen = 0;
    let killed = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      seen += text.split('\n').filter((l) => l.startsWith('batch ')).length;
      if (!killed && seen >= batches) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve(killed));
  });
}

describe('linkledger import', () => {
  const warc = join(dir, 'corpus.warc.gz');
  corpusWarc(warc);

  it('imports a WARC, and importing it again changes nothing', async () => {
    const db = join(dir, 'clean.duckdb');
    const first = cli('import', '--db', db, '--batch-links', '3000', warc);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/imported .*corpus\.warc\.gz as warc \(source warc\)/);
    expect(first.stderr).not.toMatch(/hint/);
    const once = await ledgerDump(db);
    expect(once.counts.links).toBeGreaterThan(20_000);
    const again = cli('import', '--db', db, warc);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/links new 0, updated 0, lost 0/);
    expect(await ledgerDump(db)).toEqual(once);
  });

  it('hints at --source when a Common Crawl segment names no crawl, and not once it is given', () => {
    const segment = join(dir, CC_SEGMENT_FILE);
    writeFileSync(segment, uncrawledSegmentBytes());
    const guessed = cli('import', '--db', join(dir, 'segment.duckdb'), segment);
    expect(guessed.status).toBe(0);
    expect(guessed.stderr).toMatch(/\(source warc\)/);
    expect(guessed.stderr).toMatch(
      /hint: .*nor its path names the crawl.*source commoncrawl:CC-MAIN-YYYY-WW \(--source .*`source` in an API import job\)/,
    );
    const tagged = cli(
      'import',
      '--db',
      join(dir, 'tagged.duckdb'),
      '--source',
      'commoncrawl:CC-MAIN-2024-22',
      segment,
    );
    expect(tagged.status).toBe(0);
    expect(tagged.stderr).toMatch(/\(source commoncrawl:CC-MAIN-2024-22\)/);
    expect(tagged.stderr).not.toMatch(/hint/);
  });

  it('upgrades a ledger file of schema 1 when it opens it, and says so once', async () => {
    const db = join(dir, 'schema1.duckdb');
    const warc = join(dir, 'small-corpus.warc.gz');
    writeFileSync(
      warc,
      warcGzBytes([
        pageResponse(
          'https://news.example.com/a',
          '<a href="https://acme.com/">Acme</a> <a href="http://shop.acme.com:8080/x?y">Shop</a>',
        ),
      ]),
    );
    expect(cli('import', '--db', db, warc).status).toBe(0);
    const before = await ledgerDump(db);
    await toSchema1(db);
    const upgraded = cli('backlinks', 'acme.com', '--db', db, '--format', 'json');
    expect(upgraded.status).toBe(0);
    expect(upgraded.stderr).toMatch(/linkledger: upgrading the ledger file to schema 2: rewriting 2 links/);
    expect(
      JSON.parse(upgraded.stdout)
        .map((r: { targetUrl: string }) => r.targetUrl)
        .sort(),
    ).toEqual(['http://shop.acme.com:8080/x?y', 'https://acme.com/']);
    expect(await ledgerDump(db)).toEqual(before);
    expect(cli('backlinks', 'acme.com', '--db', db).stderr).not.toMatch(/upgrading/);
  });

  it('resumes after kill -9 and ends with the ledger of one clean import', async () => {
    const db = join(dir, 'killed.duckdb');
    expect(await importAndKill(db, warc, 3)).toBe(true);
    const partial = await ledgerDump(db);
    const clean = await ledgerDump(join(dir, 'clean.duckdb'));
    expect(partial.counts.links).toBeGreaterThan(0);
    expect(partial.counts.links).toBeLessThan(clean.counts.links);
    const resumed = cli('import', '--db', db, '--batch-links', '3000', warc);
    expect(resumed.status).toBe(0);
    expect(await ledgerDump(db)).toEqual(clean);
  });

  it('refuses a CSV with unknown headers, listing the expected columns', () => {
    const csv = join(dir, 'odd.csv');
    writeFileSync(csv, 'foo,bar\n1,2\n');
    const result = cli('import', '--db', join(dir, 'odd.duckdb'), csv);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/Ahrefs/i);
  });

  it('imports an export saved as UTF-16 ("Unicode text") by its header, not as HTML', () => {
    const tsv = join(REPO_ROOT, 'test', 'fixtures', 'imports', 'ahrefs-backlinks-utf16.tsv');
    const db = join(dir, 'utf16.duckdb');
    const result = cli('import', '--db', db, tsv);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/ahrefs/i);
    const backlinks = cli('backlinks', 'acme-widgets.com', '--db', db, '--format', 'json', '--status', 'all');
    const rows = JSON.parse(backlinks.stdout) as { sourceUrl: string }[];
    expect(rows.map((r) => r.sourceUrl)).toContain(
      'https://blog.woodworking-weekly.com/2024/03/best-bench-vises',
    );
  });

  it('draws a progress line with share, rate and ETA', () => {
    const line = renderProgress({ label: 'x.warc.gz', done: 50, total: 200, records: 1000 }, 10, 100);
    expect(line).toContain('25%');
    expect(line).toContain('100/s');
    expect(line).toContain('ETA 30s');
  });
});
