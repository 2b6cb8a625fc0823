/** The identity of an input file for import runs: absolute path, size, mtime and a hash of its first 64 KiB. */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { InputIdentity } from '../../core/ledger/import-source.ts';

export const HEAD_BYTES = 64 * 1024;

export async function readHead(path: string, bytes = HEAD_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function fileIdentity(path: string): Promise<InputIdentity> {
  const full = resolve(path);
  const info = await stat(full);
  const head = await readHead(full);
  return {
    input: full,
    size: info.size,
    mtimeMs: Math.trunc(info.mtimeMs),
    headHash: createHash('sha256').update(head).digest('hex').slice(0, 32),
  };
}
