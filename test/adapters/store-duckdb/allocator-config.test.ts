/**
 * DuckDB's jemalloc options: the rule (one arena on small machines, a 10 s decay, the user's options kept), and that the
 * real CLI sets them before libduckdb is loaded. jemalloc prints the options it started with when
 * `stats_print` is on, so a child process started with it shows which `narenas` jemalloc really took.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ALLOCATOR_ENV,
  allocatorConf,
  ONE_ARENA_MAX_CORES,
} from '../../../src/adapters/store-duckdb/allocator-config.ts';
import { REPO_ROOT } from '../../support/paths.ts';

describe('allocatorConf', () => {
  const DECAY = 'dirty_decay_ms:10000,muzzy_decay_ms:10000';

  it('asks for one arena and a 10 s decay on a small machine', () => {
    expect(allocatorConf(undefined, 2)).toBe(`narenas:1,${DECAY}`);
    expect(allocatorConf(' ', 8)).toBe(`narenas:1,${DECAY}`);
  });

  it("adds to the user's options and never overrides one they set", () => {
    expect(allocatorConf('stats_print:true', 4)).toBe(`stats_print:true,narenas:1,${DECAY}`);
    expect(allocatorConf('narenas:6', 4)).toBe(`narenas:6,${DECAY}`);
    expect(allocatorConf('dirty_decay_ms:500,narenas:3', 2)).toBe(
      'dirty_decay_ms:500,narenas:3,muzzy_decay_ms:10000',
    );
    // Not a key of its own: only whole keys count.
    expect(allocatorConf('foo_narenas:2', 2)).toBe(`foo_narenas:2,narenas:1,${DECAY}`);
  });

  it('drops stray commas, at which jemalloc would stop reading', () => {
    expect(allocatorConf(',stats_print:true,', 2)).toBe(`stats_print:true,narenas:1,${DECAY}`);
  });

  it("keeps DuckDB's arenas on a machine of more than 8 cores", () => {
    expect(allocatorConf(undefined, 9)).toBe(DECAY);
    expect(allocatorConf('muzzy_decay_ms:0', 64)).toBe('muzzy_decay_ms:0,dirty_decay_ms:10000');
  });
});

// DuckDB uses jemalloc on Linux only.
describe.runIf(process.platform === 'linux')('the CLI loads DuckDB with these options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'allocator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const csv = join(dir, 'links.csv');
  writeFileSync(csv, 'source,target\nhttps://a.example/p,https://b.example/q\n');

  /** Runs `linkledger import` with the given jemalloc options; returns what jemalloc printed at exit. */
  function importWith(conf: string, db: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(REPO_ROOT, 'src', 'main', 'cli.ts'), 'import', csv, '--db', join(dir, db)],
        { cwd: REPO_ROOT, env: { ...process.env, [ALLOCATOR_ENV]: conf }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        out += d;
      });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${out}`))));
    });
  }

  it('one arena unless the machine is large, and a 10 s decay', async () => {
    const printed = await importWith('stats_print:true', 'a.duckdb');
    expect(printed).toContain('links new 1');
    if (availableParallelism() <= ONE_ARENA_MAX_CORES) expect(printed).toMatch(/opt\.narenas: 1\n/);
    else expect(printed).not.toMatch(/opt\.narenas: 1\n/);
    expect(printed).toMatch(/opt\.dirty_decay_ms: 10000 /);
    expect(printed).toMatch(/opt\.muzzy_decay_ms: 10000 /);
  }, 60_000);

  it("the user's options when they set them", async () => {
    const printed = await importWith('stats_print:true,narenas:3,dirty_decay_ms:2000', 'b.duckdb');
    expect(printed).toMatch(/opt\.narenas: 3\n/);
    expect(printed).toMatch(/opt\.dirty_decay_ms: 2000 /);
    expect(printed).toMatch(/opt\.muzzy_decay_ms: 10000 /);
  }, 60_000);
});
