/**
 * The extractor's text digest (option `textDigest`): which text counts, with which weight, streaming;
 * the same digest however the page is cut; off by default; and set by the readers the ledger uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createHtmlLinkExtractor,
  extractLinksFromBytes,
  type HtmlLinkExtractorOptions,
} from '../../../src/adapters/html/index.ts';
import { readResponsePage } from '../../../src/adapters/http/response-page.ts';
import { warcImportSource } from '../../../src/adapters/sources/page-import-source.ts';
import { warcPages } from '../../../src/adapters/sources/warc-pages.ts';
import { emptyStats } from '../../../src/core/extract/stats.ts';
import { captureOf } from '../../../src/core/ledger/page-capture.ts';
import { parseDigest } from '../../../src/core/text/digest.ts';
import { HTML_CORPUS_DIR, REPO_ROOT } from '../../support/paths.ts';

const PAGE = 'http://example.com/page.html';

function digestOf(html: string, options: Partial<HtmlLinkExtractorOptions> = {}): string | undefined {
  const extractor = createHtmlLinkExtractor({ pageUrl: PAGE, textDigest: true, ...options });
  extractor.write(html);
  return extractor.end().page.textDigest;
}

/** The digest's terms as `form:count`, for readable expectations. */
function terms(html: string, options: Partial<HtmlLinkExtractorOptions> = {}): string[] {
  const digest = parseDigest(digestOf(html, options) ?? '');
  expect(digest).not.toBeNull();
  return digest!.terms.map((t) => `${t.form}:${t.count}`);
}

describe('text digest: which text', () => {
  it('is off by default: no digest, links unchanged', () => {
    const html = '<title>Saturn</title><p>Rings of <a href="/r">Saturn</a></p>';
    const off = createHtmlLinkExtractor({ pageUrl: PAGE });
    off.write(html);
    const without = off.end();
    expect(without.page.textDigest).toBeUndefined();
    expect('textDigest' in without.page).toBe(false);
    const on = createHtmlLinkExtractor({ pageUrl: PAGE, textDigest: true });
    on.write(html);
    const withDigest = on.end();
    expect(withDigest.links).toEqual(without.links);
    expect(withDigest.page.textDigest).toBe('v1 und saturn:3 ring/rings:1');
  });

  it('counts visible text, not script, style, template, noscript, form fields, iframes or svg', () => {
    const html =
      '<html lang="en"><head><script>var hidden = "javascript";</script><style>.x{color:red}</style></head>' +
      '<body><p>Comet approaches</p><template><p>template words</p></template>' +
      '<noscript>enable scripts</noscript><textarea>typed draft</textarea>' +
      '<select><option>Alabama</option><option>Alaska</option></select>' +
      '<iframe>frame fallback</iframe><svg><title>icon tooltip</title><text>vector label</text></svg>' +
      '<script>document.write("more hidden")</script><div>Comet tail</div></body></html>';
    expect(terms(html)).toEqual(['comet:2', 'approaches:1', 'tail:1']);
  });

  it('leaves out the text of links and of nav, header, footer and aside', () => {
    const html =
      '<header>Site masthead</header><nav>Menu sections</nav>' +
      '<div class="sidebar">Widget words</div><main><p>Telescope images <a href="/x">click here</a> ' +
      'nebula</p></main><aside>Related stories</aside><footer>Copyright notice</footer>' +
      '<div role="navigation">Breadcrumb trail</div><p>Unplaced telescope</p>';
    expect(terms(html)).toEqual(['telescope:2', 'images:1', 'nebula:1', 'unplaced:1']);
  });

  it('keeps the text of an article header or footer (content, as for links)', () => {
    expect(terms('<article><header>Byline reporter</header><p>Story text</p></article>')).toEqual([
      'byline:1',
      'reporter:1',
      'story:1',
      'text:1',
    ]);
  });

  it('weighs the title 3 and an h1 2', () => {
    const html = '<title>Jupiter moons</title><h1>Jupiter</h1><h2>Europa</h2><p>Jupiter has moons.</p>';
    expect(terms(html)).toEqual(['jupiter:6', 'moons:4', 'europa:1']);
  });

  it('decodes entities, joins words across inline elements, separates them at block elements', () => {
    const html = '<p>Caf&eacute; <b>W</b>ord<span>play</span></p><div>end</div><p>to</p><p>gether</p>';
    expect(terms(html)).toEqual(['café:1', 'wordplay:1', 'end:1', 'gether:1']);
  });

  it('takes the language from <html lang>, else from the text', () => {
    expect(digestOf('<html lang="de"><p>Die Regeln für den Radsport</p></html>')).toBe(
      'v1 deu regeln:1 radsport:1',
    );
    expect(
      digestOf(
        '<p>Die Bundesregierung hat am Dienstag beschlossen, dass die neuen Regeln für den Radsport ab dem ' +
          'nächsten Jahr gelten sollen.</p>',
      ),
    ).toMatch(/^v1 deu /);
    expect(digestOf('<p>東京都に住んでいます</p>', { pageUrl: PAGE })).toMatch(/^v1 (und|jpn) 東京/);
  });

  it('gives an empty digest for a page without words', () => {
    expect(digestOf('<html lang="en"><script>x()</script><img src="/a.png"></html>')).toBe('v1 eng');
  });
});

