/**
 * Damage in a page input reaches the import's report: a gzip WARC member damaged in the middle and a
 * file cut short inside its last record are each a bad row with the byte offset, the good records around
 * them are imported, and however the batches fall each is counted once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { detectInput } from '../../../src/adapters/sources/detect-format.ts';
import { htmlImportSource, warcImportSource } from '../../../src/adapters/sources/page-import-source.ts';
import { warcCaptures } from '../../../src/adapters/sources/warc-pages.ts';
import { MemoryLedgerStore } from '../../../src/adapters/store-memory/memory-store.ts';
import { runImport } from '../../../src/app/ledger/run-import.ts';
import { emptyStats } from '../../../src/core/extract/stats.ts';
import { httpResponse, warcRecordBytes } from '../../support/warc-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-damage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const page = (i: number) =>
  warcRecordBytes(
    {
      type: 'response',
      targetUri: `https://site${i}.example/`,
      contentType: 'application/http; msgtype=response',
      block: httpResponse(200, { 'Content-Type': 'text/html' }, `<a href="https://t.example/${i}">t</a>`),
    },
    i,
  );

async function importFile(path: string, batchLinks = 1_000) {
  const store = new MemoryLedgerStore();
  const source = await warcImportSource(await detectInput(path), { now: Date.UTC(2024, 0, 1) });
  const run = await runImport(store, source, {
    now: () => Date.UTC(2024, 0, 2),
    batchLinks,
    optimize: false,
  });
  return { store, run };
}

describe('damage in a WARC import', () => {
  it('reports a damaged gzip member and a cut-short last record as bad rows, and keeps the rest', async () => {
    const members = [0, 1, 2, 3].map((i) => gzipSync(page(i)));
    const damaged = Buffer.from(members[1]!);
    damaged.fill(0x55, 12, damaged.length - 12); // member 1's deflate data is garbage
    const last = members[3]!;
    const path = join(dir, 'damaged.warc.gz');
    writeFileSync(
      path,
      Buffer.concat([members[0]!, damaged, members[2]!, last.subarray(0, last.length - 20)]),
    );

    const { store, run } = await importFile(path);
    const { pages } = await store.dump();
    expect(pages.map((p) => p.url).sort()).toEqual(['https://site0.example/', 'https://site2.example/']);
    expect(run.stats.badRows).toBe(2);
    const reasons = run.stats.badRowSamples.map((b) => b.reason);
    expect(reasons[0]).toMatch(new RegExp(`^gzip-error at byte ${members[0]!.length}: `));
    expect(reasons[1]).toMatch(/at byte \d+: /);

    // One batch per page (damage between batches): still counted once each.
    const again = await importFile(path, 1);
    expect(again.run.stats.badRows).toBe(2);
    expect((await again.store.dump()).pages.length).toBe(2);
  });

  it('reports an HTML file it cannot place (no page URL), even when nothing else is imported', async () => {
    const folder = join(dir, 'pages');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.html'), '<html><body><a href="https://t.example/">t</a></body></html>');
    const store = new MemoryLedgerStore();
    const source = await htmlImportSource(await detectInput(folder), { now: Date.UTC(2024, 0, 1) });
    const run = await runImport(store, source, { now: () => Date.UTC(2024, 0, 2), optimize: false });
    expect(run.stats.badRows).toBe(1);
    expect(run.stats.badRowSamples[0]!.reason).toMatch(/^no-page-url: .*--base-url/);
    expect((await store.importRuns())[0]!.stats.badRows).toBe(1); // committed, not only counted
  });

  it('puts the resume point of the page before damage at the next record, so a resumed import reads on', async () => {
    const members = [0, 1, 2].map((i) => gzipSync(page(i)));
    const damaged = Buffer.from(members[1]!);
    damaged.fill(0x55, 12, damaged.length - 12);
    const gz = join(dir, 'resume.warc.gz');
    writeFileSync(gz, Buffer.concat([members[0]!, damaged, members[2]!]));
    const plain = join(dir, 'resume.warc');
    writeFileSync(plain, Buffer.concat([page(0), Buffer.from('junk bytes\r\n'), page(2)]));
    for (const [path, next] of [
      [gz, members[0]!.length + damaged.length],
      [plain, page(0).length + 'junk bytes\r\n'.length],
    ] as const) {
      const first = [];
      for await (const c of warcCaptures(path, emptyStats())) first.push(c);
      expect(first[0]!.resumeAt).toBe(next);
      const resumed = [];
      for await (const c of warcCaptures(path, emptyStats(), first[0]!.resumeAt!))
        resumed.push(c.page.page.url);
      expect(resumed).toEqual(['https://site2.example/']);
    }
  });

  it('takes a response cut short (shorter than its Content-Length) as a partial capture: no link lost by it', async () => {
    const at = (day: number, body: string, headers: Record<string, string> = {}) =>
      warcRecordBytes(
        {
          type: 'response',
          targetUri: 'https://site.example/',
          contentType: 'application/http; msgtype=response',
          date: `2024-0${day}-01T00:00:00Z`,
          block: httpResponse(200, { 'Content-Type': 'text/html', ...headers }, body),
        },
        day,
      );
    const jan = join(dir, 'jan.warc');
    const feb = join(dir, 'feb.warc');
    writeFileSync(jan, at(1, '<a href="https://t.example/a">a</a> <a href="https://t.example/b">b</a>'));
    writeFileSync(feb, at(2, '<a href="https://t.example/a">a</a>', { 'Content-Length': '5000' }));
    const store = new MemoryLedgerStore();
    for (const path of [jan, feb]) {
      const source = await warcImportSource(await detectInput(path), { now: Date.UTC(2024, 5, 1) });
      await runImport(store, source, { now: () => Date.UTC(2024, 5, 1), optimize: false });
    }
    const { links, captures } = await store.dump();
    expect(captures.map((c) => c.state)).toEqual(['live', 'partial']);
    expect(links.map((l) => [l.targetUrl, l.lostAt])).toEqual([
      ['https://t.example/a', null],
      ['https://t.example/b', null],
    ]);
  });

  it('refuses a folder without HTML files, by name', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    await expect(htmlImportSource(await detectInput(empty), { now: 0 })).rejects.toThrow(/no HTML files/);
  });
});
