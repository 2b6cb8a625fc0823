/** Behaviour of the streaming extractor on small documents: one rule per test. */
import { describe, expect, it } from 'vitest';
import { createHtmlLinkExtractor, type HtmlLinkExtractorOptions } from '../../../src/adapters/html/index.ts';
import type { PageLinks } from '../../../src/core/link/page.ts';

const PAGE = 'http://example.com/dir/page.html';

function extract(html: string, options: Partial<HtmlLinkExtractorOptions> = {}): PageLinks {
  const extractor = createHtmlLinkExtractor({ pageUrl: PAGE, ...options });
  extractor.write(html);
  return extractor.end();
}

const only = (html: string, options?: Partial<HtmlLinkExtractorOptions>) => {
  const { links } = extract(html, options);
  expect(links).toHaveLength(1);
  return links[0]!;
};

describe('paths and kinds', () => {
  it.each([
    ['<a href="/a">x</a>', 'A@/href', 'a'],
    ['<area href="/a" alt="map">', 'AREA@/href', 'area'],
    ['<img src="/i.png">', 'IMG@/src', 'img'],
    ['<img longdesc="/d.html">', 'IMG@/longdesc', 'img'],
    ['<link rel="next" href="/2">', 'LINK@/href', 'link'],
    ['<iframe src="/f"></iframe>', 'IFRAME@/src', 'iframe'],
    ['<frame src="/f">', 'FRAME@/src', 'frame'],
    ['<form action="/s"></form>', 'FORM@/action', 'form'],
    ['<meta http-equiv="refresh" content="0; url=/next">', 'META@/content', 'meta-refresh'],
    ['<base href="/b/">', 'BASE@/href', 'base'],
    ['<script src="/s.js"></script>', 'SCRIPT@/src', 'script'],
    ['<object data="/o.swf"></object>', 'OBJECT@/data', 'object'],
    ['<embed src="/e.swf">', 'EMBED@/src', 'embed'],
    ['<video poster="/p.jpg"></video>', 'VIDEO@/poster', 'media'],
    ['<audio src="/a.mp3"></audio>', 'AUDIO@/src', 'media'],
    ['<track src="/t.vtt">', 'TRACK@/src', 'media'],
    ['<q cite="/c">x</q>', 'Q@/cite', 'cite'],
    ['<blockquote cite="/c">x</blockquote>', 'BLOCKQUOTE@/cite', 'cite'],
    ['<del cite="/c">x</del>', 'DEL@/cite', 'cite'],
    ['<button formaction="/f">x</button>', 'BUTTON@/formaction', 'form'],
    ['<input type="image" src="/i.png">', 'INPUT@/src', 'img'],
    ['<input type="submit" formaction="/go">', 'INPUT@/formaction', 'form'],
    ['<body background="/bg.jpg"></body>', 'BODY@/background', 'background'],
    ['<div data-href="/d"></div>', 'DIV@/data-href', 'data-attr'],
    ['<div data-uri="/d"></div>', 'DIV@/data-uri', 'data-attr'],
    ['<span onclick="location.href=\'/page\'">x</span>', 'SPAN@/onclick', 'onclick'],
    ['<div style="background:url(/bg.png)"></div>', 'DIV@/style', 'css'],
    ['<style>p { background: url(/bg.png) }</style>', 'STYLE/#text', 'css'],
    ['<menuitem icon="/i.png">', 'MENUITEM@/icon', 'other'],
  ])('%s -> %s (%s)', (html, path, kind) => {
    const link = only(html);
    expect(link.path).toBe(path);
    expect(link.kind).toBe(kind);
    expect(link.source).toBe(PAGE);
  });

  it('srcset gives one link per candidate, data: URLs trimmed', () => {
    const { links } = extract(
      '<img src="a.jpg" srcset="a-1x.jpg 1x, a-2x.jpg 2x,data:image/png;base64,AAAA 3x"><source srcset="v.webp">',
    );
    expect(links.map((l) => [l.path, l.rawUrl])).toEqual([
      ['IMG@/src', 'a.jpg'],
      ['IMG@/srcset', 'a-1x.jpg'],
      ['IMG@/srcset', 'a-2x.jpg'],
      ['IMG@/srcset', 'data:image/png;base64,'],
      ['SOURCE@/srcset', 'v.webp'],
    ]);
  });

  it('skips empty URL values, except an empty <a href> and <form action> (the page itself)', () => {
    const { links } = extract('<img src=""><script src=" "></script><a href="">x</a><form action=""></form>');
    expect(links.map((l) => [l.path, l.target])).toEqual([
      ['A@/href', PAGE],
      ['FORM@/action', PAGE],
    ]);
  });

  it('ignores an <a> without href, and names that only look like URL attributes', () => {
    expect(
      extract('<a name="top">x</a><div href="/no" src="/no"></div><p data-hrefs="/no"></p>').links,
    ).toEqual([]);
  });

  it('reads tag and attribute names in any case, and the first of repeated attributes', () => {
    const link = only('<A HREF="/first" href="/second" REL="NoFollow">x</A>');
    expect(link.rawUrl).toBe('/first');
    expect(link.nofollow).toBe(true);
  });

  it('gives positions in document order (an anchor where it opens)', () => {
    const { links } = extract('<a href="/1"><img src="/2"></a><a href="/3">x</a>');
    expect(links.map((l) => [l.rawUrl, l.position])).toEqual([
      ['/1', 0],
      ['/2', 1],
      ['/3', 2],
    ]);
  });
});