/** Every 32nd page of the corpus (9 pages, a fixed sample). */
const SAMPLE = readdirSync(HTML_CORPUS_DIR)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .filter((_, i) => i % 32 === 0)
  .map((file) => ({ file, html: readFileSync(join(HTML_CORPUS_DIR, file), 'utf8') }));

describe('text digest: streaming', () => {
  it('is the same however a real page is cut into chunks, down to one character', () => {
    for (const { file, html } of SAMPLE) {
      const whole = digestOf(html, { pageUrl: null, fallbackUrl: `http://corpus.invalid/${file}` });
      expect(parseDigest(whole!)!.terms.length, file).toBeGreaterThan(20);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }), (sizes) => {
          const extractor = createHtmlLinkExtractor({
            pageUrl: null,
            fallbackUrl: `http://corpus.invalid/${file}`,
            textDigest: true,
          });
          let at = 0;
          for (let k = 0; at < html.length; k++) {
            const size = sizes[k % sizes.length]!;
            extractor.write(html.slice(at, at + size));
            at += size;
          }
          expect(extractor.end().page.textDigest).toBe(whole);
        }),
        { numRuns: 5 },
      );
    }
  });

  it('decodes bytes and digests in one pass (extractLinksFromBytes)', async () => {
    const html = '<meta charset="windows-1252"><title>Caf\xe9 news</title><p>Caf\xe9 opens</p>';
    const bytes = Uint8Array.from(html, (c) => c.charCodeAt(0));
    const page = await extractLinksFromBytes(bytes, { pageUrl: PAGE, textDigest: true });
    expect(page.page.textDigest).toBe('v1 und café:4 new/news:3 open/opens:1');
  });
});

describe('text digest: the readers the ledger uses', () => {
  const WARC = join(REPO_ROOT, 'data', 'commoncrawl', 'CC-MAIN-2020-34-excerpt.warc.gz');

  it('the WARC import source sets it on every HTML capture; `extract` (warcPages) does not', async () => {
    const source = await warcImportSource({ path: WARC, format: 'warc', gzip: true }, { now: 0 });
    let captures = 0;
    for await (const item of source.read({ offset: 0, line: 1 })) {
      if (item.kind !== 'capture') continue;
      captures += 1;
      expect(item.capture.page.textDigest).toMatch(/^v1 [a-z]{2,3}( |$)/);
    }
    expect(captures).toBe(16);
    for await (const page of warcPages(WARC, emptyStats())) expect(page.page.textDigest).toBeUndefined();
  });

  it('the crawler reads a fetched HTML page with its digest, and captureOf passes it to the ledger', async () => {
    const body = new TextEncoder().encode(
      '<html lang="en"><title>Mars rover</title><p>Curiosity on Mars</p>',
    );
    const page = await readResponsePage({
      kind: 'response',
      url: PAGE,
      status: 200,
      headers: { 'content-type': 'text/html' },
      mime: 'text/html',
      body,
      truncated: null,
      wireBytes: body.length,
      contentHash: 'x'.repeat(32),
      remoteAddress: null,
    });
    expect(page.page.textDigest).toBe('v1 eng mar/mars:4 rover:3 curios/curiosity:1');
    const capture = captureOf({ ...page, source: 'crawl', capturedAt: 0 });
    expect(capture.page.textDigest).toBe(page.page.textDigest);
    expect(
      captureOf({ ...page, source: 'crawl', capturedAt: 0, textDigest: 'v1 eng x:1' }).page.textDigest,
    ).toBe('v1 eng x:1');
  });
});
