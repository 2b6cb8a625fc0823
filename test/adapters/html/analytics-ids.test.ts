/**
 * Analytics / ad account ids (PageInfo.analyticsIds): every id form, from inline script text and from
 * script / iframe `src` URLs, whole however the page is cut into chunks, bounded, and off by default.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ANALYTICS_IDS } from '../../../src/adapters/html/analytics-ids.ts';
import {
  createHtmlLinkExtractor,
  type HtmlLinkExtractorOptions,
} from '../../../src/adapters/html/link-extractor.ts';

const PAGE = 'https://example.com/page';

function idsOf(
  html: string,
  options: Partial<HtmlLinkExtractorOptions> = { textDigest: true },
  chunk = html.length,
): string[] | undefined {
  const extractor = createHtmlLinkExtractor({ pageUrl: PAGE, ...options });
  for (let i = 0; i < html.length; i += Math.max(1, chunk)) extractor.write(html.slice(i, i + chunk));
  return extractor.end().page.analyticsIds;
}

const script = (text: string) => `<html><head><script>${text}</script></head><body><p>x</p></body></html>`;

describe('analytics ids: forms', () => {
  it.each([
    ["gtag('config', 'UA-1234567-1');", 'UA-1234567-1'],
    ["gtag('config', 'G-ABC123XYZ9');", 'G-ABC123XYZ9'],
    ["(window,document,'script','dataLayer','GTM-AB12CD');", 'GTM-AB12CD'],
    ["gtag('config', 'AW-123456789');", 'AW-123456789'],
    ['google_ad_client = "ca-pub-1234567890123456";', 'ca-pub-1234567890123456'],
    ['var client = "pub-1234567890123456";', 'ca-pub-1234567890123456'],
    ["fbq('init', '123456789012345');", 'fbq-123456789012345'],
    ['fbq( "init" , "123456789012345" );', 'fbq-123456789012345'],
  ])('reads %s', (text, id) => {
    expect(idsOf(script(text))).toEqual([id]);
  });

  it('ignores look-alikes: too short, lower case, inside a longer word, other calls', () => {
    const text = [
      "'UA-123-1'", // account too short
      "'G-ABC12'", // too short
      "'g-abcdef12'", // lower case
      "'XG-ABCDEF12'", // inside a word
      "'G-ABCDEFGHIJKLM'", // too long
      "'AW-12345'",
      "'pub-123'",
      "fbq('track', '123456789012345')",
    ].join(';');
    expect(idsOf(script(text))).toEqual([]);
  });

  it('reads ids in script and iframe src URLs, not in links, text or other attributes', () => {
    const html =
      '<html><head><script async src="https://www.googletagmanager.com/gtag/js?id=G-SRC12345"></script>' +
      '<script src="https://www.googletagmanager.com/gtm.js?id=GTM-SRC123&amp;l=dataLayer"></script>' +
      '<script src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-9999999999"></script>' +
      '</head><body><noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-NOSCR1"></iframe></noscript>' +
      '<a href="https://example.org/?id=G-LINK12345">G-TEXT12345</a><img src="/x.png?id=GTM-IMG123" alt="UA-1234567-9">' +
      '<p title="AW-123456789">UA-7654321-1 in the text</p></body></html>';
    expect(idsOf(html)).toEqual(['G-SRC12345', 'GTM-NOSCR1', 'GTM-SRC123', 'ca-pub-9999999999']);
  });

  it('keeps ids sorted and distinct, at most MAX_ANALYTICS_IDS, the first ones in the document', () => {
    const many = Array.from({ length: 40 }, (_, i) => `'UA-${1000000 + i}-1'`).join(';');
    const ids = idsOf(script(`'G-ZZZZZZZZ';'G-ZZZZZZZZ';${many}`))!;
    expect(ids).toHaveLength(MAX_ANALYTICS_IDS);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain('G-ZZZZZZZZ');
    expect(ids).toContain('UA-1000000-1');
    expect(ids).not.toContain('UA-1000039-1');
  });
});

describe('analytics ids: streaming', () => {
  const html =
    '<html><head><script async src="https://www.googletagmanager.com/gtag/js?id=G-SRC12345"></script>' +
    `<script>${'x = 1; '.repeat(50)}gtag('config', 'UA-1234567-12'); ${'y < 2; '.repeat(30)}` +
    `fbq('init', '123456789012345'); var c = "ca-pub-1234567890123456";</script>` +
    '</head><body><script>dataLayer.push("GTM-AB12CD")</script><p>end</p><script>"AW-123456789"</script>' +
    '</body></html>';
  const expected = [
    'AW-123456789',
    'G-SRC12345',
    'GTM-AB12CD',
    'UA-1234567-12',
    'ca-pub-1234567890123456',
    'fbq-123456789012345',
  ];

  it('finds every id, whole, however the page is cut into chunks', () => {
    for (const chunk of [html.length, 1, 2, 3, 5, 7, 13, 64, 100]) {
      expect(idsOf(html, { textDigest: true }, chunk), `chunk ${chunk}`).toEqual(expected);
    }
  });

  it('finds an id at the very end of a script and of a document left open', () => {
    expect(idsOf('<script>G-ENDOFIT1</script>', { textDigest: true }, 3)).toEqual(['G-ENDOFIT1']);
    expect(idsOf('<script>var a = "GTM-OPEN12', { textDigest: true }, 4)).toEqual(['GTM-OPEN12']);
  });

  it('leaves links, anchor texts and the text digest as they were', () => {
    const on = createHtmlLinkExtractor({ pageUrl: PAGE, textDigest: true, analyticsIds: true });
    const off = createHtmlLinkExtractor({ pageUrl: PAGE, textDigest: true, analyticsIds: false });
    const page = `<a href="/a">before <script>"UA-1234567-1"</script>after</a>${html}`;
    on.write(page);
    off.write(page);
    const a = on.end();
    const b = off.end();
    expect(a.page.analyticsIds).toEqual(['UA-1234567-1', ...expected].sort());
    const { analyticsIds: _ids, ...rest } = a.page;
    expect(rest).toEqual(b.page);
    expect(a.links).toEqual(b.links);
  });
});

describe('analytics ids: option', () => {
  const html = script("gtag('config', 'UA-1234567-1');");

  it('is off by default, as the text digest', () => {
    expect(idsOf(html, {})).toBeUndefined();
    expect(createHtmlLinkExtractor({ pageUrl: PAGE }).end().page).not.toHaveProperty('analyticsIds');
  });

  it('follows textDigest unless set, and gives [] for a page read without ids', () => {
    expect(idsOf(html, { textDigest: true })).toEqual(['UA-1234567-1']);
    expect(idsOf(html, { textDigest: true, analyticsIds: false })).toBeUndefined();
    expect(idsOf(html, { analyticsIds: true })).toEqual(['UA-1234567-1']);
    expect(idsOf(script('var a = 1;'), { textDigest: true })).toEqual([]);
  });
});
