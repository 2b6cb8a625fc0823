import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readEdgeFile } from '../../../src/adapters/graph-files/edge-file.ts';
import { EdgeParser, type ParsedEdges } from '../../../src/adapters/graph-files/edge-parser.ts';
import { compactIntegerLabels } from '../../../src/adapters/graph-files/integer-labels.ts';
import { buildVertexTable, readVertexFile } from '../../../src/adapters/graph-files/vertex-file.ts';
import { BadInputError } from '../../../src/core/errors.ts';
import { labelOf } from '../../../src/core/graph/node-labels.ts';

function parse(text: string | Uint8Array, chunkSize = Number.POSITIVE_INFINITY, options = {}): ParsedEdges {
  const bytes = typeof text === 'string' ? Buffer.from(text) : Buffer.from(text);
  const parser = new EdgeParser(options);
  const step = Math.min(chunkSize, Math.max(1, bytes.length));
  for (let offset = 0; offset < bytes.length; offset += step)
    parser.push(bytes.subarray(offset, offset + step));
  return parser.finish();
}

/** Edges as label pairs, whatever the ids. */
function labelled(parsed: ParsedEdges): string[] {
  return Array.from({ length: parsed.count }, (_, e) => {
    return `${labelOf(parsed.labels!, parsed.src[e]!)}>${labelOf(parsed.labels!, parsed.dst[e]!)}`;
  });
}

const SAMPLE = '# a comment\n10\t20\n20\t10\r\n\n  \n30 10\n10\t20\n7\t7\n# end\n30\t20';

