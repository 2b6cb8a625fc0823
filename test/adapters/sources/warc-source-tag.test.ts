/**
 * Which source a WARC's links are tagged with when `--source` is not given: the crawl its warcinfo names,
 * else a crawl id in its file name or in the folders of Common Crawl's own layout, else `warc`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectInput } from '../../../src/adapters/sources/detect-format.ts';
import { warcImportSource } from '../../../src/adapters/sources/page-import-source.ts';
import { CC_SEGMENT_FILE, pageResponse, type TestRecord, warcGzBytes } from '../../support/warc-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-source-tag-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const response = pageResponse('https://news.example.com/a', '<a href="https://acme.com/">Acme</a>');
const warcinfo = (isPartOf: string): TestRecord => ({
  type: 'warcinfo',
  contentType: 'application/warc-fields',
  block: `software: test\r\nisPartOf: ${isPartOf}\r\n`,
});

async function sourceOf(folder: string, name: string, records: TestRecord[]) {
  const path = join(dir, folder, name);
  mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(path, warcGzBytes(records));
  return warcImportSource(await detectInput(path), { now: 0 });
}
const tagOf = async (folder: string, name: string, records: TestRecord[]) =>
  (await sourceOf(folder, name, records)).source;

describe('the source tag of a WARC import', () => {
  it('is the crawl the warcinfo names, whatever the file is called', async () => {
    expect(await tagOf('a', 'mine.warc.gz', [warcinfo('CC-MAIN-2024-22'), response])).toBe(
      'commoncrawl:CC-MAIN-2024-22',
    );
  });

  it('is read off the folders of Common Crawl layout when the warcinfo names no crawl', async () => {
    const folder = 'crawl-data/CC-MAIN-2024-22/segments/1715971057216.39/warc';
    expect(await tagOf(folder, CC_SEGMENT_FILE, [response])).toBe('commoncrawl:CC-MAIN-2024-22');
  });

  it('is read off a file name that carries the crawl id', async () => {
    expect(await tagOf('b', 'CC-MAIN-2024-10-sample.warc.gz', [response])).toBe(
      'commoncrawl:CC-MAIN-2024-10',
    );
  });

  it('is `warc` when nothing names the crawl (a segment timestamp is not a crawl id)', async () => {
    expect(await tagOf('c', CC_SEGMENT_FILE, [response])).toBe('warc');
    expect(await tagOf('d', 'mine.warc.gz', [warcinfo('my-own-crawl'), response])).toBe('warc');
  });

  it('comes with a hint to pass --source only for a Common Crawl segment that names no crawl', async () => {
    expect((await sourceOf('e', CC_SEGMENT_FILE, [response])).hint).toMatch(
      /nor its path names the crawl.*source commoncrawl:CC-MAIN-YYYY-WW \(--source .*`source` in an API import job\)/,
    );
    expect((await sourceOf('f', 'mine.warc.gz', [response])).hint).toBeUndefined();
    const folder = 'crawl-data/CC-MAIN-2024-22/segments/1715971057216.39/warc';
    expect((await sourceOf(folder, CC_SEGMENT_FILE, [response])).hint).toBeUndefined();
  });
});