describe('anchor text', () => {
  it('collapses whitespace and decodes references', () => {
    expect(only('<a href="/x">\n  Fish &amp;\tchips&nbsp;&#x21; \n</a>').anchor).toBe('Fish & chips !');
  });

  it('separates words at block elements, not at inline ones', () => {
    expect(
      only('<a href="/x"><div>one</div><div>two</div><b>th</b>ree<br>four<span>teen</span></a>').anchor,
    ).toBe('one two three fourteen');
    expect(only('<a href="/x"><li>a<li>b</a>').anchor).toBe('a b');
  });

  it('takes the alt of an image inside when there is no text', () => {
    expect(
      extract('<a href="/x"><img src="/logo.png" alt=" Home  page "></a>').links.map((l) => l.anchor),
    ).toEqual(['Home page', 'Home page']);
    expect(only('<a href="/x"><img alt="ignored">Text</a>').anchor).toBe('Text');
    expect(only('<a href="/x"><img alt=""><img alt="second"></a>').anchor).toBe('second');
  });

  it('gives an image link its own alt', () => {
    expect(only('<img src="/i.png" alt="A &quot;cat&quot;">').anchor).toBe('A "cat"');
  });

  it('leaves out script and style text', () => {
    expect(only('<a href="/x">a<script>var b = 1;</script>c</a>').anchor).toBe('ac');
  });

  it('keeps at most 128 characters', () => {
    const anchor = only(`<a href="/x">${'word '.repeat(200)}</a>`).anchor;
    expect(anchor.length).toBeLessThanOrEqual(128);
    expect(anchor.startsWith('word word')).toBe(true);
    expect(anchor.endsWith(' ')).toBe(false);
  });

  it('does not cut a surrogate pair', () => {
    const anchor = only(`<a href="/x">${'a'.repeat(127)}😊</a>`).anchor;
    expect(anchor).toBe('a'.repeat(127));
  });

  it('ends an anchor at the next <a>, an enclosing end tag, or the end of the document', () => {
    const { links } = extract('<p><a href="/1">one<a href="/2">two</p>after<div><a href="/3">three');
    expect(links.map((l) => [l.rawUrl, l.anchor])).toEqual([
      ['/1', 'one'],
      ['/2', 'two'],
      ['/3', 'three'],
    ]);
  });
});

describe('rel', () => {
  it('splits on whitespace and commas, case-insensitively, without duplicates', () => {
    const link = only('<a href="/x" rel="UGC, nofollow  NOFOLLOW,noopener">x</a>');
    expect(link.rel).toEqual(['ugc', 'nofollow', 'noopener']);
    expect([link.nofollow, link.ugc, link.sponsored]).toEqual([true, true, false]);
  });

  it('reads rel on AREA, LINK and FORM too, and nothing else', () => {
    const { links } = extract(
      '<area href="/a" rel="sponsored"><link href="/l" rel="nofollow"><form action="/f" rel="ugc"></form><img src="/i" rel="nofollow">',
    );
    expect(links.map((l) => [l.path, l.sponsored, l.nofollow, l.ugc])).toEqual([
      ['AREA@/href', true, false, false],
      ['LINK@/href', false, true, false],
      ['FORM@/action', false, false, true],
      ['IMG@/src', false, false, false],
    ]);
  });
});

describe('page-level robots', () => {
  it.each([
    ['<meta name="robots" content="nofollow">', true, false],
    ['<meta name="ROBOTS" content="noindex, NoFollow">', true, true],
    ['<meta name="robots" content="none">', true, true],
    ['<meta name="robots" content="noindex">', false, true],
    ['<meta name="googlebot" content="nofollow">', false, false],
  ])('%s', (meta, nofollow, noindex) => {
    const { page, links } = extract(`<a href="/before">x</a>${meta}<a href="/after">y</a>`);
    expect([page.nofollow, page.noindex]).toEqual([nofollow, noindex]);
    expect(links.map((l) => l.nofollow)).toEqual([nofollow, nofollow]);
  });

  it('reads the crawler-named meta when an agent is given', () => {
    const { page } = extract('<meta name="googlebot" content="nofollow">', { robotsAgent: 'Googlebot' });
    expect(page.nofollow).toBe(true);
  });

  it('applies X-Robots-Tag to every link', () => {
    const { page, links } = extract('<a href="/a">a</a><img src="/i">', {
      xRobotsTag: 'noarchive, nofollow',
    });
    expect(page.nofollow).toBe(true);
    expect(links.every((l) => l.nofollow)).toBe(true);
    expect(links.every((l) => l.rel.length === 0)).toBe(true); // the rel attribute itself is untouched
  });

  it('honours agent scopes in X-Robots-Tag', () => {
    expect(extract('<a href="/a">a</a>', { xRobotsTag: 'otherbot: nofollow' }).page.nofollow).toBe(false);
    expect(
      extract('<a href="/a">a</a>', { xRobotsTag: 'otherbot: nofollow', robotsAgent: 'otherbot' }).page
        .nofollow,
    ).toBe(true);
  });
});

