/**
 * The streaming CSV reader: chunk boundaries do not change what it reads (fed one byte at a time it gives
 * the records it gives for the whole file), every record's end offset is a valid resume point, and UTF-16,
 * CRLF and gzip inputs read like their UTF-8 equivalents.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../../src/adapters/imports/csv-import.ts';
import { csvRecords, encodingOf, isGzipFile, utf8Bytes } from '../../../src/adapters/imports/csv-reader.ts';
import { REPO_ROOT } from '../../support/paths.ts';

const dir = join(REPO_ROOT, 'test', 'fixtures', 'imports');
const files = readdirSync(dir).filter((f) => /\.(csv|tsv)$/.test(f));

async function readAll(path: string, chunkSize: number, offset = 0, line = 1) {
  // As detectCsv: a gzip file's text is taken as UTF-8; else the encoding is told from its first bytes.
  const encoding = isGzipFile(path) ? 'utf8' : encodingOf(readFileSync(path).subarray(0, 4));
  const text = Buffer.from(
    await (async () => {
      const parts: Uint8Array[] = [];
      for await (const c of utf8Bytes(path, encoding)) parts.push(c);
      return Buffer.concat(parts);
    })(),
  ).toString('utf8');
  const out = [];
  for await (const r of csvRecords(utf8Bytes(path, encoding, chunkSize), {
    delimiter: detectDelimiter(text),
    offset,
    line,
  })) {
    out.push(r);
  }
  return out;
}

describe('csv reader', () => {
  it.each(files)('reads %s the same whatever the chunk size', async (file) => {
    const whole = await readAll(join(dir, file), 1 << 16);
    expect(whole.length).toBeGreaterThan(1);
    for (const size of [1, 2, 3, 7, 64]) expect(await readAll(join(dir, file), size)).toEqual(whole);
  });

  it.each(files)('resumes %s after any record', async (file) => {
    const whole = await readAll(join(dir, file), 1 << 16);
    for (let i = 0; i < whole.length; i++) {
      const r = whole[i]!;
      expect(await readAll(join(dir, file), 5, r.end, r.nextLine)).toEqual(whole.slice(i + 1));
    }
  });

  it('skips a line longer than the record limit whole: one bad line, the rows after it kept, lines counted right', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'csv-reader-'));
    const path = join(tmp, 'huge.csv');
    const long = `http://${'x'.repeat(300_000)}/,http://evil.example/`;
    writeFileSync(
      path,
      `source,target\nhttp://a.example/,http://t.example/\n${long}\nhttp://b.example/,http://t.example/\n`,
    );
    for (const chunkSize of [1 << 16, 4096]) {
      const out = [];
      for await (const r of csvRecords(utf8Bytes(path, 'utf8', chunkSize), {
        delimiter: ',',
        maxRecordBytes: 100_000,
      }))
        out.push(r);
      expect(out.map((r) => [r.kind, r.line, r.kind === 'record' ? r.fields[0] : r.reason])).toEqual([
        ['record', 1, 'source'],
        ['record', 2, 'http://a.example/'],
        ['bad', 3, 'a record runs past 100000 bytes (unclosed quote?)'],
        ['record', 4, 'http://b.example/'],
      ]);
    }
  });

  it('keeps the rows of a cut-short gzip file and reports the damage as its last, bad record', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'csv-reader-'));
    const rows = Array.from({ length: 5_000 }, (_, i) => `http://s${i}.example/,http://t.example/${i}`);
    const gz = gzipSync(`source,target\n${rows.join('\n')}\n`);
    const cut = join(tmp, 'cut.csv.gz');
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const out = [];
    for await (const r of csvRecords(utf8Bytes(cut, 'utf8'), { delimiter: ',' })) out.push(r);
    const records = out.filter((r) => r.kind === 'record');
    expect(records.length).toBeGreaterThan(1_000);
    expect(records.slice(1, 3).map((r) => r.fields)).toEqual([
      ['http://s0.example/', 'http://t.example/0'],
      ['http://s1.example/', 'http://t.example/1'],
    ]);
    const last = out.at(-1)!;
    expect(last).toMatchObject({ kind: 'bad', reason: expect.stringMatching(/cut-short gzip data/) });
    // A plain file named .gz is read as the plain text it is.
    const plain = join(tmp, 'plain.csv.gz');
    writeFileSync(plain, 'source,target\nhttp://a.example/,http://t.example/\n');
    const read = [];
    for await (const r of csvRecords(utf8Bytes(plain, 'utf8'), { delimiter: ',' })) read.push(r);
    expect(read.map((r) => r.kind)).toEqual(['record', 'record']);
  });

  it('reads UTF-16 and gzip like UTF-8, CRLF like LF', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'csv-reader-'));
    const text = 'a,b\n"x, y","say ""hi"""\n"multi\nline",é\n';
    writeFileSync(join(tmp, 'plain.csv'), text);
    writeFileSync(join(tmp, 'crlf.csv'), text.replace(/\n/g, '\r\n'));
    writeFileSync(
      join(tmp, 'le.csv'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    writeFileSync(join(tmp, 'z.csv.gz'), gzipSync(text));
    const fields = async (name: string) =>
      (await readAll(join(tmp, name), 3)).map((r) => (r.kind === 'record' ? r.fields : r));
    const expected = [
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', 'é'],
    ];
    for (const name of ['plain.csv', 'le.csv', 'z.csv.gz']) expect(await fields(name)).toEqual(expected);
    // A line break inside a quoted field is part of the value, as written.
    expect(await fields('crlf.csv')).toEqual([expected[0], expected[1], ['multi\r\nline', 'é']]);
    const lines = (await readAll(join(tmp, 'crlf.csv'), 2)).map((r) => r.line);
    expect(lines).toEqual([1, 2, 3]);
  });

  it('reports an unclosed quote on its line and reads on from the next line', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'csv-reader-'));
    writeFileSync(join(tmp, 'q.csv'), 'a,b\n1,"open\n2,3\n');
    const out = await readAll(join(tmp, 'q.csv'), 4);
    expect(out.map((r) => (r.kind === 'record' ? r.fields : `bad@${r.line}`))).toEqual([
      ['a', 'b'],
      'bad@2',
      ['2', '3'],
    ]);
  });
});
