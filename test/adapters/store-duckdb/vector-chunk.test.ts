/**
 * VectorChunk writes rows into DuckDB through reused chunks: numbers copied from typed arrays, short ASCII
 * strings inlined by hand into DuckDB's 16-byte string slots, everything else through the native call.
 * Every kind of value must come back from a real DuckDB exactly as written, across many chunks.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { VectorChunk } from '../../../src/adapters/store-duckdb/vector-chunk.ts';

const STRINGS = [
  '',
  'a',
  'nofollow',
  'abcdefghijkl', // 12 bytes: the longest inlined
  'abcdefghijklm', // 13 bytes: the shortest stored out of line
  'héllo', // short but not ASCII
  'naïve café ✓',
  '日本語',
  'https://www.example.org/a/rather/long/path?with=query&and=more#frag',
  'tab\there',
  'nul\u0000inside',
  '\u007f',
];

describe('VectorChunk', () => {
  it('gives back every value it wrote, over several chunks', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run('CREATE TABLE t (d DOUBLE, i INTEGER, s VARCHAR, u VARCHAR)');
      const rows = VectorChunk.ROWS * 3 + 17;
      const w = new VectorChunk(await conn.createAppender('t'), ['double', 'int', 'varchar', 'varchar']);
      for (let r = 0; r < rows; r++) {
        w.setDouble(0, r * 1.5 + 2 ** 40);
        w.setInt(1, r % 2 === 0 ? r : -r);
        w.setString(2, STRINGS[r % STRINGS.length]!);
        w.setString(3, `${STRINGS[(r * 7) % STRINGS.length]}${r}`);
        w.next();
      }
      w.close();
      const got = (await conn.runAndReadAll('SELECT d, i, s, u FROM t')).getRows();
      expect(got).toHaveLength(rows);
      for (let r = 0; r < rows; r++) {
        expect(got[r]).toEqual([
          r * 1.5 + 2 ** 40,
          r % 2 === 0 ? r : -r,
          STRINGS[r % STRINGS.length],
          `${STRINGS[(r * 7) % STRINGS.length]}${r}`,
        ]);
      }
      // Inlined strings must compare and group like any other (zero padding, exact length).
      const groups = (await conn.runAndReadAll('SELECT s, count(*)::INTEGER FROM t GROUP BY s')).getRows();
      expect(groups).toHaveLength(STRINGS.length);
      const empty = (
        await conn.runAndReadAll("SELECT count(*)::INTEGER FROM t WHERE s = ''")
      ).getRows()[0]![0];
      expect(empty).toBe(STRINGS.filter((s) => s === '').length * Math.ceil(rows / STRINGS.length));
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it('appends nothing when no row was written', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run('CREATE TABLE t (s VARCHAR)');
      new VectorChunk(await conn.createAppender('t'), ['varchar']).close();
      expect((await conn.runAndReadAll('SELECT count(*)::INTEGER FROM t')).getRows()).toEqual([[0]]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
