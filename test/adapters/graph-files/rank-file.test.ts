import { Buffer } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatScore, rankChunks, writeRankFile } from '../../../src/adapters/graph-files/rank-file.ts';

describe('rank file writer', () => {
  it('formats scores with the shortest digits that read back as the same number', () => {
    for (const x of [
      0,
      1,
      0.5,
      1e-4,
      9.99e-5,
      1.3027135143741107e-6,
      5e-324,
      42231.40419797689,
      0.1 + 0.2,
      3.5,
    ]) {
      expect(Number(formatScore(x))).toBe(x);
    }
    expect(formatScore(1.3027135143741107e-6)).toBe('1.3027135143741107e-6');
    expect(formatScore(0.25)).toBe('0.25');
    expect(formatScore(0)).toBe('0');
  });

  it('writes a header and one line per node with round-trip numbers', () => {
    const text = Buffer.concat([
      ...rankChunks({
        columns: ['score'],
        values: [Float64Array.of(0.1 + 0.2, 1e-7, 0)],
        labels: { kind: 'integer', values: Uint32Array.of(5, 9, 4294967294) },
      }),
    ]).toString('utf8');
    expect(text).toBe('#node\tscore\n5\t0.30000000000000004\n9\t1e-7\n4294967294\t0\n');
    for (const line of text.trim().split('\n').slice(1)) expect(Number(line.split('\t')[1])).not.toBeNaN();
  });

  it('writes several columns, string labels, plain or gzipped files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkledger-ranks-'));
    const table = {
      columns: ['authority', 'hub'],
      values: [Float64Array.of(1, 0), Float64Array.of(0, 1)],
      labels: ['a.com', 'b.com'],
    };
    await writeRankFile(join(dir, 'out.tsv'), table);
    await writeRankFile(join(dir, 'out.tsv.gz'), table);
    const expected = '#node\tauthority\thub\na.com\t1\t0\nb.com\t0\t1\n';
    expect(readFileSync(join(dir, 'out.tsv'), 'utf8')).toBe(expected);
    expect(gunzipSync(readFileSync(join(dir, 'out.tsv.gz'))).toString('utf8')).toBe(expected);
    await expect(writeRankFile(join(dir, 'no', 'such', 'dir.tsv'), table)).rejects.toThrow(/cannot write/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('splits long outputs into chunks that each end with a whole line, with multi-byte labels intact', () => {
    const n = 120_000;
    const labels = Array.from({ length: n }, (_, i) => `ü${i}.example`);
    const integerLabels = Uint32Array.from({ length: n }, (_, i) => i * 37_199);
    const scores = Float64Array.from({ length: n }, (_, i) => 1 / (i + 3));
    for (const table of [
      { columns: ['a', 'b'], values: [scores, scores], labels },
      { columns: ['a'], values: [scores], labels: { kind: 'integer' as const, values: integerLabels } },
    ]) {
      const chunks = [...rankChunks(table)];
      const reused: Buffer[] = [];
      for (const chunk of rankChunks(table, { reuseBuffer: true })) reused.push(Buffer.from(chunk));
      expect(Buffer.concat(reused).equals(Buffer.concat(chunks))).toBe(true);
      expect(chunks.length).toBeGreaterThan(2);
      for (const chunk of chunks) expect(chunk[chunk.length - 1]).toBe(10);
      const lines = Buffer.concat(chunks).toString('utf8').split('\n');
      expect(lines).toHaveLength(n + 2);
      for (const i of [0, 1, 77_777, n - 1]) {
        const label = Array.isArray(table.labels) ? labels[i] : String(integerLabels[i]);
        const expected = [label, ...table.values.map((v) => formatScore(v[i]!))].join('\t');
        expect(lines[i + 1]).toBe(expected);
      }
    }
  });
});