describe('edge list parser', () => {
  it('reads TAB or space separated pairs, comments, blank lines, CRLF and a last line without newline', () => {
    const parsed = parse(SAMPLE);
    expect(labelled(parsed)).toEqual(['10>20', '20>10', '30>10', '10>20', '7>7', '30>20']);
    expect(parsed.labels!.kind).toBe('integer');
    expect([...(parsed.labels!.values as Uint32Array)]).toEqual([7, 10, 20, 30]); // ids in label order
    expect(parsed.stats).toMatchObject({ lines: 10, edges: 6, comments: 2, blankLines: 2, skippedLines: 0 });
  });

  it('gives the same result whatever the chunk boundaries (one byte at a time, odd sizes)', () => {
    const whole = parse(SAMPLE);
    for (const size of [1, 2, 3, 5, 7, 13]) {
      const chunked = parse(SAMPLE, size);
      expect(labelled(chunked)).toEqual(labelled(whole));
      expect(chunked.stats).toEqual(whole.stats);
    }
    const strings = 'a.com\tb.org\nb.org\tc.net\n#x\nc.net\ta.com\n';
    for (const size of [1, 4]) expect(labelled(parse(strings, size))).toEqual(labelled(parse(strings)));
  });

  it('switches to string labels at the first non-integer label, keeping what it read', () => {
    const parsed = parse('1\t2\n2\t3\ncom.example\t1\n007\t2\n');
    expect(parsed.labels!.kind).toBe('string');
    expect(labelled(parsed)).toEqual(['1>2', '2>3', 'com.example>1', '007>2']);
    expect(parsed.nodeCount).toBe(5); // "007" is a label of its own, not 7
  });

  it('treats labels beyond 2^32 - 2 as strings and reads UTF-8 labels', () => {
    expect(parse('4294967294\t1\n').labels!.kind).toBe('integer');
    expect(parse('4294967295\t1\n').labels!.kind).toBe('string');
    expect(labelled(parse('café.fr\tnaïve.de\n'))).toEqual(['café.fr>naïve.de']);
  });

  it('names the line of a malformed edge, or skips and counts it when lenient', () => {
    const bad = '1\t2\n3\n4\t5\t6\n7\t8\n';
    let error: unknown;
    try {
      parse(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as Error).message).toMatch(/line 2: expected two labels.*"3".*--lenient/);
    const lenient = parse(bad, 3, { lenient: true });
    expect(labelled(lenient)).toEqual(['1>2', '7>8']);
    expect(lenient.stats.skippedLines).toBe(2);
    expect(lenient.stats.firstSkipped).toEqual([2, 3]);
    expect(() => parse('1\t2\x00\n')).toThrow(/line 1/);
  });

  it('resolves labels through a vertex table, rejecting unknown ones', () => {
    const table = buildVertexTable(['5', '9', '2'], ['com.a', 'com.b', 'com.c']);
    const parsed = parse('9\t2\n5\t9\n', Number.POSITIVE_INFINITY, { resolver: table.resolver });
    expect([...parsed.src.subarray(0, 2)]).toEqual([1, 0]);
    expect([...parsed.dst.subarray(0, 2)]).toEqual([2, 1]);
    expect(() => parse('9\t3\n', Number.POSITIVE_INFINITY, { resolver: table.resolver })).toThrow(
      /line 1: label "3" is not in the vertex file/,
    );
    const named = buildVertexTable(['x.org', 'y.org'], ['x.org', 'y.org']);
    const byName = parse('y.org\tx.org\n', Number.POSITIVE_INFINITY, { resolver: named.resolver });
    expect([byName.src[0], byName.dst[0]]).toEqual([1, 0]);
  });

  it('grows its arrays past the initial capacity', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${i}\t${(i * 7) % 5000}`).join('\n');
    const parsed = parse(lines, 4096, { capacity: 16 });
    expect(parsed.count).toBe(5000);
    expect(parsed.nodeCount).toBe(5000);
  });

  it('numbers small integer labels with gaps densely in label order, and keeps dense ones as they are', () => {
    const gaps = parse('100\t7\n7\t5\n5\t100\n', 4096);
    expect(gaps.labels).toEqual({ kind: 'integer', values: Uint32Array.of(5, 7, 100) });
    expect([...gaps.src.subarray(0, 3)]).toEqual([2, 1, 0]);
    expect([...gaps.dst.subarray(0, 3)]).toEqual([1, 0, 2]);
    const dense = parse('2\t0\n1\t2\n0\t1\n', 4096);
    expect(dense.labels).toEqual({ kind: 'integer', values: Uint32Array.of(0, 1, 2) });
    expect([...dense.src.subarray(0, 3)]).toEqual([2, 1, 0]);
    // Labels that went the general path (a space instead of the TAB) count for the largest label too.
    const mixed = parse('0\t1\n1 9\n', 4096);
    expect(mixed.labels).toEqual({ kind: 'integer', values: Uint32Array.of(0, 1, 9) });
    expect([...mixed.dst.subarray(0, 2)]).toEqual([1, 2]);
  });

  it('compacts sparse integer labels by sorting when they are too large to index', () => {
    const src = Uint32Array.of(4_000_000_000, 17);
    const dst = Uint32Array.of(17, 3_000_000_000);
    expect([...compactIntegerLabels(src, dst, 2)]).toEqual([17, 3_000_000_000, 4_000_000_000]);
    expect([...src]).toEqual([2, 0]);
    expect([...dst]).toEqual([0, 1]);
  });
});

describe('edge and vertex files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkledger-edges-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads plain and gzipped files alike (detected by content, not name)', async () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `${i % 997}\t${(i * 31) % 1009}`).join('\n');
    writeFileSync(join(dir, 'edges.tsv'), text);
    writeFileSync(join(dir, 'edges.tsv.gz'), gzipSync(text));
    writeFileSync(join(dir, 'edges-gz-without-suffix'), gzipSync(text));
    const plain = await readEdgeFile(join(dir, 'edges.tsv'));
    for (const name of ['edges.tsv.gz', 'edges-gz-without-suffix']) {
      const gz = await readEdgeFile(join(dir, name));
      expect(gz.count).toBe(plain.count);
      expect([...gz.src.subarray(0, gz.count)]).toEqual([...plain.src.subarray(0, plain.count)]);
      expect([...gz.dst.subarray(0, gz.count)]).toEqual([...plain.dst.subarray(0, plain.count)]);
    }
  });

  it('reports corrupt gzip data and missing files clearly', async () => {
    const broken = gzipSync('1\t2\n'.repeat(1000)).subarray(0, 30);
    writeFileSync(join(dir, 'broken.gz'), broken);
    await expect(readEdgeFile(join(dir, 'broken.gz'))).rejects.toThrow(/broken\.gz|gzip|unexpected end/i);
    await expect(readEdgeFile(join(dir, 'missing.tsv'))).rejects.toThrow(/cannot read .*missing\.tsv/);
  });

  it('reads Common Crawl vertex files: id, reversed host, optional extra columns', async () => {
    writeFileSync(
      join(dir, 'vertices.txt'),
      '0\tcom.example\n1\torg.wikipedia.en\t12\n# comment\n2\tuk.co.bbc\n',
    );
    const table = await readVertexFile(join(dir, 'vertices.txt'));
    expect(table.names).toEqual(['com.example', 'org.wikipedia.en', 'uk.co.bbc']);
    expect(table.labels.kind).toBe('integer');
    expect(table.resolver.integer(2)).toBe(2);
    expect(table.resolver.integer(3)).toBe(-1);
  });

  it('rejects a vertex label given twice', () => {
    expect(() => buildVertexTable(['1', '1'], ['a', 'b'])).toThrow(/appears twice/);
  });
});
