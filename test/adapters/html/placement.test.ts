/**
 * Link placement in real markup: each rule of core/link/placement.ts on a small document, and the
 * extractor's string-free word reading (fast-signal.ts) against core's `elementSignal`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { wordsSignal } from '../../../src/adapters/html/fast-signal.ts';
import { createHtmlLinkExtractor } from '../../../src/adapters/html/index.ts';
import { elementSignal } from '../../../src/core/link/placement.ts';
import { HTML_CORPUS_DIR } from '../../support/paths.ts';

function placements(html: string): string[] {
  const extractor = createHtmlLinkExtractor({ pageUrl: 'http://example.com/' });
  extractor.write(html);
  return extractor.end().links.map((l) => l.placement);
}

describe('placement rules in documents', () => {
  it('rule 1: HTML5 sectioning elements', () => {
    expect(
      placements(
        '<header><a href="/h">h</a></header><nav><ul><li><a href="/n">n</a></li></ul></nav>' +
          '<main><p><a href="/m">m</a></p></main><article><a href="/a">a</a></article>' +
          '<aside><a href="/s">s</a></aside><footer><p><a href="/f">f</a></p></footer>',
      ),
    ).toEqual(['header', 'nav', 'content', 'content', 'aside', 'footer']);
  });

  it('rule 2: ARIA roles', () => {
    expect(
      placements(
        '<div role="banner"><a href="/1">1</a></div><div role="Navigation "><a href="/2">2</a></div>' +
          '<div role="main"><a href="/3">3</a></div><div role="complementary"><a href="/4">4</a></div>' +
          '<div role="contentinfo"><a href="/5">5</a></div>',
      ),
    ).toEqual(['header', 'nav', 'content', 'aside', 'footer']);
  });

  it('rule 3: class and id words (camelCase, -, _), boilerplate beating content on one element', () => {
    expect(
      placements(
        '<div id="mainNav"><a href="/1">1</a></div><div class="site-footer"><a href="/2">2</a></div>' +
          '<div class="footer-content"><a href="/3">3</a></div><div class="entry_content"><a href="/4">4</a></div>' +
          '<div class="widget-area"><a href="/5">5</a></div><div class="contentious"><a href="/6">6</a></div>',
      ),
    ).toEqual(['nav', 'footer', 'footer', 'content', 'aside', 'unknown']);
  });

  it('the link element itself counts, innermost signal first', () => {
    expect(
      placements(
        '<div class="content"><a class="menu-item" href="/1">1</a><div class="related"><a href="/2">2</a></div>' +
          '<img class="sidebar-logo" src="/logo.png"></div><nav><div class="post"><a href="/3">3</a></div></nav>',
      ),
    ).toEqual(['nav', 'aside', 'aside', 'content']);
  });

  it('rule 4: a header or footer inside an article or main is content', () => {
    expect(
      placements(
        '<article><header><a href="/1">byline</a></header><footer><a href="/2">share</a></footer></article>' +
          '<div class="post"><div class="post-footer"><a href="/3">3</a></div></div>' +
          '<header><nav><a href="/4">4</a></nav></header>',
      ),
    ).toEqual(['content', 'content', 'content', 'nav']);
  });

  it('rule 5: no signal is unknown; a closed section no longer counts', () => {
    expect(placements('<div><p><a href="/1">1</a></p></div><nav></nav><a href="/2">2</a>')).toEqual([
      'unknown',
      'unknown',
    ]);
  });

  it('places <style> URLs where the element is, and follows implied closes', () => {
    expect(
      placements(
        '<footer><style>p{background:url(/bg.png)}</style></footer><ul class="menu"><li><a href="/1">1<li><a href="/2">2</ul><a href="/3">3</a>',
      ),
    ).toEqual(['footer', 'nav', 'nav', 'unknown']);
  });
});

describe('fast class/id words agree with elementSignal', () => {
  it('on every class and id of the 258-page corpus', () => {
    let checked = 0;
    for (const file of readdirSync(HTML_CORPUS_DIR)) {
      const parser = new Parser({
        onopentag(_name, attribs) {
          if (!attribs.class && !attribs.id) return;
          checked++;
          const fast = wordsSignal(attribs.id, attribs.class);
          if (fast !== undefined)
            expect(fast).toBe(elementSignal('span', attribs.id, attribs.class, undefined));
        },
      });
      parser.end(readFileSync(join(HTML_CORPUS_DIR, file), 'utf8'));
    }
    expect(checked).toBeGreaterThan(50_000);
  });

  it('on random class values made of signal words, separators and case', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'nav',
        'Nav',
        'NAV',
        'menu',
        'footer',
        'Footer',
        'content',
        'main',
        'post',
        'sidebar',
        'widget',
      ),
      fc.constantFrom('-', '_', ' ', '--', '.', '1', 'x', 'X', 'é', 'İ', 'K'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }),
        fc.option(fc.array(piece, { maxLength: 4 })),
        (parts, idParts) => {
          const className = parts.join('');
          const id = idParts === null ? undefined : idParts.join('');
          const fast = wordsSignal(id, className);
          if (fast !== undefined) expect(fast).toBe(elementSignal('span', id, className, undefined));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
