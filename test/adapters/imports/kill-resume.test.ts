/**
 * Kill and resume, for real: a child process imports a CSV into a DuckDB ledger and is killed with SIGKILL
 * after a few committed batches; importing the same file again resumes the interrupted run from its
 * checkpoint, and the ledger then equals the ledger of one clean import of the file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvImportSource } from '../../../src/adapters/imports/csv-import.ts';
import { DuckDbLedgerStore } from '../../../src/adapters/store-duckdb/duckdb-store.ts';
import { ImportCancelled } from '../../../src/app/ledger/ledger-writer.ts';
import { runImport } from '../../../src/app/ledger/run-import.ts';
import { rng } from '../../contract/ledger-fixtures.ts';
import { REPO_ROOT } from '../../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'ledger-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = Date.UTC(2024, 5, 1);

function writeCsv(path: string, rows: number): void {
  const r = rng(99);
  const lines = ['source,target,anchor,rel,first_seen'];
  for (let i = 0; i < rows; i++) {
    const page = Math.floor(r() * 4000);
    const target = Math.floor(r() * 300);
    const rel = r() < 0.2 ? 'nofollow' : '';
    const day = 1 + Math.floor(r() * 28);
    lines.push(
      `https://site${page % 700}.example.org/p/${page},https://acme${target % 40}.com/t/${target},anchor ${i % 97},${rel},2024-02-${String(day).padStart(2, '0')}`,
    );
    if (i === 5000) lines.push('this row,is,bad,,');
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Runs the child until it has committed `batches` batches, then kills it; resolves when it is gone. */
function importAndKill(db: string, csv: string, batches: number): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'support', 'import-child.ts'), db, csv, String(NOW)],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let seen = 0;
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      seen += text.split('\n').filter((l) => l === 'batch').length;
      if (!killed && seen >= batches) {
        killed = true;
        process.kill(child.pid!, 'SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ killed }));
  });
}

describe('kill and resume', () => {
  it('a killed import, resumed, equals one clean import', async () => {
    const csv = join(dir, 'links.csv');
    writeCsv(csv, 30_000);
    const killedDb = join(dir, 'killed.duckdb');
    const { killed } = await importAndKill(killedDb, csv, 4);
    expect(killed).toBe(true);

    const resumed = await DuckDbLedgerStore.open({ path: killedDb });
    const [interrupted] = await resumed.importRuns();
    expect(interrupted).toMatchObject({ status: 'running' });
    expect(interrupted!.checkpoint.offset).toBeGreaterThan(0);
    expect(interrupted!.checkpoint.offset).toBeLessThan(statSync(csv).size);
    const committed = (await resumed.counts()).links;
    expect(committed).toBeGreaterThan(0);

    const run = await runImport(resumed, await csvImportSource(csv, { now: NOW }), {
      now: () => NOW,
      batchLinks: 5000,
    });
    expect(run.id).toBe(interrupted!.id);
    expect(run.status).toBe('done');
    expect(run.stats.records).toBe(30_001);
    expect(run.stats.badRows).toBe(1);

    const clean = await DuckDbLedgerStore.open({ path: join(dir, 'clean.duckdb') });
    const cleanRun = await runImport(clean, await csvImportSource(csv, { now: NOW }), {
      now: () => NOW,
      batchLinks: 5000,
    });
    expect(await resumed.dump()).toEqual(await clean.dump());
    expect(run.stats.newLinks).toBe(cleanRun.stats.newLinks);
    await resumed.close();
    await clean.close();
  }, 180_000);

  it('a cancelled import (a job cancelled over the API) stops after a batch, and resumed equals a clean run', async () => {
    const csv = join(dir, 'cancel.csv');
    writeCsv(csv, 30_000);
    const cancelled = await DuckDbLedgerStore.open({ path: join(dir, 'cancelled.duckdb') });
    const stop = new AbortController();
    let batches = 0;
    await expect(
      runImport(cancelled, await csvImportSource(csv, { now: NOW }), {
        now: () => NOW,
        batchLinks: 5000,
        signal: stop.signal,
        onProgress: () => {
          batches += 1;
          if (batches === 2) stop.abort();
        },
      }),
    ).rejects.toBeInstanceOf(ImportCancelled);
    const [stopped] = await cancelled.importRuns();
    expect(stopped).toMatchObject({ status: 'failed', error: 'import cancelled; run it again to resume' });
    expect(stopped!.checkpoint.offset).toBeGreaterThan(0);
    expect(stopped!.checkpoint.offset).toBeLessThan(statSync(csv).size);
    const resumed = await runImport(cancelled, await csvImportSource(csv, { now: NOW }), {
      now: () => NOW,
      batchLinks: 5000,
    });
    expect(resumed.id).toBe(stopped!.id);
    const clean = await DuckDbLedgerStore.open({ path: join(dir, 'clean-2.duckdb') });
    await runImport(clean, await csvImportSource(csv, { now: NOW }), { now: () => NOW, batchLinks: 5000 });
    expect(await cancelled.dump()).toEqual(await clean.dump());
    await cancelled.close();
    await clean.close();
  }, 180_000);
});
