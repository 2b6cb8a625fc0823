/**
 * Common Crawl's own expectations (../shared/data/conformance/cc-wat-link-extraction.json, from
 * ia-web-commons' ExtractingParseObserverTest): CSS url() extraction, character-reference decoding,
 * data: URL trimming, and the 68 (url, path) pairs of the 9 pages of the fixture WARC.
 */
import { describe, expect, it } from 'vitest';
import {
  createHtmlLinkExtractor,
  cssUrls,
  extractLinksFromBytes,
  trimDataUrl,
} from '../../../src/adapters/html/index.ts';
import type { Link } from '../../../src/core/link/link.ts';
import { comparePairs, conformanceEntries, expectedLinks, expectedPages } from '../../support/conformance.ts';
import { conformanceWarcPages } from './support/warc-pages.ts';

interface CssEntry {
  kind: 'css';
  input?: string;
  inputParts?: ({ text: string } | { repeat: string; count: number })[];
  expectedHrefs: string[];
}
interface EntityEntry {
  kind: 'entity-decode';
  input: string;
  inAttribute: boolean;
  expected: string | null;
}
interface DataUrlEntry {
  kind: 'trim-data-url';
  input: string;
  expected: string;
}

const entries = conformanceEntries() as unknown as (
  | CssEntry
  | EntityEntry
  | DataUrlEntry
  | { kind: string }
)[];
const cssEntries = entries.filter((e): e is CssEntry => e.kind === 'css');
const entityEntries = entries.filter((e): e is EntityEntry => e.kind === 'entity-decode');
const dataUrlEntries = entries.filter((e): e is DataUrlEntry => e.kind === 'trim-data-url');

function cssInput(entry: CssEntry): string {
  if (entry.input !== undefined) return entry.input;
  return (entry.inputParts ?? [])
    .map((part) => ('text' in part ? part.text : part.repeat.repeat(part.count)))
    .join('');
}

function linksOf(html: string, pageUrl = 'http://example.com/page.html'): Link[] {
  const extractor = createHtmlLinkExtractor({ pageUrl });
  extractor.write(html);
  return extractor.end().links;
}

/** An attribute value that decodes back to exactly `text`. */
function attributeFor(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
}

describe('CSS url() extraction (14 Common Crawl cases)', () => {
  it('has all the cases', () => expect(cssEntries).toHaveLength(14));

  it.each(cssEntries.map((e, i) => [i, cssInput(e).slice(0, 60), e] as const))(
    'case %i: %j',
    (_, __, entry) => {
      const css = cssInput(entry);
      const started = performance.now();
      expect(cssUrls(css)).toEqual(entry.expectedHrefs);
      expect(performance.now() - started).toBeLessThan(2000); // "no hang-up" cases
      // The same through the extractor: a <style> element's STYLE/#text links.
      const links = linksOf(`<html><head><style>${css}</style></head><body></body></html>`);
      expect(links.filter((l) => l.path === 'STYLE/#text').map((l) => l.rawUrl)).toEqual(entry.expectedHrefs);
    },
  );
});

describe('character references (30 Common Crawl cases), through the extractor', () => {
  it('has all the cases', () => expect(entityEntries).toHaveLength(30));

  it.each(entityEntries.map((e) => [e.input, e.inAttribute, e] as const))(
    '%j (in attribute: %s)',
    (_, __, entry) => {
      if (entry.inAttribute) {
        // An attribute value: the raw URL of an <a href>, decoded once.
        const links = linksOf(`<a href="${entry.input}">x</a>`);
        expect(links).toHaveLength(1);
        if (entry.expected !== null) expect(links[0]!.rawUrl).toBe(entry.expected);
      } else {
        // Text: the anchor text, which is also whitespace-collapsed (U+00A0 included).
        const links = linksOf(`<a href="/x">${entry.input}</a>`);
        const collapsed = entry.expected?.replace(/[\s\u00a0]+/g, ' ').trim();
        if (collapsed !== undefined) expect(links[0]!.anchor).toBe(collapsed);
      }
    },
  );

  it('decodes a reference split between two writes as a whole', () => {
    const extractor = createHtmlLinkExtractor({ pageUrl: 'http://example.com/' });
    for (const piece of ['<a href="/a?x=1&a', 'mp;y=2">Law &am', 'p; order</a>']) extractor.write(piece);
    const [link] = extractor.end().links;
    expect(link?.rawUrl).toBe('/a?x=1&y=2');
    expect(link?.anchor).toBe('Law & order');
  });

  it('does not decode across an element boundary', () => {
    expect(linksOf('<a href="/x">&am<b>p;</b></a>')[0]?.anchor).toBe('&amp;');
  });
});

