import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { gunzipMethod, openByteSource } from '../../../src/adapters/graph-files/byte-source.ts';
import { BadInputError } from '../../../src/core/errors.ts';
import { sharedData } from '../../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CNR = sharedData('law-cnr-2000', 'cnr-2000.arcs.tsv.gz');

/** Every chunk copied (they are views of one reused buffer) and joined. */
async function readAll(path: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of openByteSource(path).chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

describe('byte source', () => {
  it('inflates into its own reused buffer on this Node (the fast path is not silently lost)', () => {
    expect(gunzipMethod()).toBe('handle');
  });

  it('gives the same bytes as zlib for a real 43 MB gzip file, in many chunks of one buffer', async () => {
    const path = CNR;
    const source = openByteSource(path);
    expect(source.gzipped).toBe(true);
    let chunks = 0;
    let bytes = 0;
    const buffers = new Set<ArrayBufferLike>();
    for await (const chunk of source.chunks) {
      chunks++;
      bytes += chunk.length;
      buffers.add(chunk.buffer);
    }
    expect(chunks).toBeGreaterThan(100);
    expect(buffers.size).toBe(1);
    const { gunzipSync } = await import('node:zlib');
    const expected = gunzipSync(readFileSync(path));
    expect(bytes).toBe(expected.length);
    expect((await readAll(path)).equals(expected)).toBe(true);
  });

  it('reads gzip members one after the other as one stream, and plain files as they are', async () => {
    const text = Buffer.from('1\t2\n'.repeat(200_000));
    writeFileSync(join(dir, 'multi.gz'), Buffer.concat([gzipSync(text), gzipSync('3\t4\n'), gzipSync('')]));
    expect((await readAll(join(dir, 'multi.gz'))).equals(Buffer.concat([text, Buffer.from('3\t4\n')]))).toBe(
      true,
    );
    writeFileSync(join(dir, 'plain.tsv'), text);
    expect(openByteSource(join(dir, 'plain.tsv')).gzipped).toBe(false);
    expect((await readAll(join(dir, 'plain.tsv'))).equals(text)).toBe(true);
  });

  it('names corrupt and truncated gzip data as bad input', async () => {
    const good = gzipSync(Buffer.from('5\t6\n'.repeat(100_000)));
    const corrupt = Buffer.from(good);
    const middle = good.length >> 1;
    corrupt[middle] = corrupt[middle]! ^ 0xff;
    writeFileSync(join(dir, 'corrupt.gz'), corrupt);
    writeFileSync(join(dir, 'truncated.gz'), good.subarray(0, good.length - 50));
    await expect(readAll(join(dir, 'corrupt.gz'))).rejects.toThrow(BadInputError);
    await expect(readAll(join(dir, 'corrupt.gz'))).rejects.toThrow(/corrupt gzip data \(Z_DATA_ERROR\)/);
    await expect(readAll(join(dir, 'truncated.gz'))).rejects.toThrow(/corrupt gzip data \(Z_BUF_ERROR\)/);
  });
});