describe('base URL', () => {
  it('applies the first <base href> to the whole document, links before it included', () => {
    const { page, links } = extract(
      '<a href="before">b</a><base href="http://cdn.example.org/root/"><base href="http://ignored.example/"><a href="after">a</a>',
    );
    expect(page.baseUrl).toBe('http://cdn.example.org/root/');
    expect(links.map((l) => [l.path, l.rawUrl, l.target])).toEqual([
      ['A@/href', 'before', 'http://cdn.example.org/root/before'],
      ['BASE@/href', 'http://cdn.example.org/root/', 'http://cdn.example.org/root/'],
      ['BASE@/href', 'http://ignored.example/', 'http://ignored.example/'],
      ['A@/href', 'after', 'http://cdn.example.org/root/after'],
    ]);
  });

  it('resolves a relative base against the page URL', () => {
    const { page, links } = extract('<base href="../other/"><a href="x">x</a>');
    expect(page.baseUrl).toBe('http://example.com/other/');
    expect(links[1]!.target).toBe('http://example.com/other/x');
  });

  it('gives null targets to values that are not URLs, and keeps other schemes', () => {
    const { links } = extract(
      '<a href="http://[bad">x</a><a href="mailto:a@b.c">m</a><a href="javascript:void(0)">j</a>',
    );
    expect(links.map((l) => l.target)).toEqual([null, 'mailto:a@b.c', 'javascript:void(0)']);
  });
});

describe('page facts', () => {
  it('collects title, lang, canonical and og:url', () => {
    const { page } = extract(
      '<html lang="EN-gb"><head><title> The  &amp; title </title><link rel="Canonical" href="/canon">' +
        '<meta property="og:url" content="http://example.com/og"></head><svg><title>icon</title></svg></html>',
    );
    expect(page).toMatchObject({
      url: PAGE,
      urlSource: 'capture',
      title: 'The & title',
      lang: 'en-gb',
      canonical: 'http://example.com/canon',
      ogUrl: 'http://example.com/og',
      charset: 'utf-8',
      charsetSource: 'default',
    });
  });

  it('does not take an SVG <title> as the page title', () => {
    expect(extract('<body><svg><title>icon</title></svg></body>').page.title).toBeNull();
  });

  it('passes status and charset through', () => {
    const { page } = extract('', { status: 404, charset: 'windows-1251', charsetSource: 'meta' });
    expect([page.status, page.charset, page.charsetSource]).toEqual([404, 'windows-1251', 'meta']);
  });
});

describe('page URL of a loose file (pageUrl: null)', () => {
  const file = (html: string, fallbackUrl?: string) =>
    extract(html, { pageUrl: null, ...(fallbackUrl === undefined ? {} : { fallbackUrl }) });

  it('is the canonical, resolved against the fallback', () => {
    const { page, links } = file(
      '<link rel="canonical" href="/story"><a href="next">n</a>',
      'http://site.example/x/y.html',
    );
    expect([page.url, page.urlSource]).toEqual(['http://site.example/story', 'canonical']);
    expect(links.every((l) => l.source === 'http://site.example/story')).toBe(true);
    expect(links[1]!.target).toBe('http://site.example/next');
  });

  it('else og:url', () => {
    const { page } = file('<meta property="og:url" content="https://news.example/a">');
    expect([page.url, page.urlSource]).toEqual(['https://news.example/a', 'og:url']);
  });

  it('else the fallback', () => {
    const { page } = file('<a href="x">x</a>', 'file:///tmp/page.html');
    expect([page.url, page.urlSource]).toEqual(['file:///tmp/page.html', 'fallback']);
  });

  it('else unknown: only absolute targets', () => {
    const { page, links } = file(
      '<link rel="canonical" href="/relative"><a href="x">x</a><a href="https://a.example/">a</a>',
    );
    expect([page.url, page.urlSource]).toEqual(['', 'none']);
    expect(links.map((l) => l.target)).toEqual([null, null, 'https://a.example/']);
  });
});

describe('streaming contract', () => {
  it('refuses writes after end, and a second end', () => {
    const extractor = createHtmlLinkExtractor({ pageUrl: PAGE });
    extractor.end();
    expect(() => extractor.write('<a>')).toThrow(/after end/);
    expect(() => extractor.end()).toThrow(/twice/);
  });

  it('survives odd markup: custom and Object.prototype-named tags, deep nesting, stray end tags', () => {
    const html = `<constructor class="constructor" role="constructor"><__proto__><a href="/x" class="toString">x</a></__proto__></constructor></p></br>${'<div>'.repeat(5000)}<a href="/deep">d</a>`;
    const { links } = extract(html);
    expect(links.map((l) => [l.rawUrl, l.placement])).toEqual([
      ['/x', 'unknown'],
      ['/deep', 'unknown'],
    ]);
  });
});
