import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatScore, rankLines, writeRankFile } from '../../../src/adapters/graph-files/rank-file.ts';

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
    const text = [
      ...rankLines({
        columns: ['score'],
        values: [Float64Array.of(0.1 + 0.2, 1e-7)],
        labels: { kind: 'integer', values: Uint32Array.of(5, 9) },
      }),
    ].join('');
    expect(text).toBe('#node\tscore\n5\t0.30000000000000004\n9\t1e-7\n');
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
});
