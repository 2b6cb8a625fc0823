/**
 * CSV imports end to end on the vendor samples in test/fixtures/imports: format detection by header (and by
 * values for Search Console tables in unknown languages), the links each row becomes in the ledger, bad rows
 * with their line numbers, unknown headers, and re-import being a no-op.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvImportSource, detectCsv } from '../../../src/adapters/imports/csv-import.ts';
import { MemoryLedgerStore } from '../../../src/adapters/store-memory/memory-store.ts';
import { reportRefDomains } from '../../../src/app/ledger/reports.ts';
import { runImport } from '../../../src/app/ledger/run-import.ts';
import { BadInputError, UsageError } from '../../../src/core/errors.ts';
import type { StoredLink } from '../../../src/core/ledger/model.ts';
import { REPO_ROOT } from '../../support/paths.ts';

const fixture = (name: string) => join(REPO_ROOT, 'test', 'fixtures', 'imports', name);
const NOW = Date.UTC(2024, 5, 1);
const date = (iso: string) => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

async function importFixture(name: string, options: { target?: string; source?: string } = {}) {
  const store = new MemoryLedgerStore();
  const source = await csvImportSource(fixture(name), { now: NOW, ...options });
  const run = await runImport(store, source, { now: () => NOW, batchLinks: 3 });
  const { links } = await store.dump();
  return { store, run, links: links as unknown as StoredLink[], format: source.format };
}

const bySource = (links: StoredLink[], source: string) => links.find((l) => l.sourceUrl === source)!;

describe('CSV import: Search Console', () => {
  it('reads "Latest links" as links to the property, seen on the last-crawled date', async () => {
    const { links, run, format } = await importFixture('gsc-latest-links.csv', {
      target: 'acme-widgets.com',
    });
    expect(format).toBe('gsc-latest-links');
    expect(run.stats).toMatchObject({ records: 8, observations: 8, newLinks: 8, badRows: 0 });
    expect(
      links.every((l) => l.targetUrl === 'https://acme-widgets.com/' && l.kind === 'a' && l.followed),
    ).toBe(true);
    expect(bySource(links, 'https://news.makerhub.io/roundup/spring-tools')).toMatchObject({
      firstSeen: date('2024-05-09'),
      lastSeen: date('2024-05-09'),
      anchor: '',
    });
    expect(bySource(links, 'https://www.homeimprovement.co.uk/guides/widgets?page=2&sort=new')).toBeDefined();
  });

  it('needs --target for Search Console exports', async () => {
    await expect(csvImportSource(fixture('gsc-latest-links.csv'), { now: NOW })).rejects.toThrow(UsageError);
  });

  it('reads "Top linking sites" as one host-level link per site', async () => {
    const { links, store } = await importFixture('gsc-top-linking-sites.csv', {
      target: 'https://acme-widgets.com/',
    });
    expect(links.map((l) => [l.sourceUrl, l.kind, l.sourceDomain])).toContainEqual([
      'homeimprovement.co.uk',
      'webgraph',
      'homeimprovement.co.uk',
    ]);
    expect(links).toHaveLength(6);
    const domains = await reportRefDomains(store, { target: 'acme-widgets.com' });
    expect(domains.map((d) => d.domain).sort()).toEqual([
      'craftsblog.org',
      'diyforums.net',
      'homeimprovement.co.uk',
      'makerhub.io',
      'reddit.com',
      'woodworking-weekly.com',
    ]);
  });

  it('counts "Top linked pages" rows without inventing links', async () => {
    const { links, run } = await importFixture('gsc-top-linked-pages.csv');
    expect(links).toHaveLength(0);
    expect(run.stats.skipped).toEqual({ 'aggregate-without-sources': 3 });
  });

  it('detects localised headers, and unknown languages by their values', async () => {
    const he = await importFixture('gsc-latest-links-he.csv', { target: 'acme-widgets.com' });
    expect(he.format).toBe('gsc-latest-links');
    expect(he.links).toHaveLength(2);
    const pl = await importFixture('gsc-latest-links-pl.csv', { target: 'acme-widgets.com' });
    expect(pl.format).toBe('gsc-latest-links');
    expect(pl.links.map((l) => l.sourceDomain).sort()).toEqual([
      'forum-majsterkowicza.pl',
      'woodworking-weekly.com',
    ]);
  });
});

describe('CSV import: backlink tools', () => {
  it('Bing: source, anchor, target; rel unknown', async () => {
    const { links, format } = await importFixture('bing-backlinks.csv');
    expect(format).toBe('bing-backlinks');
    expect(links).toHaveLength(4);
    expect(bySource(links, 'https://news.makerhub.io/roundup/spring-tools')).toMatchObject({
      anchor: 'this clamp, which we loved',
      targetUrl: 'https://acme-widgets.com/products/quick-clamp',
      followed: true,
      firstSeen: NOW,
    });
  });

  it('Ahrefs: types, rel flags, content placement, dates and losses', async () => {
    const { links, format } = await importFixture('ahrefs-backlinks.csv');
    expect(format).toBe('ahrefs-backlinks');
    expect(bySource(links, 'https://blog.woodworking-weekly.com/2024/03/best-bench-vises')).toMatchObject({
      anchor: 'Acme Bench Vise',
      followed: true,
      placement: 'content',
      firstSeen: date('2024-03-12T08:14:51Z'),
      lastSeen: date('2024-05-14T02:10:03Z'),
      lostAt: null,
    });
    expect(bySource(links, 'https://www.diyforums.net/threads/which-widget-do-you-use.48213/')).toMatchObject(
      {
        ugc: true,
        followed: false,
        rel: 'ugc',
      },
    );
    expect(bySource(links, 'https://news.makerhub.io/roundup/spring-tools')).toMatchObject({
      image: true,
      kind: 'a',
    });
    expect(bySource(links, 'http://old.craftsblog.org/archive/2019/widgets.html')).toMatchObject({
      kind: 'redirect',
      lostAt: date('2024-02-03'),
      lostReason: 'page-redirected',
    });
    expect(bySource(links, 'https://www.giftguides.com/2024/widgets')).toMatchObject({
      sponsored: true,
      followed: false,
    });
  });

  it('Ahrefs UTF-16 tab-separated export ("for Excel")', async () => {
    const { links, format } = await importFixture('ahrefs-backlinks-utf16.tsv');
    expect(format).toBe('ahrefs-backlinks');
    expect(links.map((l) => l.anchor).sort()).toEqual(['', 'Acme Bench Vise', 'acme-widgets.com']);
  });

  it('Majestic: flags for nofollow, image, redirect, frame; mentions are not links', async () => {
    const { links, run } = await importFixture('majestic-backlinks.csv');
    expect(links).toHaveLength(5);
    expect(run.stats.skipped).toEqual({ 'mention-without-link': 1 });
    expect(bySource(links, 'https://www.diyforums.net/threads/which-widget-do-you-use.48213/')).toMatchObject(
      {
        nofollow: true,
        firstSeen: date('2024-02-03'),
        lastSeen: date('2024-05-08'),
      },
    );
    expect(bySource(links, 'https://news.makerhub.io/roundup/spring-tools')).toMatchObject({ image: true });
    expect(bySource(links, 'http://old.craftsblog.org/archive/2019/widgets.html')).toMatchObject({
      kind: 'redirect',
    });
    expect(bySource(links, 'https://www.toolembeds.com/widget/acme')).toMatchObject({ kind: 'iframe' });
  });

  it('Moz: preamble lines, scheme-less URLs, nofollow and 301 columns', async () => {
    const { links, format } = await importFixture('moz-inbound-links.csv');
    expect(format).toBe('moz-links');
    expect(links).toHaveLength(4);
    expect(bySource(links, 'http://www.diyforums.net/threads/which-widget-do-you-use.48213/')).toMatchObject({
      nofollow: true,
      targetUrl: 'http://acme-widgets.com/',
    });
    expect(bySource(links, 'http://old.craftsblog.org/archive/2019/widgets.html')).toMatchObject({
      kind: 'redirect',
      anchor: '',
    });
  });

  it('Semrush: flags, image links, and "Lost link"', async () => {
    const { links } = await importFixture('semrush-backlinks.csv');
    expect(links).toHaveLength(4);
    expect(bySource(links, 'https://www.diyforums.net/threads/which-widget-do-you-use.48213/')).toMatchObject(
      {
        nofollow: true,
        ugc: true,
      },
    );
    expect(bySource(links, 'https://news.makerhub.io/roundup/spring-tools')).toMatchObject({ image: true });
    expect(bySource(links, 'https://www.workshop-picks.com/sponsored/acme')).toMatchObject({
      sponsored: true,
      lastSeen: date('2024-03-02'),
      lostAt: NOW,
      lostReason: 'removed',
    });
  });

  it('generic CSV: rel tokens, dates, URLs without a scheme, a source override', async () => {
    const { links } = await importFixture('generic.csv', { source: 'manual' });
    expect(links).toHaveLength(4);
    expect(bySource(links, 'https://www.diyforums.net/threads/which-widget-do-you-use.48213/')).toMatchObject(
      {
        rel: 'nofollow ugc',
        nofollow: true,
        ugc: true,
        firstSeen: date('2024-02-01'),
      },
    );
    expect(bySource(links, 'http://www.no-scheme.org/page')).toMatchObject({
      targetUrl: 'http://acme-widgets.com/products/quick-clamp',
      followed: true,
      firstSeen: NOW,
    });
  });
});

describe('CSV import: bad input', () => {
  it('skips bad rows, counts them with their line numbers, and keeps the good rows around them', async () => {
    const { links, run } = await importFixture('bad-rows.csv');
    expect(links.map((l) => l.sourceUrl).sort()).toEqual([
      'https://good-eight.com/h',
      'https://good-four.com/d',
      'https://good-one.com/a',
      'https://good-six.com/f',
      'https://good-two.com/b',
    ]);
    expect(run.stats.badRows).toBe(4);
    expect(run.stats.badRowSamples.map((b) => b.line)).toEqual([3, 5, 7, 11]);
    expect(run.stats.badRowSamples[1]!.reason).toContain('yesterday-ish');
    expect(bySource(links, 'https://good-six.com/f').anchor).toBe('multi\nline anchor');
    expect(bySource(links, 'https://good-four.com/d').targetUrl).toBe(
      'https://acme-widgets.com/quoted,comma',
    );
  });

  it('refuses a row with more fields than the header (an unquoted delimiter) instead of shifting its columns', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'csv-fields-')), 'links.csv');
    writeFileSync(
      path,
      'source,anchor,target\nhttp://a.example/x,hello,http://t.example/\nhttp://b.example/x,hello, world,http://t.example/\nhttp://c.example/x,ok,http://t.example/,\n',
    );
    const store = new MemoryLedgerStore();
    const run = await runImport(store, await csvImportSource(path, { now: NOW }), { now: () => NOW });
    const { links } = await store.dump();
    expect(links.map((l) => [l.sourceUrl, l.targetUrl])).toEqual([
      ['http://a.example/x', 'http://t.example/'],
      ['http://c.example/x', 'http://t.example/'], // a trailing empty field is harmless
    ]);
    expect(run.stats.badRowSamples).toEqual([
      { line: 3, reason: '4 fields where the header has 3 (a value with an unquoted ","?)' },
    ]);
  });

  it('reads a file that is not UTF-8 as Windows-1252 (Excel on Western Windows), not as U+FFFD', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'csv-latin1-')), 'links.csv');
    writeFileSync(
      path,
      Buffer.from(
        'source,target,anchor\nhttp://a.example/caf\xe9,http://t.example/,r\xe9sum\xe9 \x80\n',
        'latin1',
      ),
    );
    const store = new MemoryLedgerStore();
    const run = await runImport(store, await csvImportSource(path, { now: NOW }), { now: () => NOW });
    expect(run.stats.badRows).toBe(0);
    const { links } = await store.dump();
    expect(links.map((l) => [l.sourceUrl, l.anchor])).toEqual([['http://a.example/caf%C3%A9', 'résumé €']]);
  });

  it('counts a row that is not valid UTF-8 past the head the encoding was chosen from, keeping the rest', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'csv-bad-utf8-')), 'links.csv');
    // 1,500 good rows (about 100 KiB, so UTF-8 is chosen from the head), one with a byte that cannot
    // start a UTF-8 character, one more good row, and one with a literal U+FFFD (valid UTF-8, kept).
    const good = (i: number) => `http://a.example/${i},http://t.example/,r\u00e9sum\u00e9 ${i}\n`;
    const rows = Array.from({ length: 1500 }, (_, i) => Buffer.from(good(i)));
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from('source,target,anchor\n'),
        ...rows,
        Buffer.from('http://b.example/,http://t.example/,caf'),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
        Buffer.from(good(1500)),
        Buffer.from('http://c.example/,http://t.example/,\ufffd\n'),
      ]),
    );
    const store = new MemoryLedgerStore();
    const run = await runImport(store, await csvImportSource(path, { now: NOW }), { now: () => NOW });
    expect(run.stats.badRowSamples).toEqual([{ line: 1502, reason: 'not valid UTF-8' }]);
    const { links } = await store.dump();
    expect(links).toHaveLength(1502);
    expect(links.some((l) => String(l.sourceUrl).startsWith('http://b.example'))).toBe(false);
    expect(links.find((l) => l.sourceUrl === 'http://c.example/')?.anchor).toBe('\ufffd');
  });

  it('refuses a header that names a column it reads twice, naming both columns', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'csv-dup-')), 'links.csv');
    writeFileSync(
      path,
      'source,target,anchor,Target\nhttp://a.example/,http://t.example/,x,http://u.example/\n',
    );
    await expect(csvImportSource(path, { now: NOW })).rejects.toThrow(
      /names "target" twice \(columns 2 and 4\)/,
    );
  });

  it('rejects unknown headers with the columns each format expects', async () => {
    const error = await detectCsv(fixture('unknown-headers.csv')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadInputError);
    const message = (error as Error).message;
    expect(message).toContain('"foo", "bar", "baz"');
    for (const expected of [
      'Linking page, Last crawled',
      'Referring page URL',
      'FlagNoFollow',
      'Spam Score',
      'Page ascore',
      'source, target',
    ]) {
      expect(message).toContain(expected);
    }
  });

  it('re-importing the same export changes nothing', async () => {
    const store = new MemoryLedgerStore();
    const path = fixture('ahrefs-backlinks.csv');
    await runImport(store, await csvImportSource(path, { now: NOW }), { now: () => NOW });
    const before = await store.dump();
    const again = await runImport(store, await csvImportSource(path, { now: NOW + 1000 }), {
      now: () => NOW + 1000,
    });
    expect(await store.dump()).toEqual(before);
    expect(again.stats).toMatchObject({ newLinks: 0, updatedLinks: 0 });
    expect((await store.importRuns()).map((r) => r.status)).toEqual(['done', 'done']);
  });

  it('re-importing a date-less export only moves lastSeen', async () => {
    const store = new MemoryLedgerStore();
    const path = fixture('bing-backlinks.csv');
    await runImport(store, await csvImportSource(path, { now: NOW }), { now: () => NOW });
    const later = NOW + 86_400_000;
    await runImport(store, await csvImportSource(path, { now: later }), { now: () => later });
    const { links } = await store.dump();
    expect(links.every((l) => l.firstSeen === NOW && l.lastSeen === later && l.lostAt === null)).toBe(true);
  });
});