describe('data: URL trimming (6 Common Crawl cases)', () => {
  it('has all the cases', () => expect(dataUrlEntries).toHaveLength(6));

  it.each(dataUrlEntries.map((e) => [e.input.slice(0, 50), e] as const))('%j', (_, entry) => {
    expect(trimDataUrl(entry.input)).toBe(entry.expected);
    const links = linksOf(`<img src="${attributeFor(entry.input)}">`);
    expect(links.map((l) => l.rawUrl)).toEqual([entry.expected]);
  });

  it('leaves other values alone', () => {
    expect(trimDataUrl('http://example.com/a,b')).toBe('http://example.com/a,b');
    expect(trimDataUrl(' DATA:text/plain,hello')).toBe(' DATA:text/plain,');
    expect(trimDataUrl('data:no-comma')).toBe('data:no-comma');
  });
});

describe('the 9 pages of the conformance WARC (68 expected (url, path) pairs)', () => {
  const pages = conformanceWarcPages();
  const expected = expectedLinks();

  it('finds the 9 response records', () => {
    expect(pages.map((p) => p.targetUri)).toEqual(expectedPages().map((p) => p.page));
  });

  it.each(expectedPages().map((p) => [p.record, p.page, p] as const))(
    'record %i (%s): every expected pair, nothing else',
    async (record, _, page) => {
      const warc = pages[record - 1]!;
      const result = await extractLinksFromBytes(warc.body, {
        pageUrl: warc.targetUri,
        contentType: warc.headers.get('content-type'),
      });
      const want = expected.filter((e) => e.record === record);
      const { matched, missing, extra } = comparePairs(want, result.links);
      expect({ record, matched, of: want.length, missing, extra }).toEqual({
        record,
        matched: want.length,
        of: page.expectedLinkCount,
        missing: [],
        extra: [],
      });
      if (page.title !== undefined) expect(result.page.title).toBe(page.title);
      if (page.titleAbsent) expect(result.page.title).toBeNull();
      // The anchor texts and alt texts upstream asserts.
      for (const e of want.filter((w) => w.text !== undefined || w.alt !== undefined)) {
        const link = result.links.find((l) => l.rawUrl === e.url && l.path === e.path);
        expect(link?.anchor).toBe(e.text ?? e.alt);
      }
    },
  );

  it('resolves the raw values as SOURCE.txt computes them with WHATWG URL', async () => {
    const targetOf = async (record: number) => {
      const warc = pages[record - 1]!;
      const { links } = await extractLinksFromBytes(warc.body, { pageUrl: warc.targetUri });
      return (raw: string) => links.find((l) => l.rawUrl === raw)?.target;
    };
    const r1 = await targetOf(1);
    expect(r1('background.jpg')).toBe('http://www.example.com/background.jpg');
    expect(r1('#anchor')).toBe('http://www.example.com/'); // fragment dropped (core/url/normalize.ts)
    expect(r1('http://www.example.com/redirected.html')).toBe('http://www.example.com/redirected.html');
    const r5 = await targetOf(5);
    expect(r5('//edge.flowplayer.org/bauhaus.webm')).toBe('http://edge.flowplayer.org/bauhaus.webm');
    expect(r5('/content-page')).toBe('http://www.example.com/content-page');
    expect(r5('#')).toBe('http://www.example.com/data-href.examples.html');
    const r8 = await targetOf(8);
    expect(r8('/view?id=logo&action=edit')).toBe('http://www.example.com/view?id=logo&action=edit');
    expect(r8('/view?id=logo&res=420x180')).toBe('http://www.example.com/view?id=logo&res=420x180');
    const r2 = await targetOf(2);
    expect(r2('http:///www.example.com/video.html')).toBe('http://www.example.com/video.html');
  });
});
