/**
 * Common Crawl conformance, end to end: the fixture WARC of ia-web-commons (10 records, several with wrong
 * lengths) through our WARC reader, HTTP parser and HTML extractor, compared with the links Common Crawl's
 * own extractor test expects (../shared/data/conformance, see its SOURCE.txt).
 */
import { describe, expect, it } from 'vitest';
import { FilePageReader } from '../../src/adapters/sources/file-page-reader.ts';
import { extractLinks } from '../../src/app/extract-links.ts';
import type { PageLinks } from '../../src/core/link/page.ts';
import { comparePairs, expectedLinks, expectedPages } from '../support/conformance.ts';
import { sharedData } from '../support/paths.ts';

async function extractAll(
  file: string,
): Promise<{ pages: PageLinks[]; stats: Awaited<ReturnType<typeof extractLinks>>['stats'] }> {
  const pages: PageLinks[] = [];
  const { stats, failures } = await extractLinks([file], new FilePageReader(), {}, (p) => {
    pages.push(p);
  });
  expect(failures).toEqual([]);
  return { pages, stats };
}

/**
 * Differences from Common Crawl's expectations that we accept, each with its reason. Key: `path\turl`.
 * (Empty: every expected pair is produced. Extra pairs we produce beyond upstream are listed below.)
 */
const ACCEPTED_MISSING: Record<string, string> = {};

/** Links we produce that upstream's extractor does not, each with its reason. */
const ACCEPTED_EXTRA: Record<string, string> = {};

describe('Common Crawl link-extraction conformance (link-extraction-test.warc)', async () => {
  const { pages, stats } = await extractAll(sharedData('conformance', 'link-extraction-test.warc'));
  const expected = expectedLinks();

  it('reads all 10 records: 1 warcinfo and 9 response pages, despite the wrong record lengths', () => {
    expect(stats.records).toBe(10);
    expect(stats.skipped).toEqual({ warcinfo: 1 });
    expect(pages.map((p) => p.page.url)).toEqual(expectedPages().map((p) => p.page));
  });

  it('yields at least 98% of the 68 expected (rawUrl, path) pairs, as a multiset', () => {
    let matched = 0;
    const missing: string[] = [];
    for (const page of expectedPages()) {
      const ours = pages.find((p) => p.page.url === page.page);
      const result = comparePairs(
        expected.filter((e) => e.record === page.record),
        ours?.links ?? [],
      );
      matched += result.matched;
      missing.push(...result.missing);
    }
    expect(expected.length).toBe(68);
    expect(missing.filter((m) => !(m in ACCEPTED_MISSING))).toEqual([]);
    expect(matched / expected.length).toBeGreaterThanOrEqual(0.98);
  });

  it('produces no link upstream does not expect, except the listed ones', () => {
    const extras = expectedPages().flatMap((page) => {
      const ours = pages.find((p) => p.page.url === page.page);
      return comparePairs(
        expected.filter((e) => e.record === page.record),
        ours?.links ?? [],
      ).extra;
    });
    expect(extras.filter((e) => !(e in ACCEPTED_EXTRA))).toEqual([]);
  });

  it('has the expected link count per page', () => {
    for (const page of expectedPages()) {
      const ours = pages.find((p) => p.page.url === page.page);
      expect({ page: page.record, count: ours?.links.length }).toEqual({
        page: page.record,
        count: page.expectedLinkCount,
      });
    }
  });

  it('keeps the anchor text and alt text upstream asserts', () => {
    for (const e of expected.filter((x) => x.text !== undefined || x.alt !== undefined)) {
      const ours = pages.find((p) => p.page.url === e.page)?.links ?? [];
      const link = ours.find((l) => l.rawUrl === e.url && l.path === e.path);
      expect({ url: e.url, anchor: link?.anchor }).toEqual({ url: e.url, anchor: e.text ?? e.alt });
    }
  });

  it('reads the page titles upstream asserts', () => {
    for (const page of expectedPages()) {
      const ours = pages.find((p) => p.page.url === page.page);
      if (page.title !== undefined) expect(ours?.page.title).toBe(page.title);
      if (page.titleAbsent) expect(ours?.page.title).toBeNull();
    }
  });

  it('resolves raw values the way the conformance notes compute them with WHATWG URL', () => {
    const all = pages.flatMap((p) => p.links);
    const target = (raw: string) => all.find((l) => l.rawUrl === raw)?.target;
    expect(target('background.jpg')).toBe('http://www.example.com/background.jpg');
    expect(target('//edge.flowplayer.org/bauhaus.webm')).toBe('http://edge.flowplayer.org/bauhaus.webm');
    expect(target('/view?id=logo&action=edit')).toBe('http://www.example.com/view?id=logo&action=edit');
    expect(target('http:///www.example.com/video.html')).toBe('http://www.example.com/video.html');
  });

  it('parses rel on the fixture (the record 8 link is rel=nofollow, not asserted upstream)', () => {
    const record8 = pages.find((p) => p.page.url.endsWith('unescaped-entities.xhtml'));
    const nofollow = record8?.links.filter((l) => l.nofollow) ?? [];
    expect(nofollow.length).toBeGreaterThan(0);
    expect(nofollow.every((l) => l.rel.includes('nofollow'))).toBe(true);
  });
});
