import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readVertexFile } from '../../../src/adapters/graph-files/vertex-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-vertices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vertex file reader', () => {
  it('keeps multi-byte names whole where the file is read in several chunks (plain and gzipped)', async () => {
    // Lines of different lengths, so that many two- and three-byte characters straddle the 256 KiB chunk
    // boundaries of the reader.
    const names = Array.from({ length: 40_000 }, (_, i) => `${'ü'.repeat(i % 7)}€ site ${i}`);
    const text = names.map((name, i) => `${i}\t${name}\n`).join('');
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * 262_144);
    for (const [file, bytes] of [
      ['v.tsv', Buffer.from(text)],
      ['v.tsv.gz', gzipSync(text)],
    ] as const) {
      writeFileSync(join(dir, file), bytes);
      const table = await readVertexFile(join(dir, file));
      expect(table.names).toEqual(names);
      expect(table.labels.kind).toBe('integer');
    }
  });
});
