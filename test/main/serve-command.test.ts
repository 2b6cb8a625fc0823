/**
 * `linkledger serve` opens the ledger with its pool of read connections (4 by default, `--read-connections`
 * to change it, 0 for one connection), refuses a bad count, and never creates a ledger.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.ts';
import { registerServe, SERVE_READ_CONNECTIONS } from '../../src/main/serve-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-serve-cmd-'));
const db = join(dir, 'ledger.duckdb');
writeFileSync(db, '');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `serve ARGS` up to the point where it opens the store; returns what it opened it with. */
async function openedWith(args: string[]): Promise<{ path: string; readConnections: number }> {
  let seen: { path: string; readConnections: number } | null = null;
  const program = new Command().exitOverride();
  registerServe(program, async (path, readConnections) => {
    seen = { path, readConnections };
    throw new Error('opened');
  });
  await expect(program.parseAsync(['serve', '--port', '0', ...args], { from: 'user' })).rejects.toThrow(
    'opened',
  );
  return seen!;
}

describe('serve command', () => {
  it('opens the ledger with a pool of read connections, 4 unless told otherwise', async () => {
    expect(SERVE_READ_CONNECTIONS).toBe(4);
    expect(await openedWith(['--db', db])).toEqual({ path: db, readConnections: 4 });
    expect(await openedWith(['--db', db, '--read-connections', '0'])).toEqual({
      path: db,
      readConnections: 0,
    });
    expect((await openedWith(['--db', db, '--read-connections', '12'])).readConnections).toBe(12);
  });

  it('refuses a bad count and a missing ledger before opening anything', async () => {
    for (const [args, message] of [
      [['--db', db, '--read-connections', 'many'], /--read-connections must be from 0 to 64/],
      [['--db', db, '--read-connections', '65'], /--read-connections must be from 0 to 64/],
      [['--db', join(dir, 'missing.duckdb')], /no ledger at/],
    ] as const) {
      const program = new Command().exitOverride();
      registerServe(program, async () => {
        throw new Error('must not open');
      });
      const run = program.parseAsync(['serve', '--port', '0', ...args], { from: 'user' });
      await expect(run).rejects.toBeInstanceOf(UsageError);
      await expect(run).rejects.toThrow(message);
    }
  });
});
