/**
 * The file reader end to end, on files built in a temp dir: a WAT laid out as Common Crawl writes it
 * agrees with the WARC it describes; redirects, non-HTML payloads and damaged records are counted;
 * loose HTML files get their URL from --base-url or their own canonical.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FilePageReader } from '../../src/adapters/sources/file-page-reader.ts';
import { extractLinks } from '../../src/app/extract-links.ts';
import type { PageLinks } from '../../src/core/link/page.ts';
import { sharedData } from '../support/paths.ts';
import { httpResponse, warcGzBytes } from '../support/warc-writer.ts';
import { conformanceWatRecords } from '../support/wat-from-conformance.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(inputs: string[], baseUrl: string | null = null) {
  const pages: PageLinks[] = [];
  const result = await extractLinks(inputs, new FilePageReader(), { baseUrl }, (p) => {
    pages.push(p);
  });
  return { pages, ...result };
}

describe('WAT files', () => {
  it('give the same links as the WARC they describe (raw value, path, target)', async () => {
    const wat = join(dir, 'conformance.wat.gz');
    writeFileSync(
      wat,
      warcGzBytes([
        { type: 'warcinfo', contentType: 'application/warc-fields', block: 'software: test\r\n' },
        ...conformanceWatRecords().map((r) => ({
          type: 'metadata',
          targetUri: r.page.page,
          contentType: 'application/json',
          block: JSON.stringify(r.json),
        })),
      ]),
    );
    const fromWat = await run([wat]);
    const fromWarc = await run([sharedData('conformance', 'link-extraction-test.warc')]);
    expect(fromWat.failures).toEqual([]);
    expect(fromWat.stats.pages).toBe(9);
    const key = (p: PageLinks) =>
      p.links.map((l) => `${l.source} ${l.path} ${l.rawUrl} -> ${l.target}`).sort();
    expect(fromWat.pages.map(key)).toEqual(fromWarc.pages.map(key));
  });
});

describe('WARC records of every kind', () => {
  it('turns a 3xx into a redirect link, skips non-HTML, reads resource records, keeps going after junk', async () => {
    const file = join(dir, 'mixed.warc.gz');
    const html = '<html><head><title>t</title></head><body><a href="/x" rel="sponsored">x</a></body></html>';
    const good = warcGzBytes([
      {
        type: 'response',
        targetUri: 'http://a.example/old',
        contentType: 'application/http; msgtype=response',
        block: httpResponse(301, { Location: 'https://a.example/new' }, ''),
      },
      {
        type: 'response',
        targetUri: 'http://a.example/logo.png',
        contentType: 'application/http; msgtype=response',
        block: httpResponse(200, { 'Content-Type': 'image/png' }, 'PNG'),
      },
      {
        type: 'response',
        targetUri: 'http://a.example/page',
        contentType: 'application/http; msgtype=response',
        block: httpResponse(
          200,
          { 'Content-Type': 'text/html; charset=utf-8', 'X-Robots-Tag': 'nofollow' },
          html,
        ),
      },
    ]);
    const tail = warcGzBytes([
      { type: 'resource', targetUri: 'http://b.example/', contentType: 'text/html', block: html },
    ]);
    writeFileSync(file, Buffer.concat([good, Buffer.from('this is not gzip at all'), tail]));
    const { pages, stats, failures } = await run([file]);
    expect(failures).toEqual([]);
    expect(pages.map((p) => p.page.url)).toEqual([
      'http://a.example/old',
      'http://a.example/page',
      'http://b.example/',
    ]);
    expect(pages[0]?.links).toMatchObject([
      { kind: 'redirect', target: 'https://a.example/new', path: 'HTTP@/location' },
    ]);
    expect(pages[1]?.links).toMatchObject([
      { target: 'http://a.example/x', nofollow: true, sponsored: true },
    ]);
    expect(pages[2]?.links).toMatchObject([{ target: 'http://b.example/x', nofollow: false }]);
    expect(stats.skipped).toEqual({ 'non-html': 1 });
    expect(Object.values(stats.problemCounts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('reports a truncated file (clipped.warc.gz: its one record is cut short)', async () => {
    const { pages, stats, failures } = await run([sharedData('resiliparse-warc', 'clipped.warc.gz')]);
    expect(failures).toEqual([]);
    expect(pages).toEqual([]);
    expect(stats.problemCounts).toEqual({ truncated: 1 });
    expect(stats.problems[0]?.message).toMatch(/ends inside a record/);
  });

  it('keeps every complete page of a real Common Crawl file cut in the middle', async () => {
    const whole = await run([sharedData('resiliparse-warc', 'warcfile.warc.gz')]);
    const bytes = readFileSync(sharedData('resiliparse-warc', 'warcfile.warc.gz'));
    const cut = join(dir, 'cut.warc.gz');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const part = await run([cut]);
    expect(part.failures).toEqual([]);
    expect(part.stats.problemCounts.truncated).toBe(1);
    expect(part.pages.length).toBeGreaterThan(3);
    expect(part.pages.length).toBeLessThan(whole.pages.length);
    // Every page read from the cut file is exactly the page read from the whole file.
    expect(part.pages).toEqual(whole.pages.slice(0, part.pages.length));
  });
});

describe('loose HTML files', () => {
  it('take --base-url for one file, base + relative path in a folder, else their canonical', async () => {
    const folder = join(dir, 'site');
    await mkdir(join(folder, 'blog'), { recursive: true });
    writeFileSync(join(folder, 'index.html'), '<a href="blog/a.html">a</a>');
    writeFileSync(join(folder, 'blog', 'a.html'), '<a href="../index.html">home</a>');
    writeFileSync(
      join(dir, 'canon.html'),
      '<link rel=canonical href="https://c.example/post"><a href="rel">r</a>',
    );
    writeFileSync(join(dir, 'nourl.html'), '<a href="rel">r</a>');

    const single = await run([join(folder, 'index.html')], 'https://site.example/start');
    expect(single.pages[0]?.links[0]).toMatchObject({
      source: 'https://site.example/start',
      target: 'https://site.example/blog/a.html',
    });

    const tree = await run([folder], 'https://site.example/');
    expect(tree.pages.map((p) => p.page.url)).toEqual([
      'https://site.example/blog/a.html',
      'https://site.example/index.html',
    ]);
    expect(tree.pages[0]?.links[0]?.target).toBe('https://site.example/index.html');

    const own = await run([join(dir, 'canon.html'), join(dir, 'nourl.html')]);
    expect(own.pages[0]?.links.find((l) => l.kind === 'a')?.target).toBe('https://c.example/rel');
    expect(own.stats.problemCounts['no-page-url']).toBe(1);
  });

  it('refuses a file that is not WARC, WAT or HTML, naming the file and offset, and still reads the others', async () => {
    const bad = join(dir, 'data.bin');
    writeFileSync(bad, Buffer.from([0, 1, 2, 3, 4, 5]));
    const { failures, stats } = await run([bad, sharedData('conformance', 'link-extraction-test.warc')]);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.message).toMatch(/data\.bin at byte 0: not a WARC, WAT or HTML file/);
    expect(stats.pages).toBe(9);
  });
});
