/**
 * Running the CLI from tests: the real bin in a child process (asynchronously, so a server living in the
 * test process keeps answering), or `main` in-process with stdout/stderr captured (the same code without
 * the start-up cost, for usage errors and quick checks).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/main/cli.ts';
import { REPO_ROOT } from './paths.ts';

export const BIN = join(REPO_ROOT, 'bin', 'linkledger.js');

export interface BinRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the bin; `done` resolves when it exits (killing `child` is allowed). */
export function startBin(args: readonly string[]): { child: ChildProcess; done: Promise<BinRun> } {
  const child = spawn(process.execPath, [BIN, ...args]);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<BinRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runBin(args: readonly string[]): Promise<BinRun> {
  return startBin(args).done;
}

/** `main(args)` in this process, with what it writes captured. */
export async function runMain(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main([...args]), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
